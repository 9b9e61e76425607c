"""Passage search."""

from fastapi import APIRouter
from pydantic import BaseModel, Field, StrictInt

from api.deps import AssistantDep, SettingsDep, bounded
from assistant.retrieval import Filters, Passage

router = APIRouter(prefix="/api", tags=["search"])


class SearchRequest(BaseModel, extra="forbid"):
    query: str = Field(min_length=1, max_length=2000)
    k: StrictInt = Field(8, ge=1, le=50)  # "5" or true is a mistake, not a number
    filters: Filters | None = None


class SearchResult(BaseModel):
    chunk_id: str
    document: str
    title: str
    section: str
    page: int | None
    score: float
    text: str


class SearchResponse(BaseModel):
    results: list[SearchResult]


def _result(p: Passage) -> SearchResult:
    return SearchResult(
        chunk_id=p.chunk_id,
        document=p.document_id,
        title=p.document_title,
        section=p.section,
        page=p.page,
        score=p.score,
        text=p.text,
    )


@router.post("/search")
async def search(request: SearchRequest, assistant: AssistantDep, settings: SettingsDep) -> SearchResponse:
    passages = await bounded(settings, assistant.search, request.query, request.k, request.filters)
    return SearchResponse(results=[_result(p) for p in passages])

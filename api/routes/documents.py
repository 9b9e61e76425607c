"""The documents in the index."""

from fastapi import APIRouter

from api.deps import AssistantDep
from assistant.snapshot import DocumentRecord

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def list_documents(assistant: AssistantDep) -> list[DocumentRecord]:
    snapshot, _ = assistant.retriever.reader.current()
    return sorted(snapshot.documents.values(), key=lambda d: d.title.lower())

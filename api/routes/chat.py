"""Questions and grounded answers: JSON, and Server-Sent Events for the web UI."""

import json
import re
from collections.abc import AsyncIterator

from fastapi import APIRouter
from pydantic import BaseModel, Field, field_validator
from sse_starlette.sse import EventSourceResponse

from api.deps import AssistantDep, CurrentUserDep, SettingsDep, User, bounded
from api.errors import TIMEOUT_MESSAGE, status_for
from assistant.answer import Answer
from assistant.core.errors import AssistantError
from assistant.retrieval import Filters
from assistant.service import Assistant

router = APIRouter(prefix="/api", tags=["chat"])


class ChatRequest(BaseModel, extra="forbid"):
    question: str = Field(min_length=1, max_length=2000)
    conversation_id: str | None = Field(None, max_length=64)
    filters: Filters | None = None

    @field_validator("question")
    @classmethod
    def _not_blank(cls, question: str) -> str:
        # Checked here, not only in Assistant.ask, so /chat/stream answers 422 before it starts streaming.
        if not question.strip():
            raise ValueError("De vraag is leeg: typ een vraag.")
        return question


def _ask(assistant: Assistant, request: ChatRequest, user: User) -> Answer:
    """Answer within the user's own conversation: a new one is theirs, someone else's "bestaat niet"."""
    if request.conversation_id:
        assistant.conversations.get(request.conversation_id, user.name)
        return assistant.ask(request.question, request.conversation_id, request.filters)
    conversation_id = assistant.conversations.create(request.question, user.name)
    try:
        return assistant.ask(request.question, conversation_id, request.filters)
    except Exception:
        assistant.conversations.delete(conversation_id, user.name)  # no empty conversation left behind
        raise


@router.post("/chat")
async def chat(
    request: ChatRequest, assistant: AssistantDep, settings: SettingsDep, user: CurrentUserDep
) -> Answer:
    return await bounded(settings, _ask, assistant, request, user)


def _pieces(text: str) -> list[str]:
    """The answer in the order it is read: sentence by sentence with its citation marker."""
    return [p for p in re.split(r"(?<=\])\s+", text) if p]


@router.post("/chat/stream")
async def chat_stream(
    request: ChatRequest, assistant: AssistantDep, settings: SettingsDep, user: CurrentUserDep
) -> EventSourceResponse:
    async def events() -> AsyncIterator[dict]:
        try:
            answer = await bounded(settings, _ask, assistant, request, user)
        except AssistantError as exc:
            yield {"event": "error", "data": json.dumps({"detail": str(exc), "status": status_for(exc)})}
            return
        except TimeoutError:
            yield {"event": "error", "data": json.dumps({"detail": TIMEOUT_MESSAGE, "status": 504})}
            return
        for piece in _pieces(answer.text):
            yield {"event": "delta", "data": json.dumps({"text": piece + " "}, ensure_ascii=False)}
        citations = [c.model_dump() for c in answer.citations]
        yield {"event": "citations", "data": json.dumps(citations, ensure_ascii=False)}
        yield {"event": "done", "data": answer.model_dump_json()}

    return EventSourceResponse(events())

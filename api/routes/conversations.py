"""Stored conversations and feedback on answers."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import AssistantDep
from assistant.conversations import Conversation

router = APIRouter(prefix="/api", tags=["conversations"])


@router.get("/conversations")
def list_conversations(assistant: AssistantDep) -> list[Conversation]:
    return assistant.conversations.list()


@router.get("/conversations/{conversation_id}")
def get_conversation(conversation_id: str, assistant: AssistantDep) -> Conversation:
    return assistant.conversations.get(conversation_id)


class FeedbackRequest(BaseModel, extra="forbid"):
    conversation_id: str | None = Field(None, max_length=64)
    position: int | None = Field(None, ge=0)
    rating: Literal[-1, 1]
    comment: str = Field("", max_length=2000)


@router.post("/feedback", status_code=201)
def feedback(request: FeedbackRequest, assistant: AssistantDep) -> dict[str, str]:
    if request.conversation_id:
        assistant.conversations.get(request.conversation_id)  # 404 for an unknown conversation
    assistant.conversations.add_feedback(
        request.conversation_id, request.position, request.rating, request.comment
    )
    return {"status": "opgeslagen"}

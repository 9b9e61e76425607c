"""Each user's own stored conversations (list, read, rename, delete) and feedback on answers."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field, field_validator

from api.deps import AssistantDep, CurrentUserDep
from assistant.conversations import Conversation

router = APIRouter(prefix="/api", tags=["conversations"])


@router.get("/conversations")
def list_conversations(assistant: AssistantDep, user: CurrentUserDep) -> list[Conversation]:
    return assistant.conversations.list(user.name)


@router.get("/conversations/{conversation_id}")
def get_conversation(conversation_id: str, assistant: AssistantDep, user: CurrentUserDep) -> Conversation:
    return assistant.conversations.get(conversation_id, user.name)


class Rename(BaseModel, extra="forbid"):
    title: str = Field(min_length=1, max_length=120, pattern=r"\S")


@router.put("/conversations/{conversation_id}")
def rename_conversation(
    conversation_id: str, body: Rename, assistant: AssistantDep, user: CurrentUserDep
) -> Conversation:
    assistant.conversations.rename(conversation_id, user.name, body.title.strip())
    return assistant.conversations.get(conversation_id, user.name)


@router.delete("/conversations/{conversation_id}")
def delete_conversation(
    conversation_id: str, assistant: AssistantDep, user: CurrentUserDep
) -> dict[str, str]:
    assistant.conversations.delete(conversation_id, user.name)
    return {"status": "verwijderd", "gesprek": conversation_id}


class FeedbackRequest(BaseModel, extra="forbid", strict=True):  # true is not a rating
    conversation_id: str | None = Field(None, max_length=64)
    position: int | None = Field(None, ge=0)
    rating: Literal[-1, 1]
    comment: str = Field("", max_length=2000)

    @field_validator("rating", mode="before")
    @classmethod
    def _whole_number(cls, value: object) -> object:
        # A Literal matches by equality, so true and 1.0 would pass as 1.
        if type(value) is not int:
            raise ValueError("de beoordeling is 1 of -1")
        return value


@router.post("/feedback", status_code=201)
def feedback(request: FeedbackRequest, assistant: AssistantDep, user: CurrentUserDep) -> dict[str, str]:
    if request.conversation_id:
        assistant.conversations.get(request.conversation_id, user.name)  # 404 unless it is theirs
    assistant.conversations.add_feedback(
        request.conversation_id, request.position, request.rating, request.comment
    )
    return {"status": "opgeslagen"}

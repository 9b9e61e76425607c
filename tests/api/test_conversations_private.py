"""Defect 7: every caller saw every conversation, and DELETE answered 405. Now each user lists, reads,
renames and deletes only their own; someone else's conversation "bestaat niet" (404)."""

import pytest

from tests.builders import assert_error

pytestmark = pytest.mark.slow  # an app of its own


def _answer(document_id: str, quote: str) -> dict:
    passage = {"chunk_id": f"{document_id}-0", "document_id": document_id, "text": f"Eerder. {quote} Later."}
    citation = {"n": 1, "chunk_id": f"{document_id}-0", "document_id": document_id, "quote": quote}
    return {"text": f"{quote} [1]", "citations": [citation], "passages": [passage]}


def test_conversations_are_private(auth_app) -> None:
    with auth_app() as app, app.sign_in("recruiter") as mine, app.sign_in("recruiter2") as theirs:
        store = app.services.assistant.conversations
        own = store.create("Mijn vraag over Lab XL", "recruiter")
        other = store.create("Vraag van jan@voorbeeld.nl", "recruiter2")
        store.add_turn(other, "Vraag van jan@voorbeeld.nl", "vraag", _answer("doc-a", "Een zin."))

        listed = mine.get("/api/conversations").json()
        assert [c["id"] for c in listed] == [own]
        assert "jan@voorbeeld.nl" not in mine.get("/api/conversations").text
        assert mine.get(f"/api/conversations/{own}").status_code == 200
        for response in (
            mine.get(f"/api/conversations/{other}"),
            mine.put(f"/api/conversations/{other}", json={"title": "Gekaapt"}),
            mine.delete(f"/api/conversations/{other}"),
            mine.post("/api/feedback", json={"conversation_id": other, "rating": -1}),
            mine.post("/api/chat", json={"question": "En verder?", "conversation_id": other}),
        ):
            assert "bestaat niet" in assert_error(response, 404)
        assert store.get(other).title == "Vraag van [verwijderd]"  # untouched (and stored redacted)

        renamed = mine.put(f"/api/conversations/{own}", json={"title": "  Lab XL  "})
        assert renamed.status_code == 200 and renamed.json()["title"] == "Lab XL"
        assert_error(mine.put(f"/api/conversations/{own}", json={"title": "   "}), 422)
        assert mine.delete(f"/api/conversations/{own}").status_code == 200
        assert_error(mine.get(f"/api/conversations/{own}"), 404)
        assert mine.get("/api/conversations").json() == []
        assert [c["id"] for c in theirs.get("/api/conversations").json()] == [other]


def test_stored_answers_forget_a_deleted_document(auth_app) -> None:
    with auth_app() as app:
        store = app.services.assistant.conversations
        conversation = store.create("Vraag", "recruiter")
        store.add_turn(conversation, "Vraag", "vraag", _answer("weg", "Een geheime zin."))
        store.add_turn(conversation, "Nog een", "nog een", _answer("blijft", "Een andere zin."))
        assert store.forget_document("weg") == 1
        gone, kept = (turn.answer for turn in store.get(conversation).turns)
        assert "geheime" not in str(gone)
        assert gone["passages"][0]["text"] == gone["citations"][0]["quote"] == "bron verwijderd"
        assert gone["citations"][0]["source_removed"] is True
        assert gone["text"] == "bron verwijderd [1]"
        assert kept == _answer("blijft", "Een andere zin.")
        assert store.forget_document("weg") == 0

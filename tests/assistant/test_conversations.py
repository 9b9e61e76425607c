"""The SQLite conversation store: conversations, turns, feedback, and unknown ids."""

import sqlite3
import threading
from pathlib import Path

import pytest

from assistant.conversations import ConversationStore
from assistant.core.errors import NotFoundError


@pytest.fixture
def store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(tmp_path / "nested" / "conversations.sqlite")


def test_store_creates_its_file_and_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "conversations.sqlite"
    ConversationStore(path)
    assert path.is_file()
    ConversationStore(path)  # opening an existing store keeps it


def test_create_and_get_an_empty_conversation(store: ConversationStore) -> None:
    conversation_id = store.create("Wat is Lab XL?")
    conversation = store.get(conversation_id)
    assert conversation.id == conversation_id
    assert conversation.title == "Wat is Lab XL?"
    assert conversation.turns == []
    assert conversation.created  # an ISO timestamp
    assert conversation.created[:4].isdigit() and "T" in conversation.created


def test_ids_are_unique(store: ConversationStore) -> None:
    ids = {store.create("Vraag") for _ in range(50)}
    assert len(ids) == 50


def test_long_titles_are_cut(store: ConversationStore) -> None:
    conversation_id = store.create("x" * 500)
    assert store.get(conversation_id).title == "x" * 120


def test_titles_keep_no_personal_data(store: ConversationStore) -> None:
    conversation_id = store.create("Mail klaas [at] voorbeeld.nl of bel (020) 123 45 67 over Lab XL")
    title = store.get(conversation_id).title
    assert "klaas" not in title and "123 45 67" not in title and "Lab XL" in title
    store.rename(conversation_id, "lokaal", "Bel 06.12.34.56.78")
    assert "56.78" not in store.get(conversation_id).title


def test_turns_are_numbered_and_keep_the_answer(store: ConversationStore) -> None:
    conversation_id = store.create("Wat is een digitaal leerplatform?")
    answer = {"text": "Een leerplatform brengt alles samen. [1]", "citations": [{"n": 1, "quote": "…"}]}
    first = store.add_turn(
        conversation_id, "Wat is een digitaal leerplatform?", "Wat is een digitaal leerplatform?", answer
    )
    second = store.add_turn(
        conversation_id,
        "En in Dalfsen?",
        "Wat is een digitaal leerplatform? En in Dalfsen?",
        {"text": "Dalfsen: Digitaal Leerplatform Omgevingswet [1]", "abstained": False},
    )
    assert (first, second) == (0, 1)
    turns = store.get(conversation_id).turns
    assert [t.position for t in turns] == [0, 1]
    assert turns[0].answer == answer
    assert turns[1].question == "En in Dalfsen?"
    assert turns[1].rewritten == "Wat is een digitaal leerplatform? En in Dalfsen?"
    assert turns[1].answer["abstained"] is False


def test_non_ascii_text_survives(store: ConversationStore) -> None:
    conversation_id = store.create("Carrièreswitchers in ’s-Hertogenbosch")
    store.add_turn(conversation_id, "Wat is één?", "Wat is één?", {"text": "“Citaat” – €5"})
    conversation = store.get(conversation_id)
    assert conversation.title == "Carrièreswitchers in ’s-Hertogenbosch"
    assert conversation.turns[0].answer["text"] == "“Citaat” – €5"


def test_turns_of_different_conversations_are_separate(store: ConversationStore) -> None:
    a, b = store.create("A"), store.create("B")
    store.add_turn(a, "vraag a", "vraag a", {})
    assert store.add_turn(b, "vraag b", "vraag b", {}) == 0
    assert [t.question for t in store.get(a).turns] == ["vraag a"]
    assert [t.question for t in store.get(b).turns] == ["vraag b"]


def test_list_returns_the_owners_conversations_without_turns(store: ConversationStore) -> None:
    assert store.list("anna") == []
    ids = [store.create(f"Vraag {i}", "anna") for i in range(3)]
    store.create("Vraag van piet", "piet")
    store.add_turn(ids[0], "v", "v", {"text": "a"})
    listed = store.list("anna")
    assert {c.id for c in listed} == set(ids)
    assert all(c.turns == [] for c in listed)
    assert [c.created for c in listed] == sorted((c.created for c in listed), reverse=True)
    assert len(store.list("anna", limit=2)) == 2


def test_unknown_conversation_is_not_found(store: ConversationStore) -> None:
    with pytest.raises(NotFoundError, match="bestaat niet"):
        store.get("bestaat-niet")


def test_turn_for_an_unknown_conversation_is_refused(store: ConversationStore) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.add_turn("bestaat-niet", "vraag", "vraag", {})
    assert store.list("lokaal") == []


def test_feedback_is_stored(store: ConversationStore) -> None:
    conversation_id = store.create("Wat is Lab XL?")
    store.add_turn(conversation_id, "Wat is Lab XL?", "Wat is Lab XL?", {"text": "…"})
    store.add_feedback(conversation_id, 0, 1, "Duidelijk antwoord")
    store.add_feedback(None, None, -1, "")
    with sqlite3.connect(store.path) as db:
        rows = db.execute(
            "SELECT conversation_id, position, rating, comment FROM feedback ORDER BY id"
        ).fetchall()
    assert rows == [(conversation_id, 0, 1, "Duidelijk antwoord"), (None, None, -1, "")]


def test_store_is_shared_between_instances(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite"
    conversation_id = ConversationStore(path).create("Vraag")
    ConversationStore(path).add_turn(conversation_id, "v", "v", {"text": "a"})
    assert len(ConversationStore(path).get(conversation_id).turns) == 1


def test_concurrent_turns_get_distinct_positions(store: ConversationStore) -> None:
    conversation_id = store.create("Vraag")
    errors: list[BaseException] = []
    threads_n = 12
    start = threading.Barrier(threads_n)

    def add(i: int) -> None:
        start.wait()  # all threads read MAX(position) at the same moment, as concurrent requests do
        try:
            store.add_turn(conversation_id, f"vraag {i}", f"vraag {i}", {"i": i})
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    turns = store.get(conversation_id).turns
    assert [t.position for t in turns] == list(range(threads_n))
    assert sorted(t.answer["i"] for t in turns) == list(range(threads_n))

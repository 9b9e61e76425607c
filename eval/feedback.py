"""Stored user feedback -> candidate gold questions, for a person to review (never written into the gold
set itself): `python -m eval.run_eval --export-feedback`."""

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from assistant.core.text_nl import fold
from eval.metrics import normalise_space

COMMAND = "python -m eval.run_eval --export-feedback"


def _open_readonly(path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


_FEEDBACK_QUERY = """
SELECT f.id, f.rating, f.comment, f.created, f.conversation_id, f.position, t.position,
       t.question, t.rewritten, t.answer
FROM feedback f
LEFT JOIN turns t
  ON t.conversation_id = f.conversation_id
 AND t.position = COALESCE(
       f.position,
       (SELECT MAX(position) FROM turns WHERE conversation_id = f.conversation_id))
ORDER BY f.rating ASC, f.created DESC, f.id DESC
"""


def feedback_candidates(db_path: Path, gold: list[dict]) -> tuple[list[dict], int]:
    """Candidate gold questions from stored feedback, thumbs down first, newest first within a rating;
    also the number of feedback rows without a question (no turn to join)."""
    db = _open_readonly(db_path)
    if db is None:
        return [], 0
    try:
        rows = db.execute(_FEEDBACK_QUERY).fetchall()
    except sqlite3.OperationalError:  # no feedback table yet
        rows = []
    finally:
        db.close()
    in_gold = {normalise_space(fold(q["question"])): q["id"] for q in gold}
    candidates, orphans = [], 0
    for fid, rating, comment, created, conversation, position, turn, question, rewritten, raw in rows:
        if question is None:
            orphans += 1
            continue
        answer = json.loads(raw) if raw else {}
        candidate: dict[str, Any] = {
            "id": f"fb{fid:04d}",
            "question": question,
            "language": answer.get("language", "nl"),
            "type": "",  # to fill: number, date, howto, fact, comparison, multi_doc, persona, unanswerable
            "answerable": None,  # to decide from the documents
            "answer": "",
            "keywords": [],
            "evidence": [],  # [{document, text}] verbatim from the corpus
            "feedback": {
                "rating": rating,
                "comment": comment,
                "created": created,
                "conversation_id": conversation,
                "position": turn,
                "position_given": position is not None,
            },
            "assistant_answer": {
                "text": answer.get("text", ""),
                "abstained": answer.get("abstained"),
                "support": answer.get("support"),
                "engine": answer.get("engine"),
                "citations": [
                    {"document": c.get("document_id"), "quote": c.get("quote")}
                    for c in answer.get("citations", [])
                ],
            },
            "already_in_gold": in_gold.get(normalise_space(fold(question))),
        }
        if rewritten and rewritten != question:
            candidate["rewritten_question"] = rewritten
        candidates.append(candidate)
    return candidates, orphans


def export_feedback(db_path: Path, out: Path, gold: list[dict]) -> tuple[int, int]:
    """Write the candidates to `out` (never to the gold set itself); returns (candidates, orphans)."""
    candidates, orphans = feedback_candidates(db_path, gold)
    header = (
        "# Candidate gold questions from user feedback, exported "
        f"{datetime.now(UTC).isoformat(timespec='seconds')}\n"
        f"# from {db_path} by `{COMMAND}`.\n"
        "# Thumbs down (-1) first. Review each: decide `answerable`, fill `type`, `answer`, `keywords`\n"
        "# and verbatim `evidence`, drop `feedback`, `assistant_answer` and `already_in_gold`, then move it\n"
        "# into questions.yaml by hand.\n"
    )
    body = (
        yaml.safe_dump(candidates, allow_unicode=True, sort_keys=False, width=110) if candidates else "[]\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + body, encoding="utf-8")
    return len(candidates), orphans

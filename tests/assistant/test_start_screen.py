"""The start screen's wording in assistant/data/start_nl.yaml is valid and refuses bad edits."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.start import START_FILE, load_start_screen


def test_the_shipped_start_screen_is_valid() -> None:
    start = load_start_screen(START_FILE)
    assert "alleen uit de documenten" in start.purpose
    assert 3 <= len(start.examples) <= 6
    assert all(q.endswith("?") for q in start.examples)


def test_too_few_examples_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "start.yaml"
    path.write_text("purpose: Een zin over wat de assistent doet.\nexamples: ['Vraag?']\n", "utf-8")
    with pytest.raises(ValidationError, match="examples"):
        load_start_screen(path)

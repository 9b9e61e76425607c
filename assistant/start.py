"""The start screen's wording (what the assistant does, example questions), kept in
assistant/data/start_nl.yaml so HR staff can change it without touching code."""

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

START_FILE = Path(__file__).parent / "data" / "start_nl.yaml"


class StartScreen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: str = Field(min_length=20, max_length=600)
    examples: list[str] = Field(min_length=3, max_length=6)


@cache
def load_start_screen(path: Path = START_FILE) -> StartScreen:
    return StartScreen.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))

"""The gold questions (eval/gold/questions.yaml) as records, with the groups the report breaks down by."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "questions.yaml"
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    language: str
    kind: str  # the gold file's `type`: number, date, howto, fact, comparison, multi_doc, ...
    answerable: bool
    keywords: list[str]
    evidence: list[dict]
    split: str = "dev"
    phrasing: str = "document"  # document | own_words
    near_miss: bool = False
    follows: str | None = None  # id of the question this follow-up only makes sense after
    # team | other: written by people who had not seen the rest of the set, so fitted to nobody's wording
    writer: str = "team"
    answer: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def multi_document(self) -> bool:
        return len({e["document"] for e in self.evidence}) > 1

    def groups(self) -> dict[str, str]:
        """The report's breakdowns: group name -> this question's value."""
        return {
            "kind": self.kind,
            "language": self.language,
            "phrasing": self.phrasing,
            "documents": "multi" if self.multi_document else "single",
            "follow-up": "follow-up" if self.follows else "standalone",
            "writer": self.writer,
        }


def load_gold(path: Path = GOLD) -> list[GoldQuestion]:
    known = set(GoldQuestion.__dataclass_fields__) - {"kind", "extra"}
    questions = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        values = {k: v for k, v in raw.items() if k in known}
        values["kind"] = raw.get("type", "")
        values["extra"] = {k: v for k, v in raw.items() if k not in known and k != "type"}
        values.setdefault("keywords", [])
        values.setdefault("evidence", [])
        questions.append(GoldQuestion(**values))
    return questions


def in_split(gold: list[GoldQuestion], split: str) -> list[GoldQuestion]:
    return [q for q in gold if q.split == split]

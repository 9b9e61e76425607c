"""Write one sample vacancy draft per persona card to eval/samples/<persona-id>.md.

The samples are for the fictional "Gemeente Voorbeeldstad", in a mix of tones and forms of address, and
use the index in the configured data dir (run `make ingest` first). They are drafted with the template
engine even when an LLM is configured, so the committed samples only change when the drafter, the cards
or the corpus change.

    .venv/bin/python -m eval.make_samples
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.vacancy_export import to_markdown  # noqa: E402

from assistant.core.config import Settings  # noqa: E402
from assistant.service import build_assistant  # noqa: E402
from assistant.vacancy import VacancyDraft, VacancyRequest, draft_from_request  # noqa: E402

SAMPLES = ROOT / "eval" / "samples"
ORGANISATION = "Gemeente Voorbeeldstad"
# What a recruiter might type for each role; both tones and both forms of address are covered.
REQUESTS: dict[str, dict] = {
    "samira-strategie": {
        "tone": "formal",
        "address": "je",
        "hours": 36,
        "team": "de afdeling Ruimte en Strategie",
    },
    "bert-beleid": {"tone": "formal", "address": "u", "hours": 36, "salary": "schaal 10"},
    "amir-advies": {
        "tone": "informal",
        "address": "je",
        "hours": 36,
        "location": "Voorbeeldstad",
        "team": "het team Bodem en Water",
    },
    "vera-vergunning": {"tone": "informal", "address": "u", "hours": 32, "location": "Voorbeeldstad"},
    "tess-toezicht": {
        "tone": "informal",
        "address": "je",
        "hours": 36,
        "wishes": "Je werkt vaak buiten, ook als het regent. Een rijbewijs B is nodig.",
    },
}


def _summary(draft: VacancyDraft) -> str:
    """The checks in one HTML comment, so a reviewer sees them and a rendered page does not."""
    checks = draft.checks
    readability = checks.readability
    return (
        f"<!-- Voorbeeld gemaakt met eval/make_samples.py (personakaart {draft.persona.name}). "
        f"{draft.words} woorden; Flesch-Douma {readability.score:.0f}, "
        f"{readability.avg_sentence_length:.1f} woorden per zin, "
        f"{readability.long_word_share:.0%} lange woorden, B1: {'ja' if readability.b1 else 'nee'}; "
        f"inclusief taalgebruik: {len(checks.inclusive)} meldingen; "
        f"ambtelijke taal: {len(checks.jargon)} meldingen. -->"
    )


def main() -> int:
    settings = Settings()
    # The template engine, also when an LLM is configured: samples must be reproducible.
    assistant = dataclasses.replace(build_assistant(settings), chat_model=None)
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for persona_id, values in REQUESTS.items():
        request = VacancyRequest(persona_id=persona_id, organisation=ORGANISATION, **values)
        draft = draft_from_request(request, assistant)
        path = SAMPLES / f"{persona_id}.md"
        path.write_text(f"{_summary(draft)}\n\n{to_markdown(draft)}", encoding="utf-8")
        b1 = "B1" if draft.checks.readability.b1 else "niet B1"
        print(f"{path.relative_to(ROOT)}: {draft.words} woorden, {b1}, {len(draft.sources)} bronnen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Draft 5 personas x 3 organisations, measure what issue 9 asks, and keep one sample per persona.

    .venv/bin/python -m eval.make_samples        (or: make samples; run `make ingest` first)

Reported, for the 15 drafts:
- publishable-text violations: source markers, quotation marks, the persona card named, mixed address,
  employer claims the recruiter did not give (target 0);
- suggestions shared by all five personas of one organisation, not counting sector-wide ones (target 0);
- B1 verdict (target 15/15) and inclusive-wording findings (target 0);
- numbers in the text not traced to the input or the card, and numbers in the onderbouwing not in the
  cited passage (target 0).
The samples (eval/samples/<persona>.md) are for Gemeente Enschede and show the publishable text and the
onderbouwing. The template engine is deterministic, so they only change with the drafter, cards or corpus.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import json
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from assistant.core.config import PROJECT_ROOT, Settings
from assistant.personas import PersonaCard, load_personas
from assistant.service import build_assistant
from assistant.vacancy.compose import compose_draft
from assistant.vacancy.export import onderbouwing_blocks
from assistant.vacancy.models import VacancyDraft
from assistant.vacancy.render import to_markdown, vacancy_blocks
from assistant.vacancy.request import VacancyRequest
from assistant.vacancy.review import publishing_problems, untraced_numbers, untraced_practice_numbers
from assistant.vacancy.wording import VacancyWording, default_wording

SAMPLES = PROJECT_ROOT / "eval" / "samples"
SAMPLE_ORGANISATION = "Gemeente Enschede"
ORGANISATIONS = {
    "Gemeente Enschede": "gemeente",
    "Provincie Gelderland": "provincie",
    "Omgevingsdienst Twente": "omgevingsdienst",
}
# A fixed closing date keeps the samples stable; it only has to lie in the future when drafted.
CLOSING = date.today() + timedelta(days=28)
# What a recruiter might fill in per role; both tones and both forms of address are covered.
REQUESTS: dict[str, dict] = {
    "samira-strategie": {
        "tone": "formal",
        "address": "je",
        "hours": 36,
        "salary": "schaal 11",
        "team": "de afdeling Ruimte en Strategie",
        "wishes": ["hybride"],
    },
    "bert-beleid": {
        "tone": "formal",
        "address": "u",
        "hours": 36,
        "salary": "schaal 10",
        "education_level": "hbo of wo",
        "wishes": ["opleidingsbudget"],
    },
    "amir-advies": {
        "tone": "informal",
        "address": "je",
        "hours": 36,
        "location": "Enschede",
        "team": "het team Bodem en Water",
        "vacancy_number": "2026-114",
    },
    "vera-vergunning": {
        "tone": "informal",
        "address": "u",
        "hours": 32,
        "location": "Enschede",
        "wishes": ["parttime"],
    },
    "tess-toezicht": {
        "tone": "informal",
        "address": "je",
        "hours": 36,
        "education_level": "mbo 4",
        "note": "Noem dat we hybride werken mogelijk maken; rijbewijs B nodig?",
    },
}


def _request(persona_id: str, organisation: str) -> VacancyRequest:
    return VacancyRequest(
        persona_id=persona_id,
        organisation=organisation,
        organisation_type=ORGANISATIONS[organisation],
        closing_date=CLOSING,
        **REQUESTS[persona_id],
    )


def _practices(draft: VacancyDraft) -> set[str]:
    """The draft's corpus suggestions that are about this persona (sector-wide ones left out)."""
    return {
        s.practice.rsplit(" [", 1)[0]
        for o in draft.onderbouwing
        for s in o.suggestions
        if s.citations and not s.sector_wide
    }


def measure(
    drafts: dict[tuple[str, str], VacancyDraft], personas: dict[str, PersonaCard], wording: VacancyWording
) -> dict:
    violations = {f"{p} @ {o}": publishing_problems(d, wording) for (p, o), d in drafts.items()}
    shared: dict[str, list[str]] = {}
    for organisation in ORGANISATIONS:
        sets = [_practices(d) for (p, o), d in drafts.items() if o == organisation]
        common = set.intersection(*sets) if sets else set()
        shared[organisation] = sorted(common)
    untraced = {
        f"{p} @ {o}": sorted(untraced_numbers(d, personas[p]) | untraced_practice_numbers(d))
        for (p, o), d in drafts.items()
    }
    topics = Counter(s.topic for d in drafts.values() for o in d.onderbouwing for s in o.suggestions)
    return {
        "drafts": len(drafts),
        "publishable_violations": sum(len(v) for v in violations.values()),
        "violations": {k: v for k, v in violations.items() if v},
        "shared_by_all_five": sum(len(v) for v in shared.values()),
        "shared": {k: v for k, v in shared.items() if v},
        "b1": sum(d.checks.readability.b1 for d in drafts.values()),
        "inclusive_findings": sum(len(d.checks.inclusive) for d in drafts.values()),
        "jargon_findings": sum(len(d.checks.jargon) for d in drafts.values()),
        "untraced_numbers": sum(len(v) for v in untraced.values()),
        "untraced": {k: v for k, v in untraced.items() if v},
        "suggestions_per_draft": round(sum(topics.values()) / max(1, len(drafts)), 1),
        "suggestion_topics": dict(topics.most_common()),
        "words": sorted(d.words for d in drafts.values()),
        "flesch_douma": sorted(round(d.checks.readability.score) for d in drafts.values()),
    }


def _sample(draft: VacancyDraft, wording: VacancyWording) -> str:
    r = draft.checks.readability
    summary = (
        f"<!-- Voorbeeld uit eval/make_samples.py. {draft.words} woorden; Flesch-Douma {r.score:.0f}; "
        f"B1: {'ja' if r.b1 else 'nee'}; inclusief taalgebruik: {len(draft.checks.inclusive)} meldingen; "
        f"publiceerbaar: {'ja' if not draft.problems else '; '.join(draft.problems)}. -->"
    )
    vacancy = to_markdown(vacancy_blocks(draft.title, draft.header, draft.sections, wording))
    annex = to_markdown(onderbouwing_blocks(draft))
    return f"{summary}\n\n{vacancy}\n---\n\n{annex}"


def main() -> int:
    settings = Settings()
    assistant = build_assistant(settings)
    wording = default_wording()
    personas = load_personas(settings.personas_dir)
    now = datetime.now(UTC).replace(microsecond=0)
    drafts: dict[tuple[str, str], VacancyDraft] = {}
    started = time.perf_counter()
    for organisation in ORGANISATIONS:
        for persona_id in REQUESTS:
            drafts[(persona_id, organisation)] = compose_draft(
                _request(persona_id, organisation),
                personas[persona_id],
                assistant,
                wording,
                draft_id=f"sample-{persona_id}",
                owner="eval",
                now=now,
            )
    seconds = (time.perf_counter() - started) / len(drafts)
    report = measure(drafts, personas, wording) | {"seconds_per_draft": round(seconds, 2)}
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for persona_id in REQUESTS:
        path = SAMPLES / f"{persona_id}.md"
        path.write_text(_sample(drafts[(persona_id, SAMPLE_ORGANISATION)], wording), encoding="utf-8")
    (SAMPLES / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = (
        report["publishable_violations"] == 0
        and report["shared_by_all_five"] == 0
        and report["b1"] == report["drafts"]
        and report["inclusive_findings"] == 0
        and report["untraced_numbers"] == 0
    )
    print(
        f"\n{report['drafts']} concepten; B1 {report['b1']}/{report['drafts']}; "
        f"publicatiefouten {report['publishable_violations']}; "
        f"gedeeld door alle vijf {report['shared_by_all_five']}; "
        f"inclusief {report['inclusive_findings']}; niet herleide getallen {report['untraced_numbers']}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The typing-error benchmark's report: each example says how the question was read."""

from eval.bench_typos import render, with_typo

FIGURES = {"answered": 1.0, "evidence_cited": 0.5, "keyword_coverage": 0.5}


def test_an_example_not_put_right_says_so() -> None:
    results = {
        "test": {
            "questions": 2,
            "put_right": 1,
            "as_written": FIGURES,
            "with_typo": FIGURES,
            "with_typo_uncorrected": FIGURES,
            "examples": [
                {"typed": "Wie zit in de stuugrroep?", "read_as": "Wie zit in de stuurgroep?"},
                {"typed": "Wat doet het zij-instromotraject?", "read_as": None},
            ],
        }
    }
    report = render(results, "2026-12-07 18:31 UTC")
    assert '- "Wie zit in de stuugrroep?" read as "Wie zit in de stuurgroep?"' in report
    assert '- "Wat doet het zij-instromotraject?" not put right: read as typed' in report
    assert "None" not in report


def test_the_error_swaps_two_letters_of_the_longest_word() -> None:
    typed = with_typo("Hoeveel deelnemers had de eerste lichting?")
    assert typed is not None and typed != "Hoeveel deelnemers had de eerste lichting?"
    assert sorted(typed) == sorted("Hoeveel deelnemers had de eerste lichting?")

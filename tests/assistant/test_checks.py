"""Text checks on Dutch vacancy texts: Flesch-Douma and B1, inclusive wording, officialese, length.

Every expectation below is known in advance: word, sentence and syllable counts are done by hand
in the comments, offsets are the positions of the words in the fixed texts.
"""

import re

import pytest
import textstat

from assistant.checks import (
    B1_MAX_AVG_SENTENCE_WORDS,
    B1_MAX_LONG_WORD_SHARE,
    B1_MIN_SCORE,
    TextChecks,
    check_inclusive,
    check_jargon,
    check_length,
    check_readability,
    check_text,
    count_syllables,
    count_words,
    flesch_douma,
)
from assistant.checks.address import to_u_form
from assistant.checks.inclusive import INCLUSIVE_FILE, find_terms, load_rules
from assistant.checks.jargon import JARGON_FILE
from assistant.core.sentences import split_sentences

# A plain vacancy text in B1 style, with the markdown a draft comes in: headings, lists, bold,
# citation markers. 388 words.
PLAIN_VACANCY = """\
## Toezichthouder bodem bij de gemeente Zwolle

Wil jij zorgen dat de grond in Zwolle schoon blijft? En praat je graag met mensen op straat en op \
de bouwplaats? Dan zoeken wij jou.

## Wat ga je doen?

Als toezichthouder bodem ben je vaak buiten. Je bezoekt bouwplaatsen en bedrijven. Daar kijk je \
of zij zich aan de regels houden. Die regels gaan over grond, afval en water [1]. Je praat met \
aannemers en ondernemers. Je legt uit wat de regels zijn en waarom ze er zijn. Gaat er iets mis? \
Dan zoek je samen naar een oplossing. Soms is een waarschuwing nodig. Of een boete. Daarover \
schrijf je een kort rapport.

Je werkt in een team van negen collega's. Zij helpen je graag op weg. Je overlegt ook met de \
collega's die vergunningen geven. Zo weten jullie van elkaar wat er speelt.

Een gewone week ziet er zo uit:

- twee of drie dagen buiten op pad
- overleg met je team op maandag
- rapporten schrijven op kantoor of thuis

## Wat vragen wij?

- Je hebt een mbo-diploma op niveau 4, bijv. in milieu of bouw.
- Je hebt een rijbewijs B.
- Je kunt goed uitleggen hoe iets zit.
- Je blijft rustig als iemand boos wordt.

Heb je nog geen ervaring als toezichthouder? Geen probleem. Je volgt bij ons een opleiding. Die \
duurt ca. een half jaar en wij betalen de kosten.

## Wat bieden wij?

- Een salaris van minimaal 3.100 en maximaal 4.400 euro bruto per maand bij 36 uur.
- Een vast contract na een jaar.
- Een laptop en een telefoon van ons.
- Je mag deels thuis werken.
- Je krijgt ook een eindejaarsuitkering en **vakantiegeld** [2].

Wij vinden het belangrijk dat ons team lijkt op de mensen in de stad. Iedereen is welkom om te \
solliciteren. Heb je een beperking en heb je iets nodig om goed te kunnen werken? Vertel het ons. \
Dan kijken we samen wat kan.

## Meer weten?

Bel dan met Sanne de Vries, teamleider bodem. Haar nummer is 038 498 22 11. Je kunt haar ook \
mailen. Zij vertelt je graag meer over het werk.

## Solliciteren

Stuur je cv en een korte brief voor 1 mei via onze website. Een brief is niet verplicht. Je mag \
ons ook een filmpje van twee minuten sturen. De gesprekken zijn in de week van 12 mei. Wij \
reageren binnen een week op je sollicitatie.
"""

BUREAUCRATIC_SENTENCE = (
    "Ten behoeve van de uitvoering van de vergunningverlening, het toezicht en de handhaving in het "
    "kader van de Omgevingswet is de afdeling Vergunningverlening, Toezicht en Handhaving van de "
    "gemeente voornemens om per direct een ervaren toezichthouder aan te trekken die zorgdraagt voor "
    "de adequate implementatie van het vigerende beleid alsmede de afstemming met ketenpartners."
)


# --- syllables and the Flesch-Douma formula ----------------------------------------------------------

# Counts checked against the Dutch hyphenation of the Woordenlijst. Words where pyphen's nl_NL
# dictionary is wrong (e.g. "rijksoverheid": rijks-o-ver-heid, pyphen finds 3) are left out.
KNOWN_SYLLABLES = {
    "gemeente": 3,  # ge-meen-te
    "medewerker": 4,  # me-de-wer-ker
    "vergunningverlener": 6,  # ver-gun-ning-ver-le-ner
    "bodem": 2,  # bo-dem
    "toezichthouder": 4,  # toe-zicht-hou-der
    "organisatie": 5,  # or-ga-ni-sa-tie
    "salaris": 3,  # sa-la-ris
    "afdeling": 3,  # af-de-ling
    "ervaring": 3,  # er-va-ring
    "beoordelen": 4,  # be-oor-de-len
    "ontwikkeling": 4,  # ont-wik-ke-ling
    "werk": 1,
    "Gemeente": 3,  # case does not matter
    "collega's": 3,  # col-le-ga's: the "s" is no syllable
    "e-mail": 2,  # e-mail
    # A lone first vowel is a syllable the hyphenation dictionary never marks; the counter adds it.
    "over": 2,  # o-ver
    "overheid": 3,  # o-ver-heid
    "idee": 2,  # i-dee
    "analyse": 4,  # a-na-ly-se
    "ideeën": 3,  # i-dee-en
}


@pytest.mark.parametrize(("word", "syllables"), KNOWN_SYLLABLES.items())
def test_syllable_counts_of_known_dutch_words(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_numbers_and_abbreviations_count_one_syllable() -> None:
    assert count_syllables("36") == 1
    assert count_syllables("t/m") == 1


def test_formula_on_hand_counted_text() -> None:
    # De(1) gemeente(3) zoekt(1) een(1) medewerker(4)        5 words, 10 syllables
    # Je(1) werkt(1) in(1) een(1) klein(1) team(1)           6 words,  6 syllables
    # Wij(1) bieden(2) een(1) goed(1) salaris(3)             5 words,  8 syllables
    # 16 words, 3 sentences, 24 syllables:
    # 206.835 - 0.93 * 16/3 - 77 * 24/16 = 206.835 - 4.96 - 115.5 = 86.375
    text = "De gemeente zoekt een medewerker. Je werkt in een klein team. Wij bieden een goed salaris."
    report = check_readability(text)
    assert (report.words, report.sentences, report.syllables) == (16, 3, 24)
    assert report.score == pytest.approx(86.375, abs=1e-9)
    assert report.avg_sentence_length == pytest.approx(16 / 3)
    assert report.avg_syllables_per_word == pytest.approx(1.5)
    # medewerker (4 syllables) is the one long word.
    assert report.long_words == 1
    assert report.long_word_share == pytest.approx(1 / 16)


def test_formula_agrees_with_textstat_dutch() -> None:
    # textstat's Dutch reading ease uses the same Douma coefficients; on a text both split alike
    # (no markdown, no lone first vowels) the scores must be identical.
    text = "De gemeente zoekt een medewerker. Je werkt in een klein team. Wij bieden een goed salaris."
    textstat.set_lang("nl")
    assert check_readability(text).score == pytest.approx(textstat.flesch_reading_ease(text), abs=0.01)


def test_formula_on_markdown_heading_and_citation() -> None:
    # "## " and "[1]" are no words; the heading is a sentence of its own.
    # Over(2) ons(1)                              2 words, 3 syllables
    # Wij(1) helpen(2) inwoners(3)                3 words, 6 syllables
    # 5 words, 2 sentences, 9 syllables:
    # 206.835 - 0.93 * 5/2 - 77 * 9/5 = 206.835 - 2.325 - 138.6 = 65.91
    report = check_readability("## Over ons\nWij helpen inwoners [1].")
    assert (report.words, report.sentences, report.syllables) == (5, 2, 9)
    assert report.score == pytest.approx(65.91, abs=1e-9)


def test_formula_is_not_clamped_and_empty_text_scores_zero() -> None:
    # Bel(1) ons(1): 206.835 - 0.93 * 2 - 77 * 1 = 127.975
    assert flesch_douma(2, 1, 2) == pytest.approx(127.975)
    report = check_readability("")
    assert (report.score, report.words, report.b1) == (0.0, 0, False)


# --- sentences and words -----------------------------------------------------------------------------


def test_abbreviations_do_not_split_sentences() -> None:
    text = (
        "Je werkt o.a. aan vergunningen, bijv. voor bouwen, d.w.z. aanvragen t/m 1 mei. "
        "Het salaris is ca. 3.500 euro, zie nr. 4 in de lijst."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Je werkt o.a. aan vergunningen, bijv. voor bouwen, d.w.z. aanvragen t/m 1 mei.",
        "Het salaris is ca. 3.500 euro, zie nr. 4 in de lijst.",
    ]
    # "o.a", "d.w.z", "t/m" and "3.500" are one word each.
    assert len(sentences[0].words) == 13
    assert len(sentences[1].words) == 12


def test_initials_and_lowercase_continuations_do_not_split() -> None:
    sentences = split_sentences("Bel J. de Vries over de afd. vergunningen. Zij helpt je graag.")
    assert len(sentences) == 2


def test_sentence_final_abbreviation_splits_before_a_capital() -> None:
    sentences = split_sentences("Je werkt 36 uur p.w. Je mag thuis werken, enz. Daarna volgt meer.")
    assert [s.text for s in sentences] == [
        "Je werkt 36 uur p.w.",
        "Je mag thuis werken, enz.",
        "Daarna volgt meer.",
    ]


def test_lines_without_final_punctuation_are_sentences() -> None:
    text = "## Wat bieden wij\nEen goed salaris\n- een laptop\n* een telefoon\n1. Thuiswerken"
    assert [s.text for s in split_sentences(text)] == [
        "Wat bieden wij",
        "Een goed salaris",
        "een laptop",
        "een telefoon",
        "Thuiswerken",
    ]


def test_hard_wrapped_prose_stays_one_sentence() -> None:
    sentences = split_sentences("Wij zoeken iemand die\ngraag met mensen werkt.\nBel ons.")
    assert [s.text for s in sentences] == ["Wij zoeken iemand die graag met mensen werkt.", "Bel ons."]


def test_a_sentence_a_pdf_broke_off_continues_across_a_blank_line_and_a_capital() -> None:
    # the tail of a paragraph ("Dat blijkt uit") and a line ending in an article or preposition continue
    text = (
        "Eén op de negen is vertrokken. Dat blijkt uit\n\nJong@Gemeenten, een onderzoek van\n"
        "A&O fonds Gemeenten en FUTUR. Het werd gedaan door\n\nMotivaction.\n"
        "Contact: tel. 06 12\nThema: Leren\nLooptijd: 2019"
    )
    assert [s.text for s in split_sentences(text)] == [
        "Eén op de negen is vertrokken.",
        "Dat blijkt uit Jong@Gemeenten, een onderzoek van A&O fonds Gemeenten en FUTUR.",
        "Het werd gedaan door Motivaction.",
        # record lines stay apart: "tel." is an abbreviation, not the end of a sentence
        "Contact: tel. 06 12",
        "Thema: Leren",
        "Looptijd: 2019",
    ]


def test_a_broken_off_line_does_not_chain_into_headings_and_table_rows() -> None:
    lines = ["Zo begon het. Daarna volgde", "de tweede fase", "BEPERKTE INVESTERING EN", "Kosten | Bedrag"]
    text = "\n".join([*lines, "Bijlage A", "Slot."])
    assert [s.text for s in split_sentences(text)] == [
        "Zo begon het.",
        "Daarna volgde de tweede fase",
        "BEPERKTE INVESTERING EN",
        "Kosten Bedrag",  # the bar is markup, not text
        "Bijlage A",
        "Slot.",
    ]


def test_sentence_offsets_point_into_the_original_text() -> None:
    text = "## Kop\n- **Vet** woord [3].\nNog een zin."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Kop", "Vet woord.", "Nog een zin."]
    # The spans skip leading markup, so an editor can highlight them in the draft as written.
    assert [text[s.start : s.end] for s in sentences] == ["Kop", "Vet** woord [3].", "Nog een zin."]


def test_markdown_and_citation_markers_are_not_words() -> None:
    # Kop, Eén, punt, link, tekst; not "##", "-", "**", "[3]", "[12, 13]" or the URL.
    text = "## Kop\n- **Eén** punt [3]\n- [link](https://werkenbij.example.nl/vacature) tekst [12, 13]"
    assert count_words(text) == 5
    assert check_readability(text).words == 5


# --- B1 verdict ----------------------------------------------------------------------------------------


def test_thresholds_are_the_documented_ones() -> None:
    assert (B1_MIN_SCORE, B1_MAX_AVG_SENTENCE_WORDS, B1_MAX_LONG_WORD_SHARE) == (60.0, 15.0, 0.10)


def test_plain_vacancy_text_is_b1() -> None:
    report = check_readability(PLAIN_VACANCY)
    assert report.b1, report.advice
    assert report.score >= B1_MIN_SCORE
    assert report.avg_sentence_length <= B1_MAX_AVG_SENTENCE_WORDS
    assert report.long_word_share <= B1_MAX_LONG_WORD_SHARE
    assert report.advice == []
    assert report.difficult_sentences == []


def test_long_bureaucratic_sentence_fails_and_is_listed() -> None:
    text = f"Wij zoeken een toezichthouder. {BUREAUCRATIC_SENTENCE} Je werkt 36 uur per week."
    report = check_readability(text)
    assert not report.b1
    assert len(report.difficult_sentences) == 1
    hard = report.difficult_sentences[0]
    assert hard.text == BUREAUCRATIC_SENTENCE
    assert text[hard.start : hard.end] == BUREAUCRATIC_SENTENCE
    assert hard.words == 54
    assert hard.reasons[0].startswith("Lange zin: 54 woorden")
    assert "vergunningverlening" in hard.long_words
    # 54 + 4 + 6 words in 3 sentences: 21.3 on average, over the B1 maximum of 15.
    assert any(line.startswith("Zinnen zijn gemiddeld 21,3 woorden") for line in report.advice)
    assert any(line.startswith("De Flesch-Douma-score is") for line in report.advice)


def test_short_sentence_full_of_long_words_is_difficult() -> None:
    report = check_readability(
        "Vergunningverlening vraagt afstemming met omgevingsdiensten en ketenpartners."
    )
    (hard,) = report.difficult_sentences
    assert hard.long_words == ["Vergunningverlening", "omgevingsdiensten", "ketenpartners"]
    assert hard.reasons[0].startswith("Veel lange woorden: 3 van de 7")


# --- inclusive wording -----------------------------------------------------------------------------------


def test_ambitious_assertive_female_employee_gives_three_findings() -> None:
    text = "Wij zoeken een ambitieuze en assertieve medewerkster."
    findings = check_inclusive(text)
    assert [(f.text, f.start, f.end, f.category) for f in findings] == [
        ("ambitieuze", 15, 25, "mannelijk_gecodeerd"),
        ("assertieve", 29, 39, "mannelijk_gecodeerd"),
        ("medewerkster", 40, 52, "niet_genderneutraal"),
    ]
    assert [f.suggestion for f in findings] == [
        "gemotiveerd (je wilt graag leren en groeien)",
        "je durft je mening te geven",
        "medewerker",
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert findings[0].message.startswith("'ambitieuze' is mannelijk gecodeerd")


def test_inclusive_matching_is_case_insensitive_and_inflected() -> None:
    findings = check_inclusive("Ambitieus? Ben jij een Ambitieuze HR-medewerkster?")
    assert [f.text for f in findings] == ["Ambitieus", "Ambitieuze", "medewerkster"]
    assert findings[0].suggestion.startswith("Gemotiveerd")  # capitalised like the match


def test_inclusive_matches_whole_words_only() -> None:
    assert check_inclusive("De teamleider draagt stevige schoenen op de bouwplaats.") == []


def test_longest_overlapping_phrase_wins() -> None:
    (finding,) = check_inclusive("Je komt in een jong team.")
    assert (finding.text, finding.category) == ("jong team", "leeftijd")
    assert finding.suggestion == "een team met collega's van alle leeftijden"


@pytest.mark.parametrize(
    ("text", "flagged", "category"),
    [
        ("Medewerker vergunningen (m/v)", "(m/v)", "niet_genderneutraal"),
        ("De kandidaat weet dat hij snel moet schakelen.", "hij", "niet_genderneutraal"),
        ("Je bent max. 35 jaar.", "max. 35 jaar", "leeftijd"),
        ("Je bent tussen 25 en 35 jaar oud.", "tussen 25 en 35 jaar oud", "leeftijd"),
        ("Wij zoeken een young professional.", "young professional", "leeftijd"),
        ("Je bent native speaker.", "native speaker", "uitsluitend"),
        ("Je hebt Nederlands als moedertaal.", "Nederlands als moedertaal", "uitsluitend"),
        ("Je hebt geen beperking.", "geen beperking", "uitsluitend"),
        ("Je bent zorgzaam.", "zorgzaam", "vrouwelijk_gecodeerd"),
        ("Je hebt een stevige persoonlijkheid.", "stevige persoonlijkheid", "mannelijk_gecodeerd"),
    ],
)
def test_inclusive_categories(text: str, flagged: str, category: str) -> None:
    (finding,) = check_inclusive(text)
    assert (finding.text, finding.category) == (flagged, category)
    assert finding.start == text.index(flagged)
    assert finding.suggestion


def test_neutral_variants_are_not_flagged() -> None:
    text = (
        "Medewerker vergunningen (m/v/x). Je hebt 20 tot 30 jaar ervaring. De kandidaten zijn welkom. "
        "Je werkt met jongeren."
    )
    assert check_inclusive(text) == []


def test_starter_is_only_advice() -> None:
    (finding,) = check_inclusive("Ook als starter ben je welkom.")
    assert (finding.category, finding.level) == ("leeftijd", "advies")


# --- jargon ---------------------------------------------------------------------------------------------


def test_jargon_found_with_offsets_and_suggestions() -> None:
    text = "Indien u reeds in Zwolle woont, dient u het formulier middels de post te retourneren."
    findings = check_jargon(text)
    expected = [
        ("Indien", 0, "Als"),
        ("reeds", 9, "al"),
        ("dient", 32, "moeten"),
        ("middels", 54, "met of via"),
        ("retourneren", 73, "terugsturen"),
    ]
    assert [(f.text, f.start, f.suggestion) for f in findings] == expected
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert {f.category for f in findings} == {"ambtelijke_taal"}
    assert {f.level for f in findings} == {"advies"}


def test_multiword_jargon_spans_line_breaks() -> None:
    text = "Dit is in het kader\nvan de wet, ten behoeve van inwoners."
    findings = check_jargon(text)
    assert [(f.text, f.start, f.suggestion) for f in findings] == [
        ("in het kader\nvan", 7, "bij of voor"),
        ("ten behoeve van", 32, "voor"),
    ]


def test_serving_is_not_must() -> None:
    # "dienen" without a following "te" is not officialese for "moeten", nor is "om te".
    assert check_jargon("Wij dienen de inwoners van Zwolle.") == []
    assert check_jargon("Dien je brief in voor 1 mei om te solliciteren.") == []


# --- term lists -------------------------------------------------------------------------------------------


def test_term_lists_are_big_enough() -> None:
    assert len(load_rules(INCLUSIVE_FILE)) >= 35
    assert len(load_rules(JARGON_FILE)) >= 40
    categories = {rule.category for rule in load_rules(INCLUSIVE_FILE)}
    assert categories == {
        "mannelijk_gecodeerd",
        "vrouwelijk_gecodeerd",
        "leeftijd",
        "niet_genderneutraal",
        "uitsluitend",
    }


@pytest.mark.parametrize("filename", [INCLUSIVE_FILE, JARGON_FILE])
def test_every_rule_finds_its_own_terms(filename: str) -> None:
    import yaml

    from assistant.checks.inclusive import DATA_DIR

    entries = yaml.safe_load((DATA_DIR / filename).read_text(encoding="utf-8"))["entries"]
    for entry, rule in zip(entries, load_rules(filename), strict=True):
        assert rule.suggestion and rule.message
        for term in entry.get("match", []):
            text = f"Zie: {term} hier."
            found = find_terms(text, (rule,))
            assert [f.text for f in found] == [term], (filename, term)


# --- length and the combined check ------------------------------------------------------------------------


def test_length_verdicts() -> None:
    assert check_length(PLAIN_VACANCY).verdict == "goed"
    assert check_length(PLAIN_VACANCY).words == 388
    short = check_length("Bel ons [1].")
    assert (short.words, short.verdict) == (2, "te kort")
    assert short.message.startswith("De tekst telt 2 woorden")
    assert check_length(PLAIN_VACANCY, min_words=100, max_words=200).verdict == "te lang"
    assert check_length("een twee drie", min_words=3, max_words=3).verdict == "goed"


def test_length_rejects_an_inverted_range() -> None:
    with pytest.raises(ValueError, match="min_words"):
        check_length("tekst", min_words=700, max_words=350)


def test_check_text_combines_all_checks() -> None:
    text = PLAIN_VACANCY + "\nWij zoeken een ambitieuze collega. Indien je vragen hebt, bel ons.\n"
    result = check_text(text)
    assert isinstance(result, TextChecks)
    assert [f.text for f in result.inclusive] == ["ambitieuze"]
    assert [f.text for f in result.jargon] == ["Indien"]
    assert result.length.verdict == "goed"
    assert result.readability.b1
    for finding in result.inclusive + result.jargon:
        assert text[finding.start : finding.end] == finding.text
    assert TextChecks.model_validate_json(result.model_dump_json()) == result


# --- issue 9: B1 criteria separately, passive voice, more coded words, advice in the text's address ----


def test_b1_criteria_are_reported_separately_and_passive_voice_counts() -> None:
    active = check_readability("Je schrijft het rapport. Je belt de aannemer. Je legt de regels uit.")
    passive = check_readability(
        "Het rapport wordt door de jurist geschreven. De aannemer werd gebeld. De regels worden uitgelegd."
    )
    assert [c.name for c in active.criteria] == [
        "Flesch-Douma",
        "zinslengte",
        "lange woorden",
        "lijdende vorm",
    ]
    assert active.passive_sentences == 0 and all(c.ok for c in active.criteria) and active.b1
    assert passive.passive_sentences == 3 and passive.passive_share == 1.0
    by_name = {c.name: c for c in passive.criteria}
    assert not by_name["lijdende vorm"].ok and by_name["zinslengte"].ok
    assert not passive.b1 and any("lijdende vorm" in line for line in passive.advice)


def test_worden_as_a_main_verb_is_not_passive() -> None:
    assert check_readability("Wil je toezichthouder worden? Dat kan bij ons.").passive_sentences == 0


@pytest.mark.parametrize("word", ["stressbestendig", "Stressbestendigheid", "bestand tegen druk", "topper"])
def test_pressure_and_toughness_words_are_gender_coded(word: str) -> None:
    findings = check_inclusive(f"Wij zoeken iemand die {word} is.")
    assert [f.category for f in findings] == ["mannelijk_gecodeerd"], findings


def test_wij_dragen_zorg_voor_is_officialese() -> None:
    findings = check_jargon("Wij dragen zorg voor een goede inwerkperiode.")
    assert [f.text for f in findings] == ["dragen zorg"] and findings[0].suggestion == "zorgen"


def test_inclusive_advice_uses_the_texts_form_of_address() -> None:
    text = "U bent ambitieus en assertief."
    je_form = [f.suggestion for f in check_text(text).inclusive]
    u_form = [f.suggestion for f in check_text(text, address="u").inclusive]
    assert any(re.search(r"\bje\b", s) for s in je_form)
    assert u_form and not any(re.search(r"\b(je|jij|jouw)\b", s) for s in u_form), u_form
    assert "u durft uw mening te geven" in u_form


@pytest.mark.parametrize(
    ("je_form", "u_form"),
    [
        ("Je controleert buiten of de regels kloppen.", "U controleert buiten of de regels kloppen."),
        (
            "Daarna schrijf je het rapport en overleg je met de jurist.",
            "Daarna schrijft u het rapport en overlegt u met de jurist.",
        ),
        (
            "Na de lunch werk je op kantoor met je collega's.",
            "Na de lunch werkt u op kantoor met uw collega's.",
        ),
        ("Ben je er klaar voor? Dan kun je beginnen.", "Bent u er klaar voor? Dan kunt u beginnen."),
        ("Een collega helpt je en jij helpt hem.", "Een collega helpt u en u helpt hem."),
        ("Je durft je mening te geven.", "U durft uw mening te geven."),
        ("Je houdt je aan de regels.", "U houdt u aan de regels."),
    ],
)
def test_u_form_of_a_je_text(je_form: str, u_form: str) -> None:
    assert to_u_form(je_form) == u_form

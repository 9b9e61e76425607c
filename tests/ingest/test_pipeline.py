"""The ingest pipeline end to end on a tiny corpus of real files: PDF (fpdf2), DOCX (python-docx), HTML,
Markdown and text, with the real embedding model, the embedded Chroma and the BM25 index.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ingest.pipeline
from assistant.core.config import Settings
from assistant.core.snapshot import Snapshot, current_generation, generation_dirs, load_snapshot
from assistant.core.text_nl import analyse
from assistant.core.vector_store import connect, get_collection
from ingest.cli import app
from ingest.pipeline import run_ingest
from tests.builders import make_docx, make_pdf

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "corpus"

# One topic word per PDF page; every sentence of a page contains its page's word and no other's.
PDF_PAGES = {
    "vakantiedagen": [
        "Elke medewerker bouwt vakantiedagen op naar rato van de arbeidsduur.",
        "Wie voltijd werkt, krijgt ieder jaar honderdvierenveertig uur aan wettelijke vakantiedagen.",
        "Bovenwettelijke vakantiedagen vervallen pas na vijf jaar.",
        "Vraag vakantiedagen minstens twee weken van tevoren aan bij je leidinggevende.",
        "Bij ziekte tijdens de vakantie worden de vakantiedagen niet afgeschreven.",
        "Niet opgenomen vakantiedagen worden bij uitdiensttreding uitbetaald.",
    ],
    "reiskostenvergoeding": [
        "De reiskostenvergoeding geldt voor woon-werkverkeer met het openbaar vervoer.",
        "Met de auto is de reiskostenvergoeding achttien cent per kilometer.",
        "De reiskostenvergoeding wordt maandelijks met het salaris uitbetaald.",
        "Voor dienstreizen geldt een aparte regeling naast de reiskostenvergoeding.",
        "Wie verhuist, meldt de nieuwe afstand voor de reiskostenvergoeding bij de salarisadministratie.",
        "Op dagen dat je thuis werkt, vervalt de reiskostenvergoeding.",
    ],
    "thuiswerkvergoeding": [
        "De thuiswerkvergoeding bedraagt twee euro per gewerkte dag thuis.",
        "Voor de thuiswerkvergoeding registreer je je thuiswerkdagen in het personeelssysteem.",
        "De thuiswerkvergoeding is onbelast tot het fiscale maximum.",
        "Naast de thuiswerkvergoeding krijg je eenmalig een budget voor een goede bureaustoel.",
        "Over de hoogte van de thuiswerkvergoeding beslist de ondernemingsraad mee.",
        "Wie nooit thuis werkt, ontvangt geen thuiswerkvergoeding.",
    ],
}
TXT = (
    "Integriteit en nevenwerkzaamheden\n\n"
    "Meld nevenwerkzaamheden altijd vooraf bij je leidinggevende. "
    "Nevenwerkzaamheden mogen de belangen van de gemeente niet schaden. "
    "De gemeente publiceert de nevenwerkzaamheden van bestuurders.\n"
)
MD = (
    "# Onboarding nieuwe collega's\n\n"
    "De eerste werkweek begint met een introductieprogramma voor alle nieuwe collega's. "
    "Tijdens het introductieprogramma maak je kennis met de gemeentesecretaris en de afdelingen.\n"
)
MD_CHANGED = (
    "# Onboarding nieuwe collega's\n\n"
    "Iedere nieuwe collega krijgt een mentorprogramma van zes maanden. "
    "In het mentorprogramma koppelen we je aan een ervaren collega uit een andere afdeling.\n"
)
HTML = (
    "<!DOCTYPE html><html><head><title>Opleidingsbudget</title><script>var x = 1;</script></head>"
    "<body><nav>Home | Contact</nav><h1>Opleidingsbudget</h1>"
    "<p>Iedere medewerker heeft een persoonlijk opleidingsbudget van vijftienhonderd euro per jaar.</p>"
    "<p>Het opleidingsbudget mag ook worden gebruikt voor loopbaanadvies.</p></body></html>"
)
DOCX_PARAGRAPHS = [
    "Met het generatiepact kunnen oudere medewerkers minder uren werken.",
    "Het generatiepact biedt tachtig procent werken voor negentig procent salaris.",
    "Zo maakt het generatiepact ruimte voor jonge instroom.",
]
# The word each small document is about, by document id.
TOPICS = {
    "arbeidsvoorwaarden": "vakantiedagen",
    "integriteit": "nevenwerkzaamheden",
    "onboarding": "introductieprogramma",
    "opleidingsbudget": "opleidingsbudget",
    "generatiepact": "generatiepact",
}


def write_small_corpus(directory: Path) -> dict[str, Path]:
    """Five documents, one of each type; returns their paths by document id."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "arbeidsvoorwaarden": (
            "arbeidsvoorwaarden.pdf",
            make_pdf([" ".join(page) for page in PDF_PAGES.values()], title="Arbeidsvoorwaarden"),
        ),
        "integriteit": ("integriteit.txt", TXT.encode()),
        "onboarding": ("onboarding.md", MD.encode()),
        "opleidingsbudget": ("opleidingsbudget.html", HTML.encode()),
        "generatiepact": ("generatiepact.docx", make_docx("Generatiepact", DOCX_PARAGRAPHS)),
    }
    paths = {}
    for doc_id, (name, data) in files.items():
        paths[doc_id] = directory / name
        paths[doc_id].write_bytes(data)
    return paths


def current(settings: Settings) -> tuple[Snapshot, object]:
    """The current generation's snapshot and its Chroma collection."""
    snapshot = load_snapshot(settings.index_dir, current_generation(settings.index_dir))
    return snapshot, get_collection(connect(settings), snapshot.meta.collection)


def collection_names(settings: Settings) -> set[str]:
    return {c.name for c in connect(settings).list_collections()}


def generations(settings: Settings) -> list[str]:
    return [d.name for d in generation_dirs(settings.index_dir)]


def ids_in_jsonl(snapshot: Snapshot) -> set[str]:
    lines = (snapshot.directory / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines}


def ids_by_doc(snapshot: Snapshot) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk in snapshot.chunks:
        out.setdefault(chunk.document_id, []).append(chunk.id)
    return out


def assert_consistent(settings: Settings) -> Snapshot:
    """Current generation: chunks.jsonl, Chroma and the keyword index hold the same chunks."""
    snapshot, collection = current(settings)
    ids = [c.id for c in snapshot.chunks]
    assert len(set(ids)) == len(ids)
    assert ids_in_jsonl(snapshot) == set(ids)
    assert set(collection.get(include=[])["ids"]) == set(ids)
    assert collection.count() == snapshot.keyword.size == len(ids)
    return snapshot


def assert_answers(settings: Settings, embedder, topic: str) -> None:
    """The current index finds `topic` by vector and by keyword."""
    snapshot, collection = current(settings)
    by_id = {c.id: c for c in snapshot.chunks}
    hit = collection.query(query_embeddings=embedder.embed_query([topic]), n_results=3)["ids"][0]
    assert any(topic in by_id[i].text for i in hit)
    scores = snapshot.keyword.scores(analyse(topic))
    assert topic in snapshot.chunks[int(scores.argmax())].text


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return tmp_path / "corpus"


@pytest.fixture
def small(corpus_dir: Path, settings_factory, embedder):
    """The small corpus written and ingested: (settings, paths by document id, first report)."""
    paths = write_small_corpus(corpus_dir)
    settings = settings_factory()
    report = run_ingest([corpus_dir], settings, embedder)
    return settings, paths, report


def test_small_corpus_of_every_file_type_is_ingested(small) -> None:
    settings, paths, report = small

    snapshot = assert_consistent(settings)

    assert sorted(report.added) == sorted(paths)
    assert report.skipped == {}
    assert report.embedded == len({snapshot.dense_text(c) for c in snapshot.chunks}) > 0
    assert {d.file_type for d in snapshot.documents.values()} == {"pdf", "txt", "md", "html", "docx"}
    assert snapshot.documents["arbeidsvoorwaarden"].pages == 3
    texts = {doc: " ".join(c.text for c in snapshot.chunks if c.document_id == doc) for doc in paths}
    for doc_id, topic in TOPICS.items():
        assert topic in texts[doc_id].lower()
        assert all(topic not in text.lower() for other, text in texts.items() if other != doc_id)
    assert "var x" not in texts["opleidingsbudget"] and "Home | Contact" not in texts["opleidingsbudget"]
    titles = {d.id: d.title for d in snapshot.documents.values()}
    assert titles["onboarding"] == "Onboarding nieuwe collega's"
    assert titles["opleidingsbudget"] == "Opleidingsbudget"
    assert titles["arbeidsvoorwaarden"] == "Arbeidsvoorwaarden"


def test_pdf_chunks_carry_the_pages_their_text_is_on(small) -> None:
    settings, _, _ = small
    snapshot, collection = current(settings)
    chunks = [c for c in snapshot.chunks if c.document_id == "arbeidsvoorwaarden"]
    page_of_topic = {topic: number for number, topic in enumerate(PDF_PAGES, start=1)}
    stored = collection.get(ids=[c.id for c in chunks], include=["metadatas"])
    metadata = dict(zip(stored["ids"], stored["metadatas"], strict=True))

    assert len(chunks) >= 2  # a chunk may span pages; its page range says which
    for chunk in chunks:
        on_pages = {page_of_topic[t] for t in PDF_PAGES if t in chunk.text}
        assert on_pages == set(range(chunk.page, chunk.page_end + 1)), chunk.text
        assert metadata[chunk.id]["page"] == chunk.page
    assert {c.page for c in chunks} | {c.page_end for c in chunks} == {1, 2, 3}
    assert len({c.page for c in chunks}) >= 2  # not everything starts on page 1
    for doc_id in set(TOPICS) - {"arbeidsvoorwaarden"}:
        assert all(c.page is None for c in snapshot.chunks if c.document_id == doc_id)


def test_reingest_of_unchanged_files_embeds_nothing_and_keeps_the_generation(small, embedder) -> None:
    settings, paths, first = small
    before = (generations(settings), collection_names(settings), current(settings)[0].chunks)

    again = run_ingest([paths["integriteit"].parent], settings, embedder)

    assert again.embedded == 0
    assert again.generation == first.generation == current_generation(settings.index_dir)
    assert sorted(again.unchanged) == sorted(paths)
    assert not again.changed and not (again.added or again.updated or again.removed)
    assert (generations(settings), collection_names(settings), current(settings)[0].chunks) == before


def test_changing_one_file_replaces_exactly_its_chunks(small, embedder) -> None:
    settings, paths, first = small
    old = ids_by_doc(current(settings)[0])
    paths["onboarding"].write_text(MD_CHANGED, encoding="utf-8")

    report = run_ingest([paths["onboarding"].parent], settings, embedder)

    snapshot = assert_consistent(settings)
    new = ids_by_doc(snapshot)
    _, collection = current(settings)
    assert report.updated == ["onboarding"] and not (report.added or report.removed)
    assert report.generation != first.generation
    assert {doc: ids for doc, ids in new.items() if doc != "onboarding"} == {
        doc: ids for doc, ids in old.items() if doc != "onboarding"
    }
    assert set(old["onboarding"]).isdisjoint(new["onboarding"])
    assert set(old["onboarding"]).isdisjoint(ids_in_jsonl(snapshot))
    assert collection.get(ids=old["onboarding"], include=[])["ids"] == []
    assert sorted(collection.get(ids=new["onboarding"], include=[])["ids"]) == sorted(new["onboarding"])
    # Only the changed document was embedded; the others came from the cache.
    assert 0 < report.embedded <= len(new["onboarding"])
    onboarding = " ".join(c.text for c in snapshot.chunks if c.document_id == "onboarding")
    assert "mentorprogramma" in onboarding and "introductieprogramma" not in onboarding
    # The old word is gone as a whole term (its parts "introductie", "programma" may occur elsewhere).
    assert not snapshot.keyword.scores(analyse("introductieprogramma")[:1]).any()
    assert_answers(settings, embedder, "mentorprogramma")


def test_deleting_a_file_removes_it_from_both_indexes(small, embedder) -> None:
    settings, paths, _ = small
    old = ids_by_doc(current(settings)[0])
    paths["opleidingsbudget"].unlink()

    report = run_ingest([paths["integriteit"].parent], settings, embedder)

    snapshot = assert_consistent(settings)
    _, collection = current(settings)
    assert report.removed == ["opleidingsbudget"]
    assert "opleidingsbudget" not in snapshot.documents
    assert not (snapshot.directory / "raw" / "opleidingsbudget.txt").exists()
    assert collection.get(ids=old["opleidingsbudget"], include=[])["ids"] == []
    assert len(snapshot.chunks) == sum(len(ids) for doc, ids in old.items() if doc != "opleidingsbudget")
    assert not snapshot.keyword.scores(analyse("opleidingsbudget")[:1]).any()


def test_files_outside_the_ingested_paths_are_kept(small, embedder, tmp_path: Path) -> None:
    settings, paths, _ = small
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "verzuim.txt").write_text("Ziekmelden doe je voor negen uur bij je leidinggevende.\n")

    report = run_ingest([extra], settings, embedder)

    snapshot = assert_consistent(settings)
    assert report.added == ["verzuim"] and report.removed == []
    assert set(snapshot.documents) == {*paths, "verzuim"}


CP1252_TEXT = (
    "De coördinator van het café zegt: één carrière-switcher kost € 2.500 per maand, zo’n bedrag.\r\n"
)


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_ingested(
    corpus_dir: Path, settings_factory, embedder
) -> None:
    corpus_dir.mkdir()
    good_pdf = make_pdf(["De proeftijd duurt twee maanden bij een contract voor onbepaalde tijd."])
    files = {
        "proeftijd.pdf": good_pdf,
        "notitie.txt": CP1252_TEXT.encode("cp1252"),
        "geheim.pdf": make_pdf(["Vertrouwelijk salarisoverzicht."], owner_password="o", user_password="u"),
        "kapot.pdf": good_pdf[: len(good_pdf) // 3],
        "leeg.txt": b"",
        "groot.txt": ("Een heel lang reglement over werktijden. " * 200).encode(),
        "ruis.txt": random.Random(0).randbytes(2048),
    }
    for name, data in files.items():
        (corpus_dir / name).write_bytes(data)
    settings = settings_factory(max_file_bytes=5_000)
    assert len(files["groot.txt"]) > settings.max_file_bytes > max(len(files["proeftijd.pdf"]), 2048)

    report = run_ingest([corpus_dir], settings, embedder)

    reasons = {Path(source).name: reason for source, reason in report.skipped.items()}
    assert set(reasons) == {"geheim.pdf", "kapot.pdf", "leeg.txt", "groot.txt", "ruis.txt"}
    assert "versleutelde PDF" in reasons["geheim.pdf"]
    assert reasons["kapot.pdf"].startswith("beschadigde PDF")
    assert reasons["leeg.txt"].startswith("leeg bestand")
    assert "limiet" in reasons["groot.txt"] and "8.2 KB" in reasons["groot.txt"]
    assert "binaire data" in reasons["ruis.txt"]
    assert sorted(report.added) == ["notitie", "proeftijd"]
    snapshot = assert_consistent(settings)
    note = " ".join(c.text for c in snapshot.chunks if c.document_id == "notitie")
    assert "coördinator van het café" in note and "één carrière-switcher" in note
    assert "€ 2.500" in note and "zo’n bedrag" in note


def test_a_document_whose_file_becomes_corrupt_keeps_its_old_chunks(small, embedder) -> None:
    settings, paths, _ = small
    old_snapshot = current(settings)[0]
    old = ids_by_doc(old_snapshot)
    pdf = paths["arbeidsvoorwaarden"]
    pdf.write_bytes(pdf.read_bytes()[:400])
    (pdf.parent / "verzuim.txt").write_text("Ziekmelden doe je voor negen uur bij je leidinggevende.\n")

    report = run_ingest([pdf.parent], settings, embedder)

    snapshot = assert_consistent(settings)
    _, collection = current(settings)
    assert report.added == ["verzuim"] and report.removed == []
    assert "vorige versie blijft in de index" in report.skipped[str(pdf.resolve())]
    assert report.generation != old_snapshot.meta.id  # the new document made a new generation ...
    assert ids_by_doc(snapshot)["arbeidsvoorwaarden"] == old["arbeidsvoorwaarden"]  # ... with the old PDF
    assert snapshot.documents["arbeidsvoorwaarden"] == old_snapshot.documents["arbeidsvoorwaarden"]
    assert snapshot.raw_text("arbeidsvoorwaarden") == old_snapshot.raw_text("arbeidsvoorwaarden")
    kept = collection.get(ids=old["arbeidsvoorwaarden"], include=[])["ids"]
    assert sorted(kept) == sorted(old["arbeidsvoorwaarden"])
    assert_answers(settings, embedder, "reiskostenvergoeding")


def _crash_in_chroma_add(monkeypatch) -> None:
    real = ingest.pipeline.add_chunks

    def add_half_then_crash(collection, ids, vectors, documents, metadatas):
        half = max(1, len(ids) // 2)
        real(collection, ids[:half], vectors[:half], documents[:half], metadatas[:half])
        raise RuntimeError("simulated crash while adding vectors")

    monkeypatch.setattr(ingest.pipeline, "add_chunks", add_half_then_crash)


def _crash_after_writing_generation(monkeypatch) -> None:
    real = ingest.pipeline.write_generation

    def write_then_crash(directory, *args, **kwargs):
        real(directory, *args, **kwargs)
        assert (directory / "meta.json").exists()
        raise RuntimeError("simulated crash before the generation is made current")

    monkeypatch.setattr(ingest.pipeline, "write_generation", write_then_crash)


@pytest.mark.parametrize("crash", [_crash_in_chroma_add, _crash_after_writing_generation])
def test_a_crashed_ingest_leaves_the_previous_generation_current(small, embedder, monkeypatch, crash) -> None:
    settings, paths, first = small
    before = assert_consistent(settings)
    state = (generations(settings), collection_names(settings))
    paths["onboarding"].write_text(MD_CHANGED, encoding="utf-8")
    crash(monkeypatch)

    with pytest.raises(RuntimeError, match="simulated crash"):
        run_ingest([paths["onboarding"].parent], settings, embedder)

    assert current_generation(settings.index_dir) == first.generation
    after = assert_consistent(settings)
    assert [c.id for c in after.chunks] == [c.id for c in before.chunks]
    assert (generations(settings), collection_names(settings)) == state  # half-built generation cleaned up
    assert_answers(settings, embedder, "introductieprogramma")

    monkeypatch.undo()
    report = run_ingest([paths["onboarding"].parent], settings, embedder)

    assert report.updated == ["onboarding"]
    assert generations(settings) == sorted([first.generation, report.generation])
    assert collection_names(settings) == {f"{settings.collection_name}-{g}" for g in generations(settings)}
    assert_answers(settings, embedder, "mentorprogramma")


def _wait_for(condition, process: subprocess.Popen, stderr: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"ingest ended (exit {process.returncode}) before the kill:\n{stderr.read_text()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("ingest never reached the point to kill it")
        time.sleep(0.001)


@pytest.mark.parametrize("moment", ["embedding", "writing"])
def test_an_ingest_killed_with_sigkill_leaves_the_old_index_answering(
    small, corpus_dir: Path, corpus_index, embedder, tmp_path: Path, moment: str
) -> None:
    settings, paths, first = small
    before = assert_consistent(settings)
    cache = settings.data_dir / "cache" / "embeddings.sqlite"
    if moment == "embedding":
        cache.unlink()  # recreated when the killed run starts embedding
    else:
        # Vectors of the real corpus are cached, so the run gets to writing its generation quickly.
        shutil.copy(corpus_index[0].data_dir / "cache" / "embeddings.sqlite", cache)
    for source in [*CORPUS.glob("*.txt"), CORPUS / "manifest.yaml"]:
        shutil.copy(source, corpus_dir / source.name)
    env = {**os.environ, "HR_DATA_DIR": str(settings.data_dir), "HR_CHROMA_HOST": "", "HF_HUB_OFFLINE": "1"}
    stderr = tmp_path / "ingest.err"
    with stderr.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "ingest", str(corpus_dir), "--json"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        if moment == "embedding":
            _wait_for(cache.exists, process, stderr)
            time.sleep(0.5)  # well inside embedding ~1500 passages
        else:
            _wait_for(lambda: len(generations(settings)) > 1, process, stderr)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    assert process.returncode == -signal.SIGKILL
    assert current_generation(settings.index_dir) == first.generation
    after = assert_consistent(settings)
    assert [c.id for c in after.chunks] == [c.id for c in before.chunks]
    assert_answers(settings, embedder, "thuiswerkvergoeding")
    if moment == "writing":
        assert len(generations(settings)) == 2  # the killed run left a half-written generation behind

    for source in CORPUS.glob("*.txt"):
        (corpus_dir / source.name).unlink()
    paths["onboarding"].write_text(MD_CHANGED, encoding="utf-8")
    report = run_ingest([corpus_dir], settings, embedder)

    assert report.updated == ["onboarding"] and report.added == []
    assert generations(settings) == sorted([first.generation, report.generation])
    assert collection_names(settings) == {f"{settings.collection_name}-{g}" for g in generations(settings)}
    assert_consistent(settings)
    assert_answers(settings, embedder, "mentorprogramma")


def _files(directory: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(directory)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def invoke(settings: Settings, *args: str):
    env = {"HR_DATA_DIR": str(settings.data_dir), "HR_CHROMA_HOST": ""}
    return CliRunner().invoke(app, list(args), env=env)


def test_dry_run_writes_nothing(small, tmp_path: Path) -> None:
    settings, paths, first = small
    paths["onboarding"].write_text(MD_CHANGED, encoding="utf-8")
    (paths["onboarding"].parent / "verzuim.txt").write_text("Ziekmelden doe je voor negen uur.\n")
    files_before = _files(settings.data_dir)
    collections_before = collection_names(settings)

    result = invoke(settings, str(paths["onboarding"].parent), "--dry-run", "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dry_run"] is True
    assert (report["added"], report["updated"], report["embedded"]) == (["verzuim"], ["onboarding"], 0)
    assert report["generation"] == first.generation
    assert _files(settings.data_dir) == files_before
    assert collection_names(settings) == collections_before

    fresh = Settings(data_dir=tmp_path / "fresh", chroma_host="")
    result = invoke(fresh, str(paths["onboarding"].parent), "--dry-run", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == len(paths) + 1
    assert _files(fresh.data_dir) == {}  # not even an empty Chroma or cache
    assert not (fresh.data_dir / "chroma").exists()


def test_cli_exit_codes_and_json_report(corpus_dir: Path, settings_factory, tmp_path: Path) -> None:
    settings = settings_factory()

    missing = invoke(settings, str(tmp_path / "bestaat-niet"))
    assert missing.exit_code == 2

    bad = tmp_path / "alleen-slecht"
    bad.mkdir()
    (bad / "leeg.txt").write_bytes(b"")
    (bad / "ruis.bin").write_bytes(random.Random(1).randbytes(2048))
    only_bad = invoke(settings, str(bad), "--json")
    assert only_bad.exit_code == 1
    report = json.loads(only_bad.stdout)
    assert report["documents"] == 0 and len(report["skipped"]) == 2
    assert current_generation(settings.index_dir) is None

    paths = write_small_corpus(corpus_dir)
    good = invoke(settings, str(corpus_dir), "--json")
    assert good.exit_code == 0, good.output
    report = json.loads(good.stdout)
    assert report["documents"] == len(paths) and sorted(report["added"]) == sorted(paths)
    assert report["generation"] == current_generation(settings.index_dir)

    summary = invoke(settings, str(corpus_dir))
    assert summary.exit_code == 0
    assert summary.stdout == ""  # the table goes to stderr; stdout stays clean for --json

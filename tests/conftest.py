"""Shared fixtures: the real embedding model, settings in a temp dir, and one real index of the corpus.

Nothing here is mocked: the embedder is the packaged all-MiniLM-L6-v2, Chroma is the embedded
PersistentClient, and `corpus_index` runs the real ingest over the real corpus.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.embeddings import Embedder

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = PROJECT_ROOT / "corpus"

SettingsFactory = Callable[..., Settings]


def make_settings(data_dir: Path, corpus_dir: Path, **overrides: object) -> Settings:
    """Settings rooted in `data_dir`, with an embedded Chroma unless `chroma_host` is overridden."""
    values: dict[str, object] = {"data_dir": data_dir, "corpus_dir": corpus_dir, "chroma_host": ""}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The packaged embedding model, loaded once per test session."""
    return Embedder(Settings().model_path)


@pytest.fixture
def settings_factory(tmp_path: Path) -> SettingsFactory:
    """`make(**overrides) -> Settings`: data_dir=tmp_path/"data", corpus_dir=tmp_path/"corpus",
    embedded Chroma; any Settings field can be overridden (max_file_bytes=2000, chroma_host=...)."""

    def make(**overrides: object) -> Settings:
        values: dict[str, object] = {"data_dir": tmp_path / "data", "corpus_dir": tmp_path / "corpus"}
        values.update(overrides)
        return make_settings(**values)

    return make


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder):
    """The real corpus (corpus/ next to tests/) ingested once per session into a temp data dir.

    Returns `(settings, report)`: `settings` points at the index (settings.index_dir, settings.chroma_dir,
    the embedding cache under settings.data_dir/"cache"), `report` is the IngestReport of that run.
    Treat it as read-only: it is shared by every test that uses it. Tests that use it are slow (the
    whole corpus is embedded once, tens of seconds); mark them @pytest.mark.slow.
    """
    from ingest.pipeline import run_ingest

    data_dir = tmp_path_factory.mktemp("corpus-index") / "data"
    settings = make_settings(data_dir, CORPUS_DIR)
    report = run_ingest([CORPUS_DIR], settings, embedder)
    return settings, report

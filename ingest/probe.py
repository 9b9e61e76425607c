"""Read an upload in a child process with a memory and CPU-time limit before it is accepted, so a file
that explodes while being parsed (a zip or PDF bomb) costs that child, never the API process.

`python -m ingest.probe FILE MAX_FILE_BYTES MEMORY_BYTES CPU_SECONDS` prints one JSON line:
{"refused": null} or {"refused": "reason"}.
"""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from assistant.core.config import PROJECT_ROOT, Settings
from ingest.models import SkipFile

TOO_EXPENSIVE = "het lezen kost te veel geheugen of rekentijd (maximaal {memory} MB, {seconds} s)"


def probe(path: Path, settings: Settings) -> None:
    """Load `path` in a limited child process; raise SkipFile with the reason when it cannot be read."""
    seconds = int(settings.upload_read_seconds)
    command = [
        sys.executable,
        "-m",
        "ingest.probe",
        str(path),
        str(settings.max_file_bytes),
        str(settings.upload_memory_bytes),
        str(seconds),
    ]
    # The child imports this very checkout, whatever the working directory of the server is.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])}
    too_expensive = TOO_EXPENSIVE.format(memory=settings.upload_memory_bytes // 1_000_000, seconds=seconds)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 10, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise SkipFile(too_expensive) from None
    try:
        refused = json.loads(result.stdout.strip().splitlines()[-1])["refused"]
    except (IndexError, ValueError, KeyError):  # killed by a limit before it could answer
        raise SkipFile(too_expensive) from None
    if refused:
        raise SkipFile(too_expensive if refused == "MemoryError" else refused)


def main(path: str, max_bytes: str, memory: str, seconds: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (int(memory), int(memory)))
    resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds) + 1))
    from ingest.loaders import load_document  # after the limits: the parsers' own cost counts as well

    try:
        load_document(Path(path), int(max_bytes))
        refused = None
    except SkipFile as exc:
        refused = str(exc)
    except MemoryError:
        refused = "MemoryError"
    print(json.dumps({"refused": refused}))


if __name__ == "__main__":
    main(*sys.argv[1:])

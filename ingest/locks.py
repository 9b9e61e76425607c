"""An exclusive lock on a file, shared by threads and processes alike (flock, released if one dies), and
tokens that tell whether the process that left something behind is still alive."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def process_token(pid: int | None = None) -> str:
    """Names a process for its whole life: the pid alone may be reused after a restart."""
    process = psutil.Process(pid)
    return f"{process.pid}x{int(process.create_time() * 1000)}"


def token_alive(token: str) -> bool:
    pid, _, _ = token.partition("x")
    try:
        return pid.isdigit() and process_token(int(pid)) == token
    except psutil.Error:
        return False

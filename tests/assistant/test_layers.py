"""The import direction the layout promises: assistant/core stands on nothing else of the project, and
assistant/ never imports ingest/, api/ or eval/ (they import it)."""

import ast
from pathlib import Path

import pytest

from assistant.core.config import PROJECT_ROOT

ASSISTANT = PROJECT_ROOT / "assistant"
FIRST_PARTY = ("assistant", "ingest", "api", "eval")


def _imports(path: Path) -> set[str]:
    """The first-party modules a file imports (absolute imports; the project uses no relative ones)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in FIRST_PARTY}


@pytest.mark.parametrize("path", sorted((ASSISTANT / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_only_core(path: Path) -> None:
    outside = {n for n in _imports(path) if n != "assistant.core" and not n.startswith("assistant.core.")}
    assert outside == set()


def test_assistant_never_imports_the_layers_above_it() -> None:
    above = [
        (str(p.relative_to(ASSISTANT)), n)
        for p in ASSISTANT.rglob("*.py")
        for n in _imports(p)
        if n.split(".")[0] != "assistant"
    ]
    assert above == []

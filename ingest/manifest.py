"""The corpus manifest: what each document is. Files without an entry get defaults from the file."""

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from assistant.core.errors import InvalidInputError
from ingest.structure import Layout

MANIFEST_NAME = "manifest.yaml"


class DocumentMeta(BaseModel, extra="forbid"):
    title: str | None = None
    kind: str = "document"
    publisher: str = ""
    year: int | None = None
    language: str = "nl"
    layout: Layout | None = None  # None: detected from the text


def load_manifest(directory: Path) -> dict[str, DocumentMeta]:
    """Entries of `directory/manifest.yaml` by file name; {} when there is no manifest."""
    path = directory / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("documents", {}) if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            raise InvalidInputError(f"{path}: verwacht 'documents:' met per bestandsnaam de gegevens")
        return {name: DocumentMeta.model_validate(meta or {}) for name, meta in entries.items()}
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{path} is geen geldige YAML: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidInputError(f"{path} klopt niet: {problems}") from exc

"""`python -m ingest [PATHS...]`: bring the indexes in line with the documents, with a summary."""

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.core.config import Settings
from assistant.core.embeddings import make_embedder
from assistant.core.errors import AssistantError
from assistant.core.snapshot import current_generation
from ingest.pipeline import IngestReport, run_ingest

app = typer.Typer(add_completion=False, help=__doc__)
console = Console(stderr=True)


def _summary(report: IngestReport) -> Table:
    table = Table(title="Ingest" + (" (proefdraai, niets geschreven)" if report.dry_run else ""))
    table.add_column("wat")
    table.add_column("aantal / details")
    table.add_row("documenten in de index", str(report.documents))
    table.add_row("pagina's", str(report.pages))
    table.add_row("passages (chunks)", str(report.chunks))
    table.add_row("nieuw", ", ".join(report.added) or "-")
    table.add_row("gewijzigd", ", ".join(report.updated) or "-")
    table.add_row("ongewijzigd", str(len(report.unchanged)))
    table.add_row("verwijderd", ", ".join(report.removed) or "-")
    table.add_row("nieuw ge-embed", str(report.embedded))
    for source, reason in report.skipped.items():
        table.add_row(f"overgeslagen: {Path(source).name}", reason)
    table.add_row("seconden", f"{report.seconds:.1f}")
    return table


@app.command()
def main(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders; default: the corpus and uploads folders.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-chunk and rewrite even unchanged files.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")] = False,
    if_missing: Annotated[
        bool,
        typer.Option(
            "--if-missing",
            help="Only when there is no index yet; otherwise the API brings it up to date in the background.",
        ),
    ] = False,
) -> None:
    settings = Settings()
    if if_missing and current_generation(settings.index_dir):
        console.print("Er is al een index; de API werkt hem na het starten op de achtergrond bij.")
        return
    targets = paths or [d for d in settings.source_dirs if d.exists()]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        console.print(f"[red]Niet gevonden:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    embedder = make_embedder(settings)
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            disable=as_json,
        ) as bar:
            task = bar.add_task("ingest", total=None)
            report = run_ingest(
                targets,
                settings,
                embedder,
                rebuild=rebuild,
                dry_run=dry_run,
                progress=lambda name: bar.update(task, description=name),
            )
    except AssistantError as exc:
        console.print(f"[red]Fout:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(asdict(report), ensure_ascii=False, indent=1))
    else:
        console.print(_summary(report))
    if report.documents == 0:
        console.print("[red]Niets kon worden ge-ingest.[/red]")
        raise typer.Exit(1)

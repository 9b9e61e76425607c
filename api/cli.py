"""`python -m api`: serve the API and web app; `python -m api users ...`: manage accounts.

With HR_WORKERS > 1 uvicorn starts that many processes, each building the app from the same settings;
use a Chroma server (HR_CHROMA_HOST) then, since the embedded store is not shared between processes.
"""

import getpass
import sys

import typer
import uvicorn

from api.accounts import AccountStore
from api.audit import AuditLog
from assistant.core.config import Settings
from assistant.core.errors import AssistantError

app = typer.Typer(add_completion=False, help="HR-assistent: de webapp en API serveren, of accounts beheren.")
users = typer.Typer(add_completion=False, help="Accounts beheren (aanmelden met HR_AUTH=accounts).")
app.add_typer(users, name="users")


@app.callback(invoke_without_command=True)
def serve(context: typer.Context) -> None:
    """Zonder opdracht: de webapp en API serveren op HR_HOST:HR_PORT."""
    if context.invoked_subcommand is not None:
        return
    settings = Settings()
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        timeout_keep_alive=5,
        # The app itself believes X-Forwarded-* only from HR_TRUSTED_PROXIES (api/security.py).
        proxy_headers=False,
    )


def _stores() -> tuple[AccountStore, AuditLog]:
    settings = Settings()
    return AccountStore(settings.data_dir / "accounts.sqlite"), AuditLog(settings.data_dir / "audit.sqlite")


def _who() -> str:
    return f"cli ({getpass.getuser()})"


def _read_password() -> str:
    """Asked twice on a terminal; a script pipes it in on the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Wachtwoord: ")
    if first != getpass.getpass("Nogmaals: "):
        _fail("De wachtwoorden verschillen.")
    return first


def _fail(message: str) -> None:
    typer.echo(f"Fout: {message}", err=True)
    raise typer.Exit(1)


@users.command("add")
def add_user(
    name: str,
    admin: bool = typer.Option(False, "--admin", help="Rol beheerder (anders recruiter)."),
) -> None:
    """Account toevoegen; het wachtwoord wordt gevraagd (of van standaardinvoer gelezen)."""
    accounts, audit = _stores()
    role = "beheerder" if admin else "recruiter"
    try:
        accounts.add(name, _read_password(), role)
    except AssistantError as exc:
        _fail(str(exc))
    audit.record(_who(), "gebruiker toegevoegd", f"{name} ({role})")
    typer.echo(f"Account {name} ({role}) aangemaakt.")


@users.command("list")
def list_users() -> None:
    """Accounts tonen: naam, rol, aangemaakt."""
    accounts, _ = _stores()
    for account in accounts.list():
        typer.echo(f"{account.name}\t{account.role}\t{account.created}")


@users.command("remove")
def remove_user(name: str) -> None:
    """Account verwijderen (de laatste beheerder blijft)."""
    accounts, audit = _stores()
    try:
        accounts.remove(name)
    except AssistantError as exc:
        _fail(str(exc))
    audit.record(_who(), "gebruiker verwijderd", name)
    typer.echo(f"Account {name} verwijderd.")

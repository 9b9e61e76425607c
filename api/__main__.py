"""`python -m api` serves; `python -m api users add --admin NAME` makes an account (see api/cli.py)."""

from api.cli import app

app(prog_name="python -m api")

# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedding model is loaded from disk; never ask a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run ingest test test-fast lint eval bench samples

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

ingest: install
	$(PY) -m ingest

run: install
	$(PY) -m ingest
	HR_HOST=$(HOST) HR_PORT=$(PORT) $(PY) -m api

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow and not server and not browser"

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

eval: install
	$(PY) -m ingest
	$(PY) -m eval.run_eval

bench: install
	$(PY) -m ingest
	$(PY) eval/bench_ingest.py
	$(PY) eval/bench_query.py
	$(PY) eval/bench_api.py
	$(PY) eval/bench_accounts.py

samples: install
	$(PY) -m ingest
	$(PY) -m eval.make_samples

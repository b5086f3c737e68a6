# `make run` and `make test` bootstrap a local .venv from nothing (only Python 3.11+ and make needed).
# What they install is pinned, with hashes, in requirements/*.lock (`make lock` regenerates them);
# `make test-latest` runs the tests against today's releases instead, in .venv-latest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SPEC   ?= prisoners-dilemma
LOCK_RUN := requirements/run.lock
LOCK_DEV := requirements/dev.lock
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test test-latest bench clean fixtures lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# runtime dependencies only, as locked: enough for `make run`
$(VENV)/.installed-run: pyproject.toml $(LOCK_RUN) | $(BIN)/python
	$(PIP) --require-hashes -r $(LOCK_RUN)
	$(PIP) --no-deps -e .
	touch $@

# everything the tests need (pytest, hypothesis, jsonschema, import-linter, pygambit as a test
# oracle, matplotlib), as locked
$(VENV)/.installed-dev: pyproject.toml $(LOCK_DEV) | $(BIN)/python
	$(PIP) --require-hashes -r $(LOCK_DEV)
	$(PIP) --no-deps -e .
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/gametheory solve $(SPEC)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# the same tests against the newest releases of every dependency (no lock): drift shows up here
# as a named failure before a user meets it
test-latest:
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev,plot]'
	.venv-latest/bin/python -m pip list --format=freeze > .venv-latest/versions.txt
	.venv-latest/bin/python -m pytest -p no:cacheprovider

# regenerate the lock files from pyproject.toml's ranges (today's releases), with hashes
lock: | $(BIN)/python
	$(PIP) uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet -o $(LOCK_RUN)
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra plot --python-version 3.11 --generate-hashes --quiet -o $(LOCK_DEV)

# the figures of docs/explanation/performance.md (lrsnash, from Debian's lrslib, is the speed reference;
# without it that column is skipped with a note)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_equilibria.py
	$(BIN)/python bench/bench_solve.py
	$(BIN)/python bench/bench_symbolic.py

fixtures: $(VENV)/.installed-dev
	$(BIN)/python bench/regenerate_gambit_fixtures.py

clean:
	rm -rf $(VENV) .venv-latest build *.egg-info .pytest_cache .hypothesis

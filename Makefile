# `make run` and `make test` bootstrap a local .venv from nothing (only Python 3.11+ and make needed).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SPEC   ?= prisoners-dilemma

.PHONY: run test bench clean fixtures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# runtime dependencies only: enough for `make run`
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# everything the tests need (pytest, hypothesis, jsonschema, pygambit as a test oracle, matplotlib)
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,plot]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/gametheory solve $(SPEC)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_equilibria.py
	$(BIN)/python bench/bench_symbolic.py

fixtures: $(VENV)/.installed-dev
	$(BIN)/python bench/regenerate_gambit_fixtures.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

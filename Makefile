# Pleinmunt: `make run` serves the demo school; `make test` runs the whole suite.
# Both set up .venv themselves; the only requirements are Python 3.11+ and make.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo $$p && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint fmt migrate revision bench chromium venv clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Pleinmunt needs Python 3.11 or newer (python3.11 not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# -qq: pip says only what went wrong, not the build backend's notices.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -qq -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -qq -e ".[dev]"
	@touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-dev

# HOST=0.0.0.0 make run: serve the school network (tablets, the wall screen); the addresses
# to use and the demo's sign-ins are printed last, once the server is up.
run: $(VENV)/.installed-run
	@$(BIN)/pleinmunt serve --demo --host $(HOST) --port $(PORT)

# The whole suite: lint and types first (they take seconds), then every test.
test: $(VENV)/.installed-dev chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium through Playwright; Playwright never downloads a browser here.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium and an emoji font with apt ..."; \
		apt-get update -qq || true; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium fonts-noto-color-emoji'"; \
		echo "(or set CHROMIUM=/path/to/chromium)."; exit 1; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrate: $(VENV)/.installed-run
	$(BIN)/pleinmunt migrate

# make revision m="add bike turns": autogenerate a migration from the models (then read it!).
revision: $(VENV)/.installed-dev
	PLEINMUNT_DATA_DIR=$$(mktemp -d) bash -c '$(BIN)/pleinmunt migrate && $(BIN)/alembic revision --autogenerate -m "$(m)"'

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_award.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache

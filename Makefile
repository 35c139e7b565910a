# Two commands on a fresh machine with Python >= 3.11 and make:
#   make run   - install into .venv, load the Hải Phòng data into SQLite, print the evaluation,
#                then serve the web application at http://127.0.0.1:8000 (Ctrl-C stops it)
#   make test  - install dev dependencies, lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= $(CURDIR)/.chitieu/chitieu.sqlite3
export CHITIEU_DATABASE_URL ?= sqlite:///$(DB)

.PHONY: run test lint typecheck install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/chitieu init
	$(BIN)/chitieu load haiphong-xv-2015-2020
	$(BIN)/chitieu load haiphong-xvi-2020-2025
	$(BIN)/chitieu evaluate haiphong-xvi-2020-2025
	$(BIN)/chitieu serve --host 127.0.0.1 --port 8000

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install-dev
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a failure, never a green run.
test: install-dev lint typecheck
	@status=0; $(BIN)/python -m pytest || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

clean:
	rm -rf $(VENV) .chitieu .pytest_cache .mypy_cache .ruff_cache

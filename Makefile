# Two commands on a fresh machine with Python >= 3.11 and make:
#   make run   - install into .venv, load the Hải Phòng data into SQLite, print the evaluation,
#                then serve the web application at http://127.0.0.1:8000 (Ctrl-C stops it)
#   make test  - install dev dependencies, lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= $(CURDIR)/.chitieu/chitieu.sqlite3
export CHITIEU_DATABASE_URL ?= sqlite:///$(DB)

.PHONY: run test lint typecheck install install-dev install-bench bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

run: install
	$(BIN)/chitieu init
	$(BIN)/chitieu load haiphong-xv-2015-2020
	$(BIN)/chitieu load haiphong-xvi-2020-2025
	$(BIN)/chitieu evaluate haiphong-xvi-2020-2025
	$(BIN)/chitieu serve --host 127.0.0.1 --port 8000

lint: install-dev
	$(BIN)/ruff check src tests fuzz bench
	$(BIN)/ruff format --check src tests fuzz bench

typecheck: install-dev
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a failure, never a green run.
test: install-dev lint typecheck
	@status=0; $(BIN)/python -m pytest || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

# Benchmarks (not tests): bench/README.md. The first run builds the synthetic national databases
# under /tmp/chitieu-bench (2 M figures: minutes; 10 M: a quarter of an hour). PostgreSQL is
# measured too when CHITIEU_TEST_POSTGRES_URL is set. BENCH_SCALES=0.2m,2m skips the 10 M set.
BENCH_SCALES ?= 0.2m,2m,10m
bench: install-bench
	$(BIN)/python bench/bench_reading.py --runs 5
	$(BIN)/python bench/bench_reports.py --runs 5 --pdf-runs 3
	$(BIN)/python bench/bench_archive.py --runs 5
	$(BIN)/python bench/bench_import.py --rows 1000000 --xlsx-rows 100000 --runs 3
	$(BIN)/python bench/bench_evaluate.py --scale 2m --runs 5
	$(BIN)/python bench/bench_peer.py --scale 0.2m --runs 5 --vector-scale 2m
	$(BIN)/python bench/bench_scaling.py --scales $(BENCH_SCALES) --runs 3
	$(BIN)/python bench/bench_web.py --clients 50 --seconds 10 --backend both

# Long fuzz campaigns (docs/reliability.md): 100.000 generated inputs per parser and importer,
# then schemathesis with 500 examples per API operation. Exits non-zero on any crash or hang.
fuzz: install-dev
	$(BIN)/python -m fuzz.run
	CHITIEU_FUZZ_EXAMPLES=500 $(BIN)/python -m pytest -q -s tests/web/test_schemathesis.py

clean:
	rm -rf $(VENV) .chitieu .pytest_cache .mypy_cache .ruff_cache

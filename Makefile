PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow lint bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,web]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/steppe demo --out out/

test: $(STAMP)
	$(BIN)/ruff check steppe tests benchmarks
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check steppe tests benchmarks
	$(BIN)/ruff format --check steppe tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_gdelt.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/votes.py
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python benchmarks/simulate.py
	$(BIN)/python benchmarks/serve.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/coder.py
	$(BIN)/python benchmarks/cli_startup.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

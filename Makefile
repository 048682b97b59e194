# The README's two commands are `make run` and `make test`; everything installs into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# `make run` works offline on the shared data when it sits beside the project.
DATA ?= $(wildcard ../shared/data)

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: install
	$(BIN)/beloftemeter bouw $(if $(DATA),--data $(DATA))

lint: install
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/pytest

# Slow (the semantic index of the real decisions takes ~10 min): never part of `make test`.
bench: install
	$(BIN)/python -m bench.agreement
	$(BIN)/python -m bench.decisions
	$(BIN)/python -m bench.search_embed --model e5
	$(BIN)/python -m bench.search_quality --configs geen,e5
	$(BIN)/python -m bench.search_latency

clean:
	rm -rf $(VENV) beloftemeter.db* rapporten

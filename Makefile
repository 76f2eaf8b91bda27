# Kayes knowledge hub. Quick start: `make serve` (site at http://127.0.0.1:8000), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build check schemas test system-deps lint clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## serve: build and serve the site with live reload at http://127.0.0.1:8000
serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: the production site in site/ (fails on any content problem)
build: install
	$(BIN)/mkdocs build --strict --clean

## check: validate the content without building
check: install
	$(BIN)/hub check

## schemas: regenerate methodology/schemas/ from toolkit/model.py
schemas: install
	$(BIN)/hub schemas

## test: the whole test suite (installs Debian's chromium for browser tests when missing)
test: install system-deps
	$(BIN)/python -m pytest

system-deps:
	@bash .ci/system-deps

lint: install
	$(BIN)/ruff check toolkit hooks tests

clean:
	rm -rf site .pytest_cache

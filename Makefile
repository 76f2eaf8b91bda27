# Kayes knowledge hub. Quick start: `make serve` (site at http://127.0.0.1:8000), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build check schemas test test-fast bench screenshots system-deps lint clean compare-engines

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## serve: build and serve the site with live reload at http://127.0.0.1:8000
serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: the production site in site/ (fails on any content problem). Built aside in
## .build/site and moved into place only when complete: a failed build never leaves a site
## that looks finished.
build: install
	rm -rf .build/site
	$(BIN)/mkdocs build --strict --site-dir .build/site
	rm -rf site.old && { [ ! -e site ] || mv site site.old; } && mv .build/site site && rm -rf site.old

## check: validate the content without building
check: install
	$(BIN)/hub check

## schemas: regenerate methodology/schemas/ from toolkit/content/model.py
schemas: install
	$(BIN)/hub schemas

## test: the whole test suite (installs Debian's chromium and axe-core when missing), on every
## core (pytest-xdist: a module's tests share a worker, see tests/conftest.py)
test: install system-deps node_modules/.installed
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

## test-fast: the tests that need no build, no browser and no external validator, with a tenth of
## the property tests' examples (under a minute): what to run before a commit
test-fast: install
	HUB_TEST_FAST=1 $(BIN)/python -m pytest -q -n auto --dist loadscope --no-loadscope-reorder -m "not build and not browser and not slow"

## upstream suites: the sdists of Python-Markdown and mkdocs-static-i18n at their pinned versions,
## whose own tests tests/upstream/test_upstream_suites.py runs with the hub's stand-ins in place.
## Each package's own folder is removed, so that the installed package is the one tested.
UPSTREAM      := .cache/upstream
UPSTREAM_PINS := $(shell grep -iE '^(markdown|mkdocs-static-i18n)==' constraints.txt)

$(UPSTREAM)/.downloaded: constraints.txt | $(STAMP)
	test "$(words $(UPSTREAM_PINS))" = 2
	rm -rf $(UPSTREAM) && mkdir -p $(UPSTREAM)/sdists
	$(BIN)/python -m pip download --quiet --no-binary :all: --no-deps -d $(UPSTREAM)/sdists $(UPSTREAM_PINS)
	for sdist in $(UPSTREAM)/sdists/*.tar.gz; do tar -xzf $$sdist -C $(UPSTREAM) || exit 1; done
	rm -rf $(UPSTREAM)/markdown-*/markdown $(UPSTREAM)/mkdocs_static_i18n-*/mkdocs_static_i18n
	touch $@

test: $(UPSTREAM)/.downloaded

# Without npm (and not under CI), the accessibility tests are skipped and say what to install.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	elif [ "$$CI" = "true" ]; then echo "npm is missing (CI=true: nothing may be skipped)" >&2; exit 1; \
	else echo "npm is missing: the accessibility tests (axe-core) will be skipped. Install Node.js and npm." >&2; fi

## bench: build a generated 1,000-document corpus with this hub and with a default Material +
## i18n configuration, measure both in Chromium, print one table and append it to bench/RESULTS.md
## (about 20 minutes on 2 cores)
bench: install node_modules/.installed bench/node_modules/.installed
	HUB_KITS=0 $(BIN)/python -m bench.measure --docs 250 --out bench/RESULTS.md

## screenshots: every page template on a 360 px phone and a desktop, four languages, light and
## dark, in screenshots/ (open screenshots/index.html); look before changing templates or styles
screenshots: install
	$(BIN)/python tests/screenshots.py --out screenshots

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --silent
	touch $@

system-deps:
	@bash .ci/system-deps

lint: install
	$(BIN)/ruff check toolkit hooks tests bench
	$(BIN)/ruff format --check toolkit hooks tests bench

clean:
	rm -rf site .build .cache .pytest_cache node_modules screenshots

# --- Delivery: the fallback engine (issue 19) -------------------------------------------------------
## compare-engines: build the real site with MkDocs and with ProperDocs (the maintained fork of
## MkDocs 1.6, in its own venv) and compare; only the generator meta tag may differ (DESIGN.md)
PROPERDOCS_VENV := .build/properdocs-venv
compare-engines: install
	test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet -c constraints.txt -e '.[fallback]'
	bash .ci/compare-engines

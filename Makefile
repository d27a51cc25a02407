# Every target sets up what it needs, so a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test test-pyodide lint bench feedback-report clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Playwright's own browser download cannot work here, so tests drive Debian's Chromium.
$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi

# site_url must be the origin that serves the site, or instant navigation falls back to page loads.
build: setup
	SITE_URL=http://$(HOST):$(PORT)/ $(PY) -m mkdocs build --strict

serve: build
	$(PY) -m feedback_service serve --site-dir site --db var/feedback.sqlite3 --host $(HOST) --port $(PORT)

# Yes/no counts, helpful %, reasons and latest comments per article and language.
# `make feedback-report CSV=feedback.csv` also writes a spreadsheet; FEEDBACK_DB=... reads another database.
FEEDBACK_DB ?= var/feedback.sqlite3
feedback-report: setup
	$(PY) -m feedback_service report --db $(FEEDBACK_DB) $(if $(CSV),--csv $(CSV))

lint: setup
	$(PY) -m ruff check .
	$(PY) -m mypy --strict calculators

test: setup $(CHROMIUM) lint
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-pyodide

# The calculators suite again, inside Pyodide on Node: the runtime the browser uses.
PYODIDE_WHEELS := .cache/pyodide-wheels
CALCULATORS_WHEEL := .cache/calculators-wheel

# Pinned, pure-Python test wheels, downloaded once; a changed pin downloads again.
$(PYODIDE_WHEELS)/.downloaded: tests/pyodide/requirements.txt | $(VENV)/.installed
	$(PY) -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
		--python-version 3.14 --implementation py --abi none --platform any \
		-d $(PYODIDE_WHEELS) -r tests/pyodide/requirements.txt
	touch $@

test-pyodide: setup $(PYODIDE_WHEELS)/.downloaded
	rm -rf $(CALCULATORS_WHEEL)
	$(PY) -m flit_core.wheel --outdir $(CALCULATORS_WHEEL)
	node tests/pyodide/run_tests.mjs --wheels $(PYODIDE_WHEELS) \
		--calculators-wheel "$$(ls $(CALCULATORS_WHEEL)/calculators-*.whl)"

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache

# Search quality: realistic queries typed into the built site's search box, per language.
.PHONY: search-eval
search-eval: setup $(CHROMIUM)
	$(PY) -m tests.search.evaluate

# Calculators: the reader's own first result and bytes on the wire on two throttled networks and on
# loopback (cold, warm), against a gzip-served bare loadPyodide(); Pyodide bytes on a page without
# a calculator, text paint and recalculation latency. A benchmark, not a test.
bench: setup $(CHROMIUM)
	$(PY) -m benchmarks.time_to_first_result

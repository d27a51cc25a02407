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

.PHONY: setup serve build test lint bench feedback-report clean

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

build: setup
	$(PY) -m mkdocs build --strict

serve: build
	$(PY) -m feedback_service serve --site-dir site --db var/feedback.sqlite3 --host $(HOST) --port $(PORT)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m mypy --strict calculators

test: setup $(CHROMIUM) lint
	$(PY) -m pytest

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache

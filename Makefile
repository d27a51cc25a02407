# Every target sets up what it needs, so a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test test-fast test-pyodide lint bench feedback-report clean

setup: $(VENV)/.installed node_modules/.installed

# The virtualenv's Python, 3.12 or later (pyodide-build needs it): PYTHON=... if given, else found
# by tools/find_python.sh. The stamp records which one; another (an older virtualenv, a new
# PYTHON=...) makes the virtualenv again. The stamp is rewritten only when it changes.
.PHONY: FORCE
$(VENV)/.python: FORCE
	@found="$$(tools/find_python.sh)" || exit 1; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$found" ]; then \
	  rm -rf $(VENV) && mkdir -p $(VENV) && echo "$$found" > $@; fi

$(VENV)/.installed: requirements.txt $(VENV)/.python
	"$$(cut -d' ' -f1 $(VENV)/.python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The build (helpcenter/, the MkDocs plugin mkdocs.yml names) and the calculators, installed
# editable from pyproject.toml, so MkDocs finds the plugin by its entry point. No dependencies:
# requirements.txt pins them all.
setup: $(VENV)/.project
$(VENV)/.project: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/helpcenter.pth" \
		$(VENV)/.helpcenter-path  # the path file earlier setups wrote by hand
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Playwright's own browser download cannot work here, so tests drive Debian's Chromium: its
# headless shell (the suite's browser, a quarter less CPU), and the full browser the benchmarks,
# Lighthouse and search-eval measure.
CHROMIUM_SHELL := /usr/bin/chromium-headless-shell
$(CHROMIUM) $(CHROMIUM_SHELL) &:
	if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium chromium-headless-shell; \
	else sudo apt-get update -q && sudo apt-get install -y -q chromium chromium-headless-shell; fi

# Debian's PostgreSQL and nginx: the feedback tests start a real PostgreSQL, the production tests
# and `make serve-production` put nginx in front. Installed like Chromium, once.
PG_CTL := $(firstword $(wildcard /usr/lib/postgresql/*/bin/pg_ctl))
NGINX := /usr/sbin/nginx
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
.PHONY: postgresql nginx
postgresql:
	@if [ -z "$(PG_CTL)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q postgresql; \
	  else sudo apt-get update -q && sudo apt-get install -y -q postgresql; fi; fi
nginx: $(NGINX) $(NGINX_BROTLI)
$(NGINX) $(NGINX_BROTLI):
	if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q nginx libnginx-mod-http-brotli-static; \
	else sudo apt-get update -q && sudo apt-get install -y -q nginx libnginx-mod-http-brotli-static; fi

# site_url must be the origin that serves the site, or instant navigation falls back to page loads.
build: setup
	SITE_URL=http://$(HOST):$(PORT)/ $(PY) -m mkdocs build --strict

serve: build
	$(PY) -m helpcenter_server serve --site-dir site --db var/feedback.sqlite3 --host $(HOST) --port $(PORT)

# The production shape on this machine: nginx on 8080 in front of two service instances that
# share one PostgreSQL (data in var/postgres). Ctrl-C stops all of it.
.PHONY: serve-production
serve-production: postgresql nginx
	$(MAKE) --no-print-directory build PORT=8080
	$(PY) -m tools.production --site-dir site --var var --port 8080

# deploy/nginx/ again from helpcenter_server/web/headers.py and nginx.py (a test checks it is current).
.PHONY: nginx-config
nginx-config: setup
	$(PY) -c "from helpcenter_server.__main__ import main; from helpcenter_server.web.nginx import \
	EXAMPLE_ARGS, EXAMPLE_DIR; main(['nginx-config', *EXAMPLE_ARGS, '--out', str(EXAMPLE_DIR)])"

# Yes/no counts, helpful %, reasons and latest comments per article and language.
# `make feedback-report CSV=feedback.csv` also writes a spreadsheet; FEEDBACK_DB=... reads another database.
FEEDBACK_DB ?= var/feedback.sqlite3
feedback-report: setup
	$(PY) -m helpcenter_server report --db $(FEEDBACK_DB) $(if $(CSV),--csv $(CSV))

lint: setup
	$(PY) -m ruff check .
	$(PY) -m mypy --strict calculators helpcenter helpcenter_server feedback_service

# pytest in parallel processes (pytest-xdist), each test file on one worker so that its own
# fixtures are made once; the site build and the live server are made once for all workers.
# The Pyodide suite runs beside it on Node; its output follows pytest's. TEST_WORKERS=0: one process.
TEST_WORKERS ?= 3
PYTEST = $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: setup $(CHROMIUM) $(CHROMIUM_SHELL) postgresql nginx lint
	@mkdir -p .cache; $(MAKE) --no-print-directory test-pyodide > .cache/test-pyodide.log 2>&1 & \
	pyodide=$$!; $(PYTEST); pytest_status=$$?; wait $$pyodide; pyodide_status=$$?; \
	echo "--- make test-pyodide, run beside pytest ---"; cat .cache/test-pyodide.log; \
	exit $$(( pytest_status || pyodide_status ))

# The quick loop: the unit, content and service tests, without a browser and without the load
# tests and the larger sites (`-m "not browser and not slow"`).
test-fast: setup postgresql nginx
	$(PYTEST) -m "not browser and not slow"

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
	$(PY) -m helpcenter.calculators_wheel --outdir $(CALCULATORS_WHEEL)
	node tests/pyodide/run_tests.mjs --wheels $(PYODIDE_WHEELS) \
		--calculators-wheel "$$(ls $(CALCULATORS_WHEEL)/calculators-*.whl)"

clean:
	rm -rf site build .cache .pytest_cache .mypy_cache .ruff_cache

# Search quality: realistic queries typed into the built site's search box, per language.
.PHONY: search-eval
search-eval: setup $(CHROMIUM)
	$(PY) -m tools.search_eval $(if $(QUERIES),--queries tools/search_eval/$(QUERIES).yml)

# Pagefind against the former lunr setup, on the real site and at 1,000 articles per language:
# hit rates, p95 latency and first-search bytes side by side. A benchmark, not a test.
# ENGINES=pagefind SIZES=1000 measures this tree alone; SLOWEST=5 lists each language's slowest
# questions; KEEP=dir keeps the built sites there and measures them again without building;
# LOAD=0,4 measures each site as the machine is, then beside 4 busy processes (load average >= 4).
.PHONY: bench-search
bench-search: setup $(CHROMIUM)
	$(PY) -m benchmarks.search_scale $(if $(SIZES),--sizes $(SIZES)) \
		$(if $(ENGINES),--engines $(ENGINES)) $(if $(SLOWEST),--slowest $(SLOWEST)) \
		$(if $(KEEP),--keep $(KEEP)) $(if $(LOAD),--load $(LOAD))

# Calculators: the reader's own first result and bytes on the wire on two throttled networks and on
# loopback (cold, warm), against a gzip-served bare loadPyodide(); Pyodide bytes on a page without
# a calculator, text paint and recalculation latency. A benchmark, not a test.
bench: setup $(CHROMIUM)
	$(PY) -m benchmarks.time_to_first_result

# Lighthouse 12.2.3's mobile and desktop presets on every page type (home, article, topic page,
# article with a calculator, 404) in sv, en and fi, against the served built site: scores, LCP,
# TBT, CLS, bytes and the failing audits. A benchmark, not a test. RUNS=3 for medians of 3;
# PRESETS=mobile, LANGS=sv, PAGES=calculator,article for fewer; REPORTS=dir keeps the JSON reports.
# PAGES=article,calculator,calculator-early,calculator-early-low: the trade-off of issue 25.
.PHONY: lighthouse
lighthouse: setup $(CHROMIUM)
	$(PY) -m benchmarks.lighthouse $(if $(RUNS),--runs $(RUNS)) $(if $(PRESETS),--presets $(PRESETS)) \
		$(if $(LANGS),--langs $(LANGS)) $(if $(PAGES),--pages $(PAGES)) $(if $(REPORTS),--reports $(REPORTS))

# Build time and page weight at 100, 300 and 1,000 articles per language, from a corpus made of the
# real articles in a temporary folder. A benchmark, not a test. SIZES=100,300 for fewer.
.PHONY: bench-build
bench-build: setup
	$(PY) -m benchmarks.build_scale $(if $(SIZES),--sizes $(SIZES))

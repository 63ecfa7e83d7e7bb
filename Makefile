# Two commands matter: `make run` (set up everything, serve on http://127.0.0.1:8000)
# and `make test` (set up everything, run every check and test).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
# The app refuses to start without SECRET_KEY outside debug and tests; for local use the
# Makefile makes one in instance/secret_key, which the app reads when SECRET_KEY is not set.
LOCAL_KEY := instance/secret_key

.PHONY: help lock run test setup check schemas lint security format translations extract-messages update-messages benchmark clean

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

# Installs come from the lock files: every package, dependencies included, pinned with the
# hashes of its files (pip refuses anything else). `make lock` remakes them from the
# requirements files, which name what the project uses directly.
$(RUNTIME): requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(DEV): $(RUNTIME) requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

LOCK_OPTIONS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
  --no-emit-index-url --no-emit-find-links

lock: ## Remake requirements.lock and requirements-dev.lock (hashed) from the requirements files
	test -d .venv-lock || $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.7.0
	.venv-lock/bin/pip-compile $(LOCK_OPTIONS) -o requirements.lock requirements.txt
	.venv-lock/bin/pip-compile $(LOCK_OPTIONS) -c requirements.lock -o requirements-dev.lock \
	  requirements-dev.txt

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(RUNTIME)
	$(BIN)/pybabel compile -i $< -o $@

translations: $(MO_FILES) ## Compile the interface translations

$(LOCAL_KEY):
	mkdir -p $(@D)
	(umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > $@)

setup: $(RUNTIME) translations $(LOCAL_KEY) ## Virtual env, dependencies, translations, search index, database
	$(BIN)/flask --app wsgi search build
	$(BIN)/flask --app wsgi db upgrade

run: setup ## Set everything up and serve the site with gunicorn on http://127.0.0.1:8000
	$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

check: $(RUNTIME) translations $(LOCAL_KEY) ## Check the content (links, services, numbers, review dates)
	$(BIN)/flask --app wsgi content check

schemas: $(RUNTIME) translations $(LOCAL_KEY) ## Write docs/schemas/ (the JSON Schema of each kind of content file)
	$(BIN)/flask --app wsgi content schema

lint: $(DEV) ## Lint and check formatting with ruff, and the types in app/ with mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

security: $(DEV) ## Scan the code with bandit (each finding fixed, or marked nosec with its reason)
	$(BIN)/bandit --quiet --recursive app benchmarks wsgi.py gunicorn.conf.py

format: $(DEV) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Two pytest runs side by side, as each keeps about one core busy: the browser tests (Chromium
# does most of their work) and all the others. The browser run's report follows the other's;
# the target fails if either run fails.
test: $(DEV) setup lint security check ## Set everything up and run every test (unit, functional, browser)
	@$(BIN)/pytest -q -p no:cacheprovider -m browser > .browser-tests.log 2>&1 & browser=$$!; \
	$(BIN)/pytest -q -m "not browser"; others=$$?; \
	wait $$browser; browser_status=$$?; \
	echo "== browser tests (tests/browser)"; cat .browser-tests.log; rm -f .browser-tests.log; \
	test $$others -eq 0 && test $$browser_status -eq 0

extract-messages: $(RUNTIME) ## Extract interface strings into translations/messages.pot
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --omit-header -o translations/messages.pot .

update-messages: extract-messages ## Update every catalogue from the .pot (no fuzzy guesses)
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations

benchmark: $(DEV) setup ## Print the benchmark figures (page weight, throughput, search, load)
	$(BIN)/python -m benchmarks.page_weight
	$(BIN)/python -m benchmarks.throughput
	$(BIN)/python -m benchmarks.directory
	$(BIN)/python -m benchmarks.search
	@if command -v wrk >/dev/null; then $(BIN)/python -m benchmarks.load; \
	else echo "load benchmark skipped: it needs wrk (apt-get install wrk)"; fi

clean: ## Remove the virtual env and generated files
	rm -rf $(VENV) .venv-lock search_index/*/ translations/*/LC_MESSAGES/*.mo

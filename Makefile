# make run   set up and start the app on its defaults (SQLite, one process)
# make test  set up and run the whole test suite (parallel workers, then the few tests that
#            must have the machine to themselves)
# make check the fast part: unit and integration tests, no browser or server process
# make lint  ruff lint and format check

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
# Test workers: most of a test's time is spent waiting on a server process or a browser, so
# twice as many workers as cores keeps both cores busy.
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) * 2 )))

.PHONY: run test check lint format translations assets bench bench-stream bench-similar bench-tidy system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $(RUN_STAMP)

# Running the app needs only its own requirements, not the tests' tools.
$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(RUN_STAMP)

# The room's phones must reach the laptop: make run listens on the network (README, "Run it").
run: $(RUN_STAMP)
	HOST=$${HOST:-0.0.0.0} $(BIN)/python run.py

system-deps:
	sh scripts/system-deps.sh

# Tests marked "serial" measure the server's pace against itself and run after the others,
# alone (pytest exits 5 when a selection holds none of them).
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -p no:xdist -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The edit-test loop: everything that runs without a browser or a server process.
check: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal tests/unit tests/integration $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract the messages after changing user-facing text, then translate and compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k lazy_gettext -o workshop/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i workshop/translations/messages.pot -d workshop/translations --no-fuzzy-matching --width 100
	$(BIN)/pybabel compile -d workshop/translations

# Rebuild the browser's files (static/build/) after changing static/js or static/css; the app
# serves the committed build and needs no Node to run.
assets:
	npm ci --silent --no-audit --no-fund
	node scripts/build_assets.mjs

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

bench-stream: $(STAMP)
	$(BIN)/python bench/stream.py

# Precision and recall of the merge suggestions on a labelled set, and their speed.
bench-similar: $(STAMP)
	$(BIN)/python bench/similar.py

# Clicks and seconds to tidy 60 answers in the console, before and after (Chromium).
bench-tidy: $(STAMP)
	$(BIN)/python bench/tidy_console.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache

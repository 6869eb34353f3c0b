# One command per chore. `make run` and `make test` set up everything first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: system-packages setup run test lint fmt bench clean

# `make run PORT=8001` serves elsewhere; links in emails and iCalendar files follow.
PORT ?= 8000
run: export PORT := $(PORT)
run: export SITE_URL ?= http://127.0.0.1:$(PORT)

# The Debian packages (one list, in the script) that PDFs and browser tests need.
system-packages:
	@bash scripts/system-packages.sh

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/.built: node_modules/.installed $(shell find static/src -type f 2>/dev/null)
	npm run --silent build
	touch $@

setup: system-packages $(VENV)/.installed static/dist/.built

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) make_dev_seal
	$(MANAGE) loaddemo
	bash scripts/run-dev.sh

test: setup
	$(BIN)/pytest --numprocesses 2 $(PYTEST_ARGS)

# bench/scale.py builds the scale data set at 0.1x and 1x (PostgreSQL at BENCH_DATABASE_URL, else SQLite)
# and measures every page under gunicorn with wrk: a few minutes.
bench: setup
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/agreements.py
	$(BIN)/python bench/notifications.py
	$(BIN)/python bench/scale.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules static/dist var

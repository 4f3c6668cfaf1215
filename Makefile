# The two commands: `make run` (serve the demo site) and `make test` (the whole suite).
# Both create .venv from pyproject.toml, start the embedded PostgreSQL when DATABASE_URL is unset,
# migrate and load the demo content once.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup clean-data messages lock lint

run: setup
	@$(PY) -m portal.bootstrap --check-port $(PORT)
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(STAMP) .env
	@$(PY) -m portal.bootstrap

# Exactly the versions in requirements.lock (with their hashes): what CI tested is what a fresh
# clone gets. The lock is made from pyproject.toml by `make lock`.
$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "): install it or run make PYTHON=python3.12 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install the venv module (Debian: apt-get install python3-venv)."; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# Regenerate requirements.lock after changing pyproject.toml (pip-tools in a venv of its own, so
# that it never lands in .venv). One package only: make lock LOCK_ARGS="--upgrade-package redis".
lock:
	@test -x .venv-tools/bin/pip-compile || { $(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet pip-tools==7.6.2; }
	.venv-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras $(LOCK_ARGS) -o requirements.lock pyproject.toml

# The checks CI runs before the tests: ruff's lint rules and its formatting (pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Development settings, written once; real environment variables win over it.
.env:
	@$(PYTHON) -c 'import secrets; print("DEBUG=1\nSECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "wrote .env (DEBUG=1 and a random SECRET_KEY for development)"

# Translations (needs GNU gettext): collect every string marked for translation into the catalogue
# of the app (or, for templates/, of locale/) that holds it, with source references, then compile.
# Translate the new entries (empty msgstr) in the .po files and run it again; the .mo files are
# committed.
messages: $(STAMP)
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=.venv-tools --ignore=tests --ignore=bench --ignore=deploy
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.venv-tools

clean-data:
	@$(PY) -c 'from portal.bootstrap import stop_embedded; stop_embedded()' || true
	rm -rf .data media

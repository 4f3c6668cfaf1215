# The two commands: `make run` (serve the demo site) and `make test` (the whole suite).
# Both create .venv from pyproject.toml, start the embedded PostgreSQL when DATABASE_URL is unset,
# migrate and load the demo content once.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup clean-data messages

run: setup
	@$(PY) -m portal.bootstrap --check-port $(PORT)
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(STAMP) .env
	@$(PY) -m portal.bootstrap

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "): install it or run make PYTHON=python3.12 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install the venv module (Debian: apt-get install python3-venv)."; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	@touch $@

# Development settings, written once; real environment variables win over it.
.env:
	@$(PYTHON) -c 'import secrets; print("DEBUG=1\nSECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "wrote .env (DEBUG=1 and a random SECRET_KEY for development)"

# After editing a .po file (needs GNU gettext's msgfmt); the compiled .mo files are committed.
messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv

clean-data:
	@$(PY) -c 'from portal.bootstrap import stop_embedded; stop_embedded()' || true
	rm -rf .data media

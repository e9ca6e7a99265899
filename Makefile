# vcio-explorer: build, run and test.
# Works on a fresh clone as root (CI) or as a normal user; `make` alone lists the targets.

PYTHON   ?= python3
VENV     := .venv
VPY      := $(VENV)/bin/python
# Written after a successful install; make re-installs only when a requirements file is newer.
STAMP    := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Page icons are emoji; without this font, screenshots show empty boxes.
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
PORT     ?= 8501
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-m 'not e2e' -x"`.
PYTEST_ARGS ?= -n 2

.DEFAULT_GOAL := help
.PHONY: help venv run chromium test lint format bench clean

help: ## List the targets
	@echo "Targets:"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

venv: $(STAMP) ## Create .venv and install requirements-dev.txt (skipped when up to date)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

# --browser.serverAddress localhost: the URL to print is known, so Streamlit does not ask an
# outside service for this machine's external IP (there is no internet here anyway).
run: venv ## Start the app on http://localhost:8501 (PORT=... to change)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --browser.serverAddress localhost

chromium: ## Install Debian's Chromium for the browser tests if it is missing
	@if [ -x $(CHROMIUM) ] && [ -e $(EMOJI_FONT) ]; then \
		echo "chromium: $(CHROMIUM) and the emoji font present"; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "WARNING: $(CHROMIUM) missing and apt-get not found: browser (e2e) tests will be skipped"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "WARNING: $(CHROMIUM) missing; run 'apt-get install -y chromium' as root: browser (e2e) tests will be skipped"; \
	else \
		echo "chromium: installing Debian's chromium"; \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-color-emoji) \
			|| echo "WARNING: installing chromium failed: browser (e2e) tests will be skipped"; \
	fi

test: venv chromium ## Lint, then run all tests (unit, AppTest and browser)
	$(VPY) -m ruff check .
	$(VPY) -m pytest $(PYTEST_ARGS)

lint: venv ## Check code and formatting without changing files
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

format: venv ## Fix what ruff can fix and format the code
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .

bench: venv ## Run every benchmarks/*.py with the venv's Python
	@set -e; found=0; \
	for f in benchmarks/*.py; do \
		[ -e "$$f" ] || continue; \
		found=1; echo "== $$f"; $(VPY) "$$f"; \
	done; \
	[ $$found = 1 ] || echo "bench: no benchmarks/*.py yet"

clean: ## Remove caches and test artifacts (keeps .venv; rm -rf .venv to rebuild it)
	rm -rf artifacts .pytest_cache .hypothesis .ruff_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

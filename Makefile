# vcio-explorer: build, run and test.
# Works on a fresh clone as root (CI) or as a normal user; `make` alone lists the targets.

PYTHON   ?= python3
VENV     := .venv
VPY      := $(VENV)/bin/python
# Written after a successful install; make re-installs only when a requirements file is newer.
STAMP    := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Page icons are emoji; without this font, screenshots show empty boxes.
AXE_JS := artifacts/axe/node_modules/axe-core/axe.min.js
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
PORT     ?= 8501
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-m 'not e2e' -x"`.
PYTEST_ARGS ?= -n 2

.DEFAULT_GOAL := help
.PHONY: help venv run dev chromium axe test lint format bench load clean

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

dev: venv ## Start the app and rerun it when a source file is saved (the file watcher is off in .streamlit/config.toml: it costs every new visitor ~0.3 s)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --browser.serverAddress localhost \
		--server.fileWatcherType auto --server.runOnSave true

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

axe: ## Fetch axe-core from npm for the accessibility tests (they skip without it)
	@if [ -f $(AXE_JS) ]; then echo "axe: present"; \
	elif command -v npm >/dev/null 2>&1; then \
		npm install --prefix artifacts/axe --no-audit --no-fund axe-core@4 >/dev/null \
			|| echo "WARNING: npm could not install axe-core: accessibility scans will be skipped"; \
	else echo "WARNING: npm not found: accessibility scans will be skipped"; fi

test: venv chromium axe ## Lint and check formatting, then run all tests (unit, AppTest and browser)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) -m pytest $(PYTEST_ARGS)

lint: venv ## Check code and formatting without changing files
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

format: venv ## Fix what ruff can fix and format the code
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .

bench: venv ## Run the model and page benchmarks (the load test is `make load`)
	@set -e; found=0; \
	for f in benchmarks/*.py; do \
		[ -e "$$f" ] || continue; \
		case "$$f" in benchmarks/bench_load.py|benchmarks/bare_app.py) continue;; esac; \
		found=1; echo "== $$f"; $(VPY) "$$f"; \
	done; \
	[ $$found = 1 ] || echo "bench: no benchmarks/*.py yet"

load: venv chromium ## 20 browser sessions against one server for 2 minutes (about 6 minutes)
	$(VPY) benchmarks/bench_load.py

clean: ## Remove caches and test artifacts (keeps .venv; rm -rf .venv to rebuild it)
	rm -rf artifacts .pytest_cache .hypothesis .ruff_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

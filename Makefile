# The README's two commands are `make run` and `make test`; everything installs into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# `make run` works offline on the shared data when it sits beside the project.
DATA ?= $(wildcard ../shared/data)

.PHONY: install run test lint browser axe spelling postgres bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: install
	$(BIN)/beloftemeter bouw $(if $(DATA),--data $(DATA))

lint: install
	$(BIN)/ruff check src tests bench tools

# The browser tests drive Debian's Chromium (never a downloaded browser): install it when
# missing and we may (root on Debian); without it those tests skip and say why.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "chromium installeren (Debian-pakket) voor de browsertests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium >/dev/null; \
	else echo "let op: /usr/bin/chromium ontbreekt; de browsertests worden overgeslagen"; fi

# The accessibility checks of the browser tests inject axe-core, pinned in tools/axe
# (package.json + package-lock.json): install it when missing and npm is there; without it
# those checks skip and say why.
axe:
	@if [ -e tools/axe/node_modules/axe-core/axe.min.js ]; then :; \
	elif command -v npm >/dev/null; then npm ci --prefix tools/axe --no-audit --no-fund --silent; \
	else echo "let op: npm ontbreekt; de toegankelijkheidstests worden overgeslagen"; fi

# The spelling test of the reports reads them with Debian's Dutch hunspell dictionary: install
# it when missing and we may (root on Debian); without it that test skips and says why.
spelling:
	@if command -v hunspell >/dev/null && [ -e /usr/share/hunspell/nl_NL.dic ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "hunspell en hunspell-nl installeren (Debian-pakketten) voor de spellingtest"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends hunspell hunspell-nl >/dev/null; \
	else echo "let op: hunspell (nl_NL) ontbreekt; de spellingtest wordt overgeslagen"; fi

# The PostgreSQL tests start a throwaway server from Debian's binaries (initdb, pg_ctl; see
# tests/support/postgres_server.py): install them when missing and we may (root on Debian);
# without them those tests skip and say why.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "postgresql installeren (Debian-pakket) voor de PostgreSQL-tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends postgresql >/dev/null; \
	else echo "let op: PostgreSQL ontbreekt (/usr/lib/postgresql/*/bin); de PostgreSQL-tests worden overgeslagen"; fi

test: lint browser axe spelling postgres
	$(BIN)/pytest

# Slow (the semantic index of the real decisions takes ~10 min): never part of `make test`.
bench: install
	$(BIN)/python -m bench.agreement
	$(BIN)/python -m bench.decisions
	$(BIN)/python -m bench.search_embed --model e5
	$(BIN)/python -m bench.search_embed --model use
	$(BIN)/python -m bench.search_quality --configs geen,e5,e5+use
	$(BIN)/python -m bench.search_latency
	$(BIN)/python -m bench.label_agreement
	@echo "op een gebouwde opslag: bench.assessment, bench.fit_relevance, bench.reports, bench.web_load --opslag sqlite:///PAD"

clean:
	rm -rf $(VENV) beloftemeter.db* rapporten test-output

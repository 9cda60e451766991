# Every target installs what it needs first (into .venv), so a fresh clone needs only
# `make generate` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

NODE_MODULES := node_modules/.package-lock.json

.PHONY: setup generate check test golden prism bench corpus history clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# The pinned Stoplight Prism that tests/prism/ runs every SDK against (Node 20 + npm).
$(NODE_MODULES): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

setup: $(INSTALLED) $(NODE_MODULES)

prism: $(NODE_MODULES)

## generate: (re)generate every package under generated/ from specs/ (skips unchanged ones)
generate: $(INSTALLED)
	$(PY) -m generator.cli generate specs -o generated

## check: fail if generated/ is not exactly what the generator writes
check: $(INSTALLED)
	$(PY) -m generator.cli check specs -o generated

## test: the whole test suite
test: $(INSTALLED) $(NODE_MODULES)
	$(PY) -m pytest -n 2

## golden: rewrite the expected output of the golden fixtures (review the diff!)
golden: $(INSTALLED)
	$(PY) -m tests.golden.refresh

PEERS := bench/.peers
PEERS_INSTALLED := $(PEERS)/.installed

$(PEERS_INSTALLED): bench/peers-requirements.txt
	$(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/pip install --quiet --upgrade pip
	$(PEERS)/bin/pip install --quiet -r bench/peers-requirements.txt
	touch $(PEERS_INSTALLED)

## bench: sdkgen against openapi-python-client, OpenAPI Generator, datamodel-code-generator (~11 min); writes bench/RESULTS.md
bench: $(INSTALLED) $(PEERS_INSTALLED)
	$(PY) -m bench.run --mypy-peers

## corpus: every public spec in ../shared/corpus/ generated, imported, type-checked, its examples parsed
corpus: $(INSTALLED)
	$(PY) -m tools.corpus

## history: `sdkgen diff` against an independent comparison of the SDKs generated from real API histories (npm); writes bench/HISTORY.md
history: $(INSTALLED)
	$(PY) -m tools.history

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache

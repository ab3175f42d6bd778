# termkit developer tasks. PYTHON is the project venv made by the README's command 1.
PYTHON ?= .venv/bin/python
STANZA ?= ../shared/models/stanza_resources

.PHONY: test-fast test lint docs

# The fast tier: everything not marked slow (a few minutes on 2 cores).
test-fast:
	TERMKIT_STANZA_DIR=$(STANZA) $(PYTHON) -m pytest -q -m "not slow"

# The full suite: the README's command 2, verbatim (CI runs the same line).
test:
	TERMKIT_STANZA_DIR=../shared/models/stanza_resources .venv/bin/python -m pytest -q

# Lint and types; needs ruff and mypy in the venv (their settings live in pyproject.toml).
lint:
	$(PYTHON) -m ruff check termkit tests bench
	$(PYTHON) -m mypy termkit

# Regenerate the figures of docs/benchmarks.md and the README from bench/results/*.json.
docs:
	$(PYTHON) bench/make_docs.py

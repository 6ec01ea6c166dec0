#!/usr/bin/env bash
# The whole test suite: lint (ruff), types (mypy --strict), then pytest (unit, property, golden,
# structure, doctests, examples). Sets up .venv itself. Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy --strict"
mypy
echo "== pytest"
pytest "$@"

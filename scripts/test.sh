#!/usr/bin/env bash
# The whole test suite: lint (ruff), types (mypy --strict), then pytest (unit, property, golden,
# structure, doctests, examples), then the documentation site (mkdocs build --strict, offline:
# a broken link or anchor, or a page left out of the navigation, fails). Sets up .venv itself.
# Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy --strict"
mypy
echo "== pytest"
pytest "$@"
echo "== mkdocs build --strict"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
NO_MKDOCS_2_WARNING=1 mkdocs build --strict --site-dir "$site"  # not --quiet: it hides strict failures
echo "documentation site built"

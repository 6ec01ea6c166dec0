#!/usr/bin/env bash
# The whole test suite: lint (ruff), types (mypy --strict), then pytest (unit, property, golden,
# structure, doctests, examples, the notebook) in .venv (python3, with the dev extra); then the
# documentation site (mkdocs build --strict, offline: a broken link or anchor, or a page left out
# of the navigation, fails); then pytest again on the oldest and newest Pythons the package claims
# (3.10 and 3.13), each in its own venv (.venv-3.10, .venv-3.13) with the test extra only, so
# there the tests that need an optional extra (notebook, web service, docs site, progress bar)
# are skipped. A missing interpreter is skipped with a line that says so. Sets up every venv
# itself. Extra arguments go to every pytest run.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
ensure_venv .venv "${PYTHON:-python3}" dev
export PATH="$root/.venv/bin:$PATH"
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy --strict"
mypy
echo "== pytest on Python $(python -c 'import platform; print(platform.python_version())')"
pytest "$@"
echo "== mkdocs build --strict"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
NO_MKDOCS_2_WARNING=1 mkdocs build --strict --site-dir "$site"  # not --quiet: it hides strict failures
echo "documentation site built"
for version in 3.10 3.13; do
  interpreter="$(find_python "$version")"
  if [ -z "$interpreter" ]; then
    echo "== pytest on Python $version: SKIPPED (no Python $version under ~/.pyenv/versions or on PATH)"
    continue
  fi
  ensure_venv ".venv-$version" "$interpreter" test
  echo "== pytest on Python $("$interpreter" -c 'import platform; print(platform.python_version())') (test extra only)"
  PATH="$root/.venv-$version/bin:$PATH" ".venv-$version/bin/python" -m pytest "$@"
done

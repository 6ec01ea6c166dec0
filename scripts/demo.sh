#!/usr/bin/env bash
# The library's main job on a bundled example: evaluate a case file and print the report for
# people, every date with the law behind it. Sets up .venv itself. Extra arguments go to the
# command line, e.g. `bash scripts/demo.sh --format json`.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
send-timescales evaluate examples/cases/refusal_to_assess_mediation.json --as-of 2026-03-09 \
  --format text "$@"

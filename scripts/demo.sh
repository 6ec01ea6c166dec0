#!/usr/bin/env bash
# The library's main job on a bundled example: evaluate a case file and print the report for
# people, every date with the law behind it. Sets itself up: .venv-demo with the runtime package
# only (pydantic and holidays; no test or dev tools). Extra arguments go to the command line,
# e.g. `bash scripts/demo.sh --format json`.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
ensure_venv .venv-demo "${PYTHON:-python3}" ""
.venv-demo/bin/send-timescales evaluate examples/cases/refusal_to_assess_mediation.json \
  --as-of 2026-03-09 --format text "$@"

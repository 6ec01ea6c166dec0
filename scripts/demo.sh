#!/usr/bin/env bash
# The library's main job on a bundled example. Sets up .venv itself.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
python examples/calendar_tour.py

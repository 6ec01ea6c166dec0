"""``python -m send_timescales``: the same as the ``send-timescales`` command."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

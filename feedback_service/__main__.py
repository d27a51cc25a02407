"""`python -m feedback_service …`: forwards to `python -m helpcenter_server …` (one release)."""

from __future__ import annotations

import sys

from helpcenter_server.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

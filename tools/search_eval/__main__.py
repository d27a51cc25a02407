"""`python -m tools.search_eval`: the evaluation (make search-eval)."""

import sys

from tools.search_eval.evaluate import main

sys.exit(main())

"""Search evaluation: customers' questions typed into the built site's real search box.

`evaluate` measures it, `tune` dumps Pagefind's scores for ranking experiments. The questions
(heldout.yml, tuning.yml) are written apart from the search words they evaluate (search/*.yml).
Both the tests (tests/search/) and the benchmark (benchmarks/search_scale.py) use it.
"""

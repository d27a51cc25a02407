"""The help center's build library: what the MkDocs hooks in hooks/ know about the site.

Imported as an ordinary package (`from helpcenter.site_model import ...`): `make setup` puts the
repository root on the virtualenv's path once; `python -m mkdocs` run from the root finds it too.
"""

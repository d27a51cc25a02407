"""The help center's build: an MkDocs plugin (`plugin.py`, registered as `helpcenter`) and the
library it calls, one module per concern.

Installed with the calculators by `pip install -e .` (pyproject.toml); mkdocs.yml lists it under
`plugins:`.
"""

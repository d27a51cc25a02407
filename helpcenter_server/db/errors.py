"""What can go wrong with the database, as every caller sees it, whichever engine it is."""

from __future__ import annotations


class StoreError(Exception):
    """A problem an operator fixes before starting: told in one line, without a stack trace."""


class StoreUnavailable(StoreError):
    """The database does not answer right now; a later retry may succeed (503 + Retry-After)."""

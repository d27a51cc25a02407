"""The dashboard's signing key: HMAC-SHA256 over what the server hands a browser to give back.

The sign-in form's token and the "known browser" cookie are made here, so a browser can return
them but never make one up. The key lives in the database (`staff_secrets`): the first instance
to start writes a random one, every other instance reads the same, so a form from one instance
is accepted by the next. Deleting the row and restarting every instance changes the key; that
only expires open sign-in forms and known-browser cookies, never a session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from helpcenter_server.db.database import Database

SCHEMA = ("""CREATE TABLE IF NOT EXISTS staff_secrets (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",)
KEY_NAME = "signing"


def load_key(db: Database) -> bytes:
    """The shared key, written by whichever instance gets there first."""
    with db.transaction() as tx:
        tx.execute("INSERT INTO staff_secrets (name, value) VALUES (?, ?)"
                   " ON CONFLICT (name) DO NOTHING", (KEY_NAME, secrets.token_hex(32)))
        rows = tx.fetch("SELECT value FROM staff_secrets WHERE name = ?", (KEY_NAME,))
    return bytes.fromhex(rows[0][0])


class Signer:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, purpose: str, *parts: str) -> str:
        """A keyed digest of `parts` for one `purpose` (43 URL-safe characters)."""
        message = "\0".join((purpose, *parts)).encode()
        mac = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def token(self, purpose: str, fields: tuple[str, ...], bound: tuple[str, ...] = ()) -> str:
        """`fields` joined by dots with their digest; `bound` values are signed but not sent
        (the account a cookie is for), so the token is worthless for any other."""
        return ".".join((*fields, self.digest(purpose, *bound, *fields)))

    def fields(self, purpose: str, token: str, count: int,
               bound: tuple[str, ...] = ()) -> tuple[str, ...] | None:
        """The `count` fields of a token this key made for `purpose` and `bound`, else None."""
        if len(token) > 200:
            return None
        *fields, mac = token.split(".")
        if len(fields) != count or not hmac.compare_digest(
                mac.encode(), self.digest(purpose, *bound, *fields).encode()):
            return None
        return tuple(fields)

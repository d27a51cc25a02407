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

from sqlalchemy import select

from helpcenter_server.db.engine import Database
from helpcenter_server.db.schema import staff_secrets

KEY_NAME = "signing"


def load_key(db: Database) -> bytes:
    """The shared key, written by whichever instance gets there first."""
    c = staff_secrets.c
    with db.transaction() as conn:
        conn.execute(db.insert(staff_secrets).values(name=KEY_NAME, value=secrets.token_hex(32))
                     .on_conflict_do_nothing(index_elements=[c.name]))
        value = conn.scalar(select(c.value).where(c.name == KEY_NAME))
    return bytes.fromhex(str(value))


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

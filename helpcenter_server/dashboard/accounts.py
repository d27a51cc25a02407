"""Staff accounts: `username:argon2-hash` lines, from a file or the environment.

    FEEDBACK_ADMIN_USERS_FILE=/etc/helpcenter/staff   (or `serve --admin-users FILE`)
    FEEDBACK_ADMIN_USERS='anna:$argon2id$v=19$m=65536,t=3,p=4$...'   (whitespace between entries)

`python -m helpcenter_server hash-password anna` prints such a line. Passwords are hashed with
argon2id (argon2-cffi's defaults); the plain password is never stored or logged.

A username has one spelling, `normalise_username`'s, wherever it is read: in this file, at
sign-in, as the key of the sign-in brake and in `hash-password`. "ANNA", " anna" and anna in
full-width letters are all anna; a name that is not 1-64 of a-z 0-9 . _ @ - once normalised is
no account's, however a later step might have cut or trimmed it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

USERS_ENV = "FEEDBACK_ADMIN_USERS"
USERS_FILE_ENV = "FEEDBACK_ADMIN_USERS_FILE"
USERNAME = re.compile(r"[a-z0-9._@-]{1,64}")
USERNAME_RULE = "a username is 1-64 letters, digits, '.', '_', '@' or '-'"
MAX_PASSWORD_CHARS = 1024

HASHER = PasswordHasher()
# Verified when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash("not a real password")


class AccountsError(ValueError):
    """A malformed accounts file: told in one line when the service starts."""


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def normalise_username(raw: str) -> str | None:
    """The account name `raw` stands for (NFKC, trimmed, lower case), or None when no account
    can have it. Normalised first, length-checked after: nothing is cut off."""
    name = unicodedata.normalize("NFKC", raw).strip().lower()
    return name if USERNAME.fullmatch(name) else None


def parse_accounts(text: str, source: str) -> dict[str, str]:
    users: dict[str, str] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        for entry in raw.split():
            if entry.startswith("#"):
                break
            raw_name, sep, hashed = entry.partition(":")
            name = normalise_username(raw_name)
            if not sep or name is None or not hashed.startswith("$argon2"):
                raise AccountsError(
                    f"{source} line {number}: expected username:$argon2id$… (make one with "
                    "`python -m helpcenter_server hash-password USERNAME`)")
            users[name] = hashed
    return users


@dataclass(frozen=True)
class Accounts:
    users: dict[str, str] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return bool(self.users)

    def verify(self, username: str, password: str) -> str | None:
        """The account's name when the password is right; None otherwise (in similar time)."""
        name = normalise_username(username)
        hashed = self.users.get(name) if name else None
        try:
            HASHER.verify(hashed or _DUMMY_HASH, password[:MAX_PASSWORD_CHARS])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        return name if hashed else None

    def fingerprint(self, name: str) -> str | None:
        """A digest of the account's current password hash, None when there is no such account:
        a session made under another fingerprint belongs to a removed or changed account."""
        hashed = self.users.get(name)
        return hashlib.sha256(hashed.encode()).hexdigest() if hashed else None


def load_accounts(users_file: Path | None = None) -> Accounts:
    """From `users_file`, else $FEEDBACK_ADMIN_USERS_FILE, else $FEEDBACK_ADMIN_USERS; none means
    the dashboard is off."""
    path = users_file or (Path(os.environ[USERS_FILE_ENV]) if os.environ.get(USERS_FILE_ENV)
                          else None)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise AccountsError(f"cannot read the staff accounts file {path}: "
                                f"{exc.strerror}") from None
        return Accounts(parse_accounts(text, str(path)))
    return Accounts(parse_accounts(os.environ.get(USERS_ENV, ""), USERS_ENV))

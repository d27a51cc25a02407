"""Staff accounts: `username:argon2-hash` lines, from a file or the environment.

    FEEDBACK_ADMIN_USERS_FILE=/etc/helpcenter/staff   (or `serve --admin-users FILE`)
    FEEDBACK_ADMIN_USERS='anna:$argon2id$v=19$m=65536,t=3,p=4$...'   (whitespace between entries)

`python -m feedback_service hash-password anna` prints such a line. Passwords are hashed with
argon2id (argon2-cffi's defaults); the plain password is never stored or logged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

USERS_ENV = "FEEDBACK_ADMIN_USERS"
USERS_FILE_ENV = "FEEDBACK_ADMIN_USERS_FILE"
USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")
MAX_PASSWORD_CHARS = 1024

HASHER = PasswordHasher()
# Verified when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash("not a real password")


class AccountsError(ValueError):
    """A malformed accounts file: told in one line when the service starts."""


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def parse_accounts(text: str, source: str) -> dict[str, str]:
    users: dict[str, str] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        for entry in raw.split():
            if entry.startswith("#"):
                break
            name, sep, hashed = entry.partition(":")
            if not sep or not USERNAME.fullmatch(name) or not hashed.startswith("$argon2"):
                raise AccountsError(
                    f"{source} line {number}: expected username:$argon2id$… (make one with "
                    "`python -m feedback_service hash-password USERNAME`)")
            users[name.lower()] = hashed
    return users


@dataclass(frozen=True)
class Accounts:
    users: dict[str, str] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return bool(self.users)

    def verify(self, username: str, password: str) -> str | None:
        """The account's name when the password is right; None otherwise (in similar time)."""
        name = username.strip().lower()
        hashed = self.users.get(name)
        try:
            HASHER.verify(hashed or _DUMMY_HASH, password[:MAX_PASSWORD_CHARS])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        return name if hashed else None


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

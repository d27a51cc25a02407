"""`python -m helpcenter_server hash-password USERNAME`: a line for the staff accounts file."""

from __future__ import annotations

import getpass
import sys

from helpcenter_server.dashboard.accounts import USERNAME_RULE, hash_password, normalise_username

MIN_PASSWORD_CHARS = 12


def hash_password_command(username: str) -> int:
    name = normalise_username(username)
    if name is None:
        print(USERNAME_RULE, file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("Same password again: ") != password:
            print("the two passwords differ; nothing written", file=sys.stderr)
            return 1
    else:  # piped in, e.g. from a password manager: the first line
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD_CHARS:
        print(f"use at least {MIN_PASSWORD_CHARS} characters", file=sys.stderr)
        return 1
    print(f"{name}:{hash_password(password)}")
    return 0

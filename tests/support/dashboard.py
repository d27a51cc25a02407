"""Helpers for the dashboard tests: a staff account, seeded votes and searches, signing in."""

from __future__ import annotations

import re
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import insert, text

from helpcenter_server.app import create_app
from helpcenter_server.dashboard.accounts import hash_password
from helpcenter_server.db.engine import Database, open_database
from helpcenter_server.db.schema import search_daily, search_opened_daily, votes

STAFF_USER = "anna"
STAFF_PASSWORD = "correct horse battery staple"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
_HASH: list[str] = []


def staff_file(folder: Path) -> Path:
    """A staff accounts file with one account (hashed once per test run: argon2 is slow)."""
    if not _HASH:
        _HASH.append(hash_password(STAFF_PASSWORD))
    path = folder / "staff-accounts"
    path.write_text(f"# support staff\n{STAFF_USER}:{_HASH[0]}\n", encoding="utf-8")
    return path


def quick_hash(password: str) -> str:
    """An argon2id hash with the smallest cost, for tests that check hundreds of passwords: the
    service verifies with the parameters the hash itself names."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(password)


def write_accounts(path: Path, passwords: dict[str, str]) -> Path:
    """A staff accounts file with these usernames and (quickly hashed) passwords."""
    path.write_text("".join(f"{name}:{quick_hash(pw)}\n" for name, pw in passwords.items()),
                    encoding="utf-8")
    return path


@contextmanager
def service_instance(site_dir: Path, db: str, accounts: Path) -> Iterator[Any]:
    """One service instance (the app) over the shared database, started with these accounts;
    any number of browsers (`browser`) may use it."""
    app = create_app(site_dir, db, rate_limit=10_000, admin_users=accounts)
    try:
        yield app
    finally:
        app.state.settings.store.db.close()


def browser(app: Any, address: str = "testclient") -> Any:
    """A browser of its own (cookies) at `address`, on an instance many browsers share."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette suggests the httpx2 fork; httpx still works
        from starlette.testclient import TestClient

    return TestClient(app, client=(address, 50000))


def freeze_clock(app: Any, moment: float = 1_800_000_000.0) -> list[float]:
    """Stops the dashboard's clock (sessions and the sign-in brake) at `moment`; the test moves
    it by changing the returned list's only item."""
    now = [moment]
    admin = app.state.admin
    admin.sessions.clock = admin.brake.clock = lambda: now[0]
    return now


def today() -> date:
    return datetime.now(UTC).date()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SeedVote:
    article: str
    language: str
    vote: str
    days_ago: int
    reason: str | None = None
    comment: str | None = None


def database(db: str | Path) -> Database:
    """The votes' database with every table the service creates (votes, search counters)."""
    return open_database(db)


def table_rows(db: str | Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one statement, as tuples, read as the service reads the database."""
    database_ = database(db)
    try:
        with database_.snapshot() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        database_.close()


def seed_votes(db: str | Path, seeded: list[SeedVote]) -> None:
    """Votes as if given over past weeks (the API would stamp them all with today)."""
    database_ = database(db)
    now = datetime.now(UTC)
    try:
        with database_.transaction() as conn:
            for i, v in enumerate(seeded):
                at = datetime.combine(now.date() - timedelta(days=v.days_ago), time(12),
                                      tzinfo=UTC) + timedelta(seconds=i)
                conn.execute(insert(votes).values(
                    vote_id=str(uuid.uuid4()), article=v.article, language=v.language,
                    vote=v.vote, reason=v.reason, comment=v.comment, page_version="v1",
                    revision=1, received_at=at))
    finally:
        database_.close()


def seed_searches(db: str | Path, rows: list[tuple[int, str, str, int, int, int]],
                  opened: list[tuple[int, str, str, str, int]] | None = None) -> None:
    """(days_ago, language, query, searches, no_results, opened) counters, and
    (days_ago, language, query, target, opens) for the pages opened."""
    database_ = database(db)
    try:
        with database_.transaction() as conn:
            for days_ago, language, query, searches, no_results, n_opened in rows:
                conn.execute(insert(search_daily).values(
                    day=(today() - timedelta(days=days_ago)).isoformat(), language=language,
                    query=query, searches=searches, no_results=no_results, opened=n_opened))
            for days_ago, language, query, target, opens in opened or []:
                conn.execute(insert(search_opened_daily).values(
                    day=(today() - timedelta(days=days_ago)).isoformat(), language=language,
                    query=query, target=target, opens=opens))
    finally:
        database_.close()


def sign_in(client: Any, username: str = STAFF_USER, password: str = STAFF_PASSWORD,
            next_path: str = "/admin/") -> Any:
    """Signs in through the form, as a browser would; returns the POST's response."""
    form = client.get("/admin/sign-in")
    csrf = CSRF_FIELD.search(form.text)
    assert csrf, form.text
    return client.post("/admin/sign-in", data={"csrf": csrf.group(1), "username": username,
                                               "password": password, "next": next_path},
                       follow_redirects=False)


# A help center's last three months, for the browser tests and the screenshot: some articles
# answer well, some do not, and a few readers say why.
DEMO_HELPFUL = {"paid-twice": 0.86, "invoice-quantity": 0.48, "users-vs-licences": 0.64,
                "service-plan": 0.9, "licence-changes": 0.71, "payment-reminder": 0.8,
                "cancel-subscription": 0.56, "payment-extension": 0.93}
DEMO_COMMENTS = {
    "sv": ["Jag förstår inte varför antalet på fakturan är högre än våra användare.",
           "Exemplet hjälpte, men det står inte vad som händer mitt i månaden.",
           "<script>alert('xss')</script> Fakturan visar 12 licenser, vi har 9 användare."],
    "en": ["Which date counts for the change: the day I click or the next invoice?",
           "The example uses a different plan than ours.",
           "<img src=x onerror=alert(1)> The numbers don't match my invoice."],
    "fi": ["En löydä tästä, miten maksuaikaa pyydetään.",
           "Esimerkki oli hyvä, mutta muistutusmaksusta ei kerrota."],
}
REASON_WEIGHTS = (("unclear", 5), ("not_answered", 3), ("outdated", 2), ("other", 1))


def demo_votes(weeks: int = 12, seed: int = 14) -> list[SeedVote]:
    import random

    rng = random.Random(seed)
    reasons = [r for r, w in REASON_WEIGHTS for _ in range(w)]
    votes = []
    for article, helpful in DEMO_HELPFUL.items():
        for language, share in (("sv", 1.0), ("en", 0.45), ("fi", 0.3)):
            for days_ago in range(weeks * 7):
                # Traffic grows a little towards today; invoices go out early in the month.
                expected = 1.5 * share * (1.2 - days_ago % 30 / 60) * (1.5 - days_ago / 168)
                n = int(expected) + (rng.random() < expected % 1)
                for _ in range(n):
                    if rng.random() < helpful:
                        votes.append(SeedVote(article, language, "yes", days_ago))
                    else:
                        comment = (rng.choice(DEMO_COMMENTS[language])
                                   if rng.random() < 0.25 else None)
                        votes.append(SeedVote(article, language, "no", days_ago,
                                              rng.choice(reasons) if rng.random() < 0.8 else None,
                                              comment))
    return votes


DEMO_SEARCHES = [
    # (days_ago, language, query, searches, no_results, opened)
    (1, "sv", "dubbelbetalning", 31, 0, 26), (8, "sv", "dubbelbetalning", 24, 0, 19),
    (2, "sv", "fler licenser än användare", 18, 0, 7), (3, "sv", "kreditnota", 14, 14, 0),
    (5, "sv", "byta kort", 9, 9, 0), (4, "sv", "uppsägningstid", 12, 0, 11),
    (1, "en", "refund", 15, 0, 4), (6, "en", "vat number", 8, 8, 0),
    (2, "en", "change plan mid month", 10, 0, 9),
    (3, "en", "<script>alert('q')</script>", 1, 1, 0),
    (2, "fi", "maksumuistutus", 11, 0, 10), (9, "fi", "hyvityslasku", 6, 6, 0),
]
DEMO_OPENED = [
    (1, "sv", "dubbelbetalning", "/paid-twice/", 40), (8, "sv", "dubbelbetalning",
                                                       "/payment-reminder/", 5),
    (2, "sv", "fler licenser än användare", "/users-vs-licences/", 7),
    (4, "sv", "uppsägningstid", "/cancel-subscription/", 11),
    (1, "en", "refund", "/en/paid-twice/", 4),
    (2, "en", "change plan mid month", "/en/service-plan/", 9),
    (2, "fi", "maksumuistutus", "/fi/payment-reminder/", 10),
]


def site_with_titles(root: Path) -> Path:
    """The feedback tests' minimal site, with each article's real title from docs/ (the
    dashboard names articles by title, as the build's manifest does)."""
    import json

    import yaml

    from helpcenter_server.manifest import MANIFEST_NAME
    from tests.support.feedback import make_site
    from tools.local_site import ROOT

    site = make_site(root)
    manifest_path = site / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for language, pages in manifest["articles"].items():
        for slug, info in pages.items():
            source = (ROOT / "docs" / language / f"{slug}.md").read_text(encoding="utf-8")
            info["title"] = yaml.safe_load(source.split("---", 2)[1])["title"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return site

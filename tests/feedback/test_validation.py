"""What the service accepts as a vote, and what it tells a client that sends something else."""

from __future__ import annotations

from typing import Any

import pytest

from helpcenter_server.votes.validation import (
    FieldError,
    Vote,
    parse_vote,
)
from helpcenter_server.web.json_body import InvalidJSON, decode_json
from tests.support.feedback import a_vote, manifest

MANIFEST = manifest({"sv": {"paid-twice": "v1"}, "en": {"paid-twice": "v1", "service-plan": "v2"}})


def errors_of(data: Any) -> dict[str | None, str]:
    result = parse_vote(data, MANIFEST)
    assert isinstance(result, list), f"expected errors, got {result}"
    return {e.field: e.message for e in result}


def test_a_complete_no_vote_becomes_a_typed_vote() -> None:
    data = a_vote(vote="no", reason="outdated", comment="  Priset är fel.\r\nTack  ",
                  id="6F1C2C43-3B8F-4B8E-9D55-0D1A1F9B7A10")
    vote = parse_vote(data, MANIFEST)
    assert vote == Vote("6f1c2c43-3b8f-4b8e-9d55-0d1a1f9b7a10", 1, "paid-twice", "sv", "no",
                        "outdated", "Priset är fel.\nTack", "v1")


def test_a_yes_vote_needs_no_reason_or_comment() -> None:
    vote = parse_vote(a_vote(reason=None, comment=None), MANIFEST)
    assert isinstance(vote, Vote) and vote.reason is None and vote.comment is None


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id", "not-a-uuid", "UUID"),
    ("id", 42, "must be a string, not a number"),
    ("revision", 0, "integer from 1"),
    ("revision", 1.5, "integer from 1"),
    ("revision", True, "integer from 1"),
    ("revision", 2**53, "integer from 1"),
    ("vote", "maybe", '"yes" or "no"'),
    ("vote", ["yes"], "must be a string, not an array"),
    ("page_version", "<script>", "letters, digits"),
    ("page_version", "x" * 65, "letters, digits"),
])
def test_each_wrong_value_is_named_with_its_field(field: str, value: Any, message: str) -> None:
    assert message in errors_of(a_vote(**{field: value}))[field]


def test_unknown_language_lists_the_known_ones() -> None:
    assert errors_of(a_vote(language="de"))["language"] == "unknown language 'de' (known: en, sv)"


def test_an_article_must_exist_in_the_votes_language() -> None:
    assert "unknown article 'service-plan'" in errors_of(a_vote(article="service-plan"))["article"]
    assert isinstance(parse_vote(a_vote(article="service-plan", language="en"), MANIFEST), Vote)


def test_missing_and_unknown_fields_are_reported_together() -> None:
    data = a_vote(ip="10.0.0.1")
    del data["vote"]
    assert errors_of(data) == {"ip": "unknown field", "vote": "is required"}


def test_a_reason_must_be_one_of_the_four_offered() -> None:
    assert "unclear, outdated, not_answered, other" in errors_of(
        a_vote(vote="no", reason="boring"))["reason"]


def test_only_a_no_vote_takes_a_reason_or_comment() -> None:
    assert "only a \"no\" vote" in errors_of(a_vote(vote="yes", comment="bra"))["comment"]
    assert "only a \"no\" vote" in errors_of(a_vote(vote="yes", reason="other"))["reason"]


def test_a_comment_may_have_1000_characters_but_not_more() -> None:
    assert isinstance(parse_vote(a_vote(vote="no", comment="å" * 1000), MANIFEST), Vote)
    assert "at most 1000" in errors_of(a_vote(vote="no", comment="å" * 1001))["comment"]


def test_control_characters_are_removed_from_comments() -> None:
    vote = parse_vote(a_vote(vote="no", comment="a\x1b[31mb\x00c\td"), MANIFEST)
    assert isinstance(vote, Vote) and vote.comment == "a[31mbc\td"


def test_c1_control_characters_are_removed_from_comments_too() -> None:
    # U+009B is a one-character CSI: a terminal would run "31m" as a colour change.
    vote = parse_vote(a_vote(vote="no", comment="a\x9b31mb\x85c\x80d\x9fe\xa0f"), MANIFEST)
    assert isinstance(vote, Vote) and vote.comment == "a31mbcde\xa0f"


def test_a_comment_of_only_whitespace_is_no_comment() -> None:
    vote = parse_vote(a_vote(vote="no", comment=" \n\t "), MANIFEST)
    assert isinstance(vote, Vote) and vote.comment is None


def test_unpaired_surrogates_are_rejected_rather_than_stored() -> None:
    data = decode_json(b'{"comment": "\\ud800"}')
    assert errors_of(a_vote(vote="no", comment=data["comment"]))["comment"] == (
        "contains an unpaired surrogate")


@pytest.mark.parametrize("data", [[], "vote", 1, None, True])
def test_the_body_must_be_an_object(data: Any) -> None:
    assert parse_vote(data, MANIFEST) == [FieldError(None, "body must be a JSON object, not "
                                                     + {list: "an array", str: "a string",
                                                        int: "a number", type(None): "null",
                                                        bool: "a boolean"}[type(data)])]


@pytest.mark.parametrize(("body", "message"), [
    (b"{", "body is not valid JSON: Expecting property name"),
    (b"\xff\xfe", "body is not UTF-8"),
    (b'{"revision": NaN}', "NaN is not allowed"),
    (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    (b'{"comment": ' + b"[" * 33 + b"]" * 33 + b"}", "nested too deeply"),
])
def test_malformed_json_is_explained(body: bytes, message: str) -> None:
    with pytest.raises(InvalidJSON, match=message):
        decode_json(body)

"""Rule 2: billing counts licences, not active users."""

from __future__ import annotations

import calculators


def test_ten_paid_and_eight_active_leave_two_spare() -> None:
    outcome = calculators.run("spare_licences", {"licences": 10, "active_users": 8})
    assert outcome == {"ok": True, "result": {"spare": 2}}


def test_all_licences_in_use_leave_none_spare() -> None:
    outcome = calculators.run("spare_licences", {"licences": 5, "active_users": 5})
    assert outcome == {"ok": True, "result": {"spare": 0}}


def test_more_active_users_than_licences_is_an_input_error() -> None:
    outcome = calculators.run("spare_licences", {"licences": 10, "active_users": 12})
    assert not outcome["ok"]
    [error] = outcome["errors"]
    assert (error["field"], error["code"]) == ("active_users", "more_active_than_licences")
    assert error["params"] == {"active": {"kind": "count", "value": "12"},
                               "licences": {"kind": "count", "value": "10"}}
    assert "{active}" in error["message"]["en"] and "{licences}" in error["message"]["en"]


def test_explanation_is_licences_minus_active_users() -> None:
    tokens = calculators.explain("spare_licences", {"licences": 10, "active_users": 8})
    assert tokens == {"spare": [
        {"kind": "count", "value": "10"}, " \u2212 ", {"kind": "count", "value": "8"}]}

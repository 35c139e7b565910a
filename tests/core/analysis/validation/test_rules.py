"""Validation rules (DHIS2-style): each area and year, missing values, tolerance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.analysis.validation.expressions import ExpressionError
from chitieu.core.analysis.validation.rules import Missing, Rule, check_rules
from chitieu.core.analysis.validation.violations import Importance
from chitieu.core.observations import Status

from ..helpers import obs
from .helpers import INDICATORS


def test_rule_checks_each_area_and_year() -> None:
    rule = Rule("dom", "#{domestic}", "<=", "#{budget}", importance=Importance.HIGH)
    figures = [
        obs("budget", 2020, 100),
        obs("domestic", 2020, 40),
        obs("budget", 2021, 100),
        obs("domestic", 2021, 140),
        obs("domestic", 2022, 999),  # budget missing: skipped by default
    ]
    found = check_rules([rule], figures, INDICATORS)
    assert [(v.period, v.left, v.right) for v in found] == [((2021, 2021), 140.0, 100.0)]
    assert found[0].blocks_approval
    assert "140" in found[0].message.vi


def test_missing_value_strategies() -> None:
    figures = [obs("domestic", 2022, 5)]
    never = Rule("r", "#{domestic}", "<=", "#{budget}", missing=Missing.NEVER_SKIP)
    assert len(check_rules([never], figures, INDICATORS)) == 1  # budget taken as 0
    skip = Rule("r", "#{domestic}", "<=", "#{budget}")
    assert check_rules([skip], figures, INDICATORS) == []


def test_rule_tolerance_and_current_figures_only() -> None:
    rule = Rule("sum", "#{a} + #{b}", "==", "100", tolerance=Decimal("0.5"))
    figures = [
        obs("a", 2020, 60, "%"),
        obs("b", 2020, "40.4", "%"),
        obs("a", 2021, 60, "%", status=Status.ESTIMATE),
        obs("a", 2021, 50, "%"),  # official replaces the estimate
        obs("b", 2021, 40, "%"),
    ]
    found = check_rules([rule], figures, INDICATORS)
    assert [v.period for v in found] == [(2021, 2021)]
    with pytest.raises(ExpressionError):
        Rule("bad", "#{a}", "=>", "1")

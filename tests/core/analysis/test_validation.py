"""Validation rules (DHIS2-style) and the built-in data checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.relations import GrowthOf, Relations, Structure, StructurePart
from chitieu.core.analysis.validation import (
    ExpressionError,
    Importance,
    Missing,
    Rule,
    check_rules,
    evaluate,
    parse_expression,
    references,
    robust_z,
    validate,
)
from chitieu.core.model import Area, Measure, Text
from chitieu.core.observations import Status

from .helpers import ind, obs

INDICATORS = {
    "budget": ind("budget"),
    "domestic": ind("domestic"),
    "a": ind("a", unit="%"),
    "b": ind("b", unit="%"),
    "g": ind("g", unit="%", measure=Measure.GROWTH_RATE),
}


def test_expressions_follow_precedence() -> None:
    e = parse_expression("#{a} + #{b} * 2 - (1 + 1) / 2")
    assert references(e) == {"a", "b"}
    assert evaluate(e, {"a": 1.0, "b": 3.0}) == pytest.approx(6.0)
    assert evaluate(parse_expression("-#{a} + 100"), {"a": 40.0}) == 60.0
    assert evaluate(parse_expression("#{a} / #{b}"), {"a": 1.0, "b": 0.0}) is None
    assert evaluate(e, {"a": 1.0}) is None


@pytest.mark.parametrize("text", ["#{a} +", "(#{a}", "#{A}", "1,5", "", "#{a} #{b}"])
def test_bad_expressions_say_where(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text)


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


def test_structure_sums_and_missing_parts() -> None:
    rel = Relations(structures=(Structure("s", (StructurePart("a"), StructurePart("b"))),))
    figures = [
        obs("a", 2020, 60, "%"),
        obs("b", 2020, 39.9, "%"),  # 99,9: within 0,5
        obs("a", 2021, 60, "%"),
        obs("b", 2021, 38, "%"),  # 98: off
        obs("a", 2022, 101, "%"),  # b missing, but already above 100
    ]
    found = validate(figures, INDICATORS, relations=rel)
    sums = [v for v in found if v.check == "structure_sum"]
    assert [v.period[0] for v in sums] == [2021, 2022]


def test_growth_agrees_with_levels() -> None:
    rel = Relations(growth_of=(GrowthOf("g", "domestic"),))
    figures = [
        obs("domestic", 2015, 12882),
        obs("domestic", 2020, 33000),
        obs("g", (2016, 2020), "20.7", "%"),  # the XV report: 20,7 %/year — agrees
        obs("domestic", 2021, 40000),
        obs("g", 2021, 10, "%"),  # levels say 21,2 %
    ]
    found = [v for v in validate(figures, INDICATORS, relations=rel) if v.check == "growth_levels"]
    assert [v.period for v in found] == [(2021, 2021)]
    assert found[0].right == pytest.approx((40000 / 33000 - 1) * 100)


def test_a_smooth_series_is_not_flagged_for_an_ordinary_change() -> None:
    # Urban unemployment 2016–2020 (4; 3,98; 3,96; 3,95; 3,86): yearly falls of 0,25–0,5 %
    # then 2,28 %; the MAD alone (0,25) would score the last −9,6.
    levels = [4.0, 3.98, 3.96, 3.95, 3.86]
    figures = [obs("a", 2016 + i, v, "%") for i, v in enumerate(levels)]
    assert not [v for v in validate(figures, INDICATORS) if v.check == "outlier"]
    assert robust_z([-0.5, -0.5, -0.25, -2.28], floor=1.0) == pytest.approx(
        [0.0, 0.0, 0.6745 * 0.25, 0.6745 * -1.78]
    )


def test_robust_z_flags_one_odd_year() -> None:
    assert robust_z([1.0, 1.0, 1.0, 5.0]) is None  # MAD 0
    rates = [10.0, 11.0, 9.0, 10.5, 9.5, 40.0]
    figures = [obs("g", 2015 + i, r, "%") for i, r in enumerate(rates)]
    found = [v for v in validate(figures, INDICATORS) if v.check == "outlier"]
    assert [v.period for v in found] == [(2020, 2020)]
    assert found[0].importance is Importance.LOW


def test_plausibility_of_units_and_magnitudes() -> None:
    figures = [
        obs("a", 2020, 120, "%"),  # a share above 100 %
        obs("budget", 2019, -5),  # a negative flow
        obs("budget", 2020, 100000),
        obs("budget", 2021, 110000),
        obs("budget", 2022, 110),  # entered in nghìn tỷ, labelled tỷ
        obs("domestic", 2020, 5, "triệu USD"),  # a currency without a rate
        obs("domestic", 2021, 5, "ha"),  # not money at all
    ]
    found = validate(figures, INDICATORS)
    checks = {(v.check, v.period[0]) for v in found}
    assert ("unit", 2020) in checks
    assert ("unit", 2019) in checks
    assert ("unit", 2021) in checks
    assert ("magnitude", 2022) in checks
    levels = {v.period[0]: v.importance for v in found if v.check == "unit"}
    assert levels[2021] is Importance.HIGH


def test_area_validity_and_district_sums() -> None:
    tree = AreaTree.of(
        [
            Area("hp", Text("Hải Phòng"), valid_to="2025-06-30"),
            Area("le-chan", Text("Lê Chân"), parent="hp", valid_to="2025-06-30"),
            Area("hai-an", Text("Hải An"), parent="hp", valid_to="2025-06-30"),
        ]
    )
    figures = [
        obs("budget", 2026, 5, area="hp"),  # the old city did not exist in 2026
        obs("budget", 2024, 100, area="hp"),
        obs("budget", 2024, 60, area="le-chan"),
        obs("budget", 2024, 30, area="hai-an"),  # 90 ≠ 100
        obs("budget", 2023, 100, area="hp"),
        obs("budget", 2023, 60, area="le-chan"),
        obs("budget", 2023, 40, area="hai-an"),
    ]
    found = validate(figures, INDICATORS, tree=tree)
    assert [(v.check, v.period[0]) for v in found if v.check == "area_validity"] == [
        ("area_validity", 2026)
    ]
    sums = [v for v in found if v.check == "district_sum"]
    assert [(v.period[0], v.left, v.right) for v in sums] == [(2024, 90.0, 100.0)]
    assert found[0].importance is Importance.HIGH  # sorted: high first

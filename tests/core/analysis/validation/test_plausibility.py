"""Plausible units, shares, signs and magnitudes: the data check over stored figures, and
the assessment of one figure as it is entered."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.analysis.validation import validate
from chitieu.core.analysis.validation.plausibility import (
    FigureContext,
    Severity,
    assess,
)
from chitieu.core.analysis.validation.violations import Importance
from chitieu.core.model import Measure, Text

from ..helpers import ind, obs
from .helpers import INDICATORS

RATE = ind("unemployment", unit="%")
GROWTH = ind("services-growth", unit="%", measure=Measure.GROWTH_RATE)
MONEY = ind("investment")
PER_HEAD = ind("grdp-per-capita", unit="USD/người")
RANK = ind("pci-rank", unit="hạng")
TERM = (2020, 2025)


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
    assert levels[2019] is Importance.HIGH  # impossible values block approval


def test_the_data_check_names_no_command_line_option() -> None:
    """A message shown on a web page must not send people to a CLI flag."""
    found = validate([obs("domestic", 2020, 5, "triệu USD")], INDICATORS)
    assert found
    assert all("--" not in v.message.vi and "--" not in v.message.en for v in found)


def rules(figure: object, context: FigureContext) -> dict[str, Severity]:
    return {f.rule: f.severity for f in assess(figure, context)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("indicator", "value", "unit", "rule"),
    [
        (RATE, "-3", "%", "share_range"),
        (RATE, "1234.5", "%", "share_range"),
        (MONEY, "-500", "tỷ đồng", "not_negative"),
        (PER_HEAD, "-1", "USD/người", "not_negative"),
        (GROWTH, "-100", "%", "growth_floor"),
        (RANK, "0", "hạng", "rank"),
        (RANK, "2.5", "hạng", "rank"),
    ],
)
def test_impossible_figures_are_refused(
    indicator: object, value: str, unit: str, rule: str
) -> None:
    code = indicator.code  # type: ignore[attr-defined]
    found = assess(obs(code, 2024, value, unit), FigureContext(indicator, TERM))  # type: ignore[arg-type]
    assert [(f.rule, f.severity) for f in found] == [(rule, Severity.IMPOSSIBLE)]
    assert found[0].refused
    assert found[0].message.vi.endswith(".")
    assert found[0].message.en.endswith(".")


@pytest.mark.parametrize("value", ["0", "3.2", "100"])
def test_possible_rates_pass(value: str) -> None:
    assert assess(obs("unemployment", 2024, value, "%"), FigureContext(RATE, TERM)) == ()


def test_the_message_shows_the_value_in_vietnamese_numbers() -> None:
    (finding,) = assess(obs("unemployment", 2024, "1234.5", "%"), FigureContext(RATE, TERM))
    assert finding.message.vi.startswith("1.234,5%")
    assert finding.message.en.startswith("1,234.5%")


def test_growth_far_from_the_areas_history_needs_a_justification() -> None:
    history = {2020: 7.0, 2021: 8.1, 2022: 9.0, 2023: 8.5}
    context = FigureContext(GROWTH, TERM, history)
    assert assess(obs("services-growth", 2024, "9.4", "%"), context) == ()
    assert rules(obs("services-growth", 2024, "1234.5", "%"), context) == {
        "growth_history": Severity.IMPLAUSIBLE
    }
    # Ten points from the median is the least that is flagged, however steady the series.
    assert assess(obs("services-growth", 2024, "18", "%"), context) == ()
    assert rules(obs("services-growth", 2024, "18.7", "%"), context) == {
        "growth_history": Severity.IMPLAUSIBLE
    }


def test_growth_without_history_is_judged_on_a_wide_band() -> None:
    context = FigureContext(GROWTH, TERM, {2023: 8.0})
    assert assess(obs("services-growth", 2024, "45", "%"), context) == ()
    assert rules(obs("services-growth", 2024, "1234.5", "%"), context) == {
        "growth_history": Severity.IMPLAUSIBLE
    }
    assert rules(obs("services-growth", 2024, "-35", "%"), context) == {
        "growth_history": Severity.IMPLAUSIBLE
    }


def test_a_level_ten_times_its_other_years_needs_a_justification() -> None:
    context = FigureContext(MONEY, TERM, {2021: 100_000.0, 2022: 110_000.0})
    assert assess(obs("investment", 2023, "120000"), context) == ()
    found = assess(obs("investment", 2023, "120"), context)
    assert [(f.rule, f.severity) for f in found] == [("magnitude", Severity.IMPLAUSIBLE)]
    assert "nghìn, triệu, tỷ" in found[0].message.vi


def test_period_outside_the_term() -> None:
    """The previous term is history the report evaluates; before it, a word is needed;
    after the term, the year is a slip."""
    context = FigureContext(RATE, TERM)
    for year in (2015, 2017, 2020, 2025):
        assert assess(obs("unemployment", year, "3", "%"), context) == ()
    assert assess(obs("unemployment", (2016, 2020), "3", "%"), context) == ()
    assert rules(obs("unemployment", 2014, "3", "%"), context) == {"period": Severity.IMPLAUSIBLE}
    assert rules(obs("unemployment", 1999, "3", "%"), context) == {"period": Severity.IMPLAUSIBLE}
    assert rules(obs("unemployment", 2026, "3", "%"), context) == {"period": Severity.IMPOSSIBLE}
    assert rules(obs("unemployment", (2021, 2026), "3", "%"), context) == {
        "period": Severity.IMPOSSIBLE
    }
    (finding,) = assess(obs("unemployment", 1999, "3", "%"), context)
    assert "1999" in finding.message.vi
    assert "2020" in finding.message.vi


def test_no_term_no_period_rule() -> None:
    assert assess(obs("unemployment", 1999, "3", "%"), FigureContext(RATE)) == ()


def test_a_per_person_figure_must_move_with_its_total() -> None:
    history = {2023: 6_500.0}
    context = FigureContext(
        PER_HEAD, TERM, history, total_growth={2024: 10.2}, total_name=Text("GRDP", "GRDP")
    )
    assert assess(obs("grdp-per-capita", 2024, "7100", "USD/người"), context) == ()
    # 160 (triệu đồng, typed into a USD indicator) is a 97 % fall while GRDP grew 10 %.
    found = assess(obs("grdp-per-capita", 2024, "160", "USD/người"), context)
    assert [f.rule for f in found] == ["per_person"]
    assert "GRDP tăng 10,2%" in found[0].message.vi


def test_another_currency_is_kept_as_reported() -> None:
    """GRDP per head published in đồng is a fact; only its sign can be impossible."""
    figure = obs("grdp-per-capita", 2024, "152.3", "triệu đồng/người")
    assert assess(figure, FigureContext(PER_HEAD)) == ()
    found = assess(obs("grdp-per-capita", 2024, "-5", "triệu đồng/người"), FigureContext(PER_HEAD))
    assert [f.rule for f in found] == ["not_negative"]
    assert found[0].refused


def test_impossible_findings_come_first() -> None:
    found = assess(obs("unemployment", 1999, "-3", "%"), FigureContext(RATE, TERM))
    assert [f.severity for f in found] == [Severity.IMPOSSIBLE, Severity.IMPLAUSIBLE]


def test_values_are_judged_in_the_indicators_unit() -> None:
    """0,5 nghìn tỷ is 500 tỷ: compared with a history in tỷ, not ten times off."""
    context = FigureContext(MONEY, TERM, {2021: 450.0, 2022: 480.0})
    assert assess(obs("investment", 2023, Decimal("0.5"), "nghìn tỷ đồng"), context) == ()


def test_a_figure_against_the_same_period_or_the_plan_is_a_percentage() -> None:
    """ "Xuất khẩu 9 tháng tăng 12,5% so với cùng kỳ" and "bằng 81% kế hoạch năm" are not
    levels in tỷ USD: they pass as percentages, and only their own limits apply."""
    from dataclasses import replace

    from chitieu.core.periods import Basis, BasisKind

    exports = ind("exports", unit="tỷ USD")
    same = replace(obs("exports", 2026, 12.5, "%"), part="9M", basis=Basis(BasisKind.SAME_PERIOD))
    share = replace(obs("exports", 2026, 81, "%"), part="9M", basis=Basis(BasisKind.PLAN))
    assert rules(same, FigureContext(exports, TERM_2030)) == {}
    assert rules(share, FigureContext(exports, TERM_2030)) == {}
    fall = replace(same, value=Decimal("-120"))
    assert rules(fall, FigureContext(exports, TERM_2030)) == {"growth_floor": Severity.IMPOSSIBLE}
    negative = replace(share, value=Decimal("-3"))
    assert rules(negative, FigureContext(exports, TERM_2030)) == {
        "not_negative": Severity.IMPOSSIBLE
    }
    in_money = replace(share, unit="tỷ USD")
    assert rules(in_money, FigureContext(exports, TERM_2030)) == {"unit": Severity.IMPOSSIBLE}
    # the data check over stored figures leaves comparisons to the entry rules
    assert validate([same, share], {"exports": exports}) == []


TERM_2030 = (2025, 2030)

"""In-year tracking: a year's target followed from the figures of the year so far."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.in_year import (
    InYearMethod,
    YearTargetSource,
    provisional_label,
    track_year,
    year_targets,
)
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import (
    Area,
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Direction,
    Group,
    Indicator,
    Measure,
    Resolution,
    Target,
    Text,
    TimeAggregation,
    Verdict,
)
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import LEVEL, Basis, BasisKind, Period

D = Decimal
ON, RISK, OFF = Verdict.ON_TRACK, Verdict.AT_RISK, Verdict.OFF_TRACK
SAME = Basis(BasisKind.SAME_PERIOD)
PLAN = Basis(BasisKind.PLAN)

EXPORTS = Indicator(
    "exports",
    Text("Kim ngạch xuất khẩu", "Exports"),
    "tỷ USD",
    time_aggregation=TimeAggregation.SUM,
)
GROWTH = Indicator(
    "grdp-growth",
    Text("Tốc độ tăng trưởng GRDP", "GRDP growth"),
    "%",
    measure=Measure.GROWTH_RATE,
)
GRDP = Indicator("grdp", Text("GRDP", "GRDP"), "nghìn tỷ đồng")
POOR = Indicator("poor", Text("Tỷ lệ hộ nghèo", "Poverty rate"), "%", direction=Direction.LOWER)
ACCIDENTS = Indicator(
    "accidents",
    Text("Số người chết vì tai nạn giao thông", "Traffic accidents"),
    "người",
    direction=Direction.LOWER,
    time_aggregation=TimeAggregation.SUM,
)
INVEST = Indicator("invest", Text("Vốn đầu tư", "Investment"), "nghìn tỷ đồng")


def at_least(value: str, unit: str) -> Bound:
    return Bound(BoundKind.AT_LEAST, D(value), None, unit)


def below(value: str, unit: str) -> Bound:
    return Bound(BoundKind.BELOW, None, D(value), unit)


def plan(
    *clauses: Clause, base_year: int = 2025, period: tuple[int, int] = (2026, 2026)
) -> Resolution:
    """A resolution with one target per clause, its indicators and two areas."""
    indicators = (EXPORTS, GROWTH, GRDP, POOR, ACCIDENTS, INVEST)
    return Resolution(
        "kh-2026",
        Text("Kế hoạch 2026"),
        Text("HĐND"),
        base_year,
        period,
        "hp",
        (Group("g", Text("g")),),
        tuple(Target(str(i), "g", c.text, (c,)) for i, c in enumerate(clauses, start=1)),
        indicators,
        (Area("hp", Text("Hải Phòng")), Area("hd", Text("Hải Dương"))),
    )


def fig(
    code: str,
    value: str,
    part: str = "",
    *,
    year: int = 2026,
    unit: str = "",
    basis: Basis = LEVEL,
    status: Status = Status.ESTIMATE,
    area: str = "hp",
    revision: int = 1,
) -> Observation:
    units = {i.code: i.unit for i in (EXPORTS, GROWTH, GRDP, POOR, ACCIDENTS, INVEST)}
    return Observation(
        code,
        area,
        (year, year),
        D(value),
        unit or units[code],
        status,
        part=part,
        basis=basis,
        revision=revision,
    )


EXPORTS_2026 = Clause(
    "1", "xuất khẩu đạt 30 tỷ USD", "exports", ClauseKind.LEVEL, at_least("30", "tỷ USD"), year=2026
)


# -- flows: the share of the target against the share of the year -----------------------


@pytest.mark.parametrize(
    ("value", "verdict", "ratio"),
    [
        ("22.5", ON, 1.0),  # 75 % of the target after 75 % of the year
        ("21.375", ON, 0.95),  # exactly the on-track threshold
        ("21.374", RISK, 0.94996),
        ("13.5", RISK, 0.6),  # exactly the at-risk threshold
        ("13.4", OFF, 0.5956),
    ],
)
def test_flow_pace_against_the_year_target(value: str, verdict: Verdict, ratio: float) -> None:
    [status] = track_year(plan(EXPORTS_2026), 2026, [fig("exports", value, "9M")])
    assert status.method is InYearMethod.FLOW_PACE
    assert status.verdict is verdict
    assert status.ratio == pytest.approx(ratio, abs=1e-4)
    assert status.elapsed == D(9) / 12
    assert status.period == Period(2026, 2026, "9M")
    assert status.target.source is YearTargetSource.CLAUSE
    assert not status.superseded


def test_flow_pace_explained_with_its_figures_and_marked_provisional() -> None:
    [status] = track_year(plan(EXPORTS_2026), 2026, [fig("exports", "22.5", "9M")])
    assert status.label == Text("tạm tính, 9 tháng", "provisional, 9 months")
    assert status.explanation.vi == (
        "Kim ngạch xuất khẩu 9 tháng đầu năm 2026 đạt 22,5 tỷ USD (ước), bằng 75% mục tiêu "
        "năm 2026 (tối thiểu 30 tỷ USD), sau 9 tháng (75% thời gian của năm); tỷ số tiến độ "
        "1,00: đúng tiến độ."
    )
    assert status.explanation.en == (
        "Exports, first 9 months of 2026, reached 22.5 billion USD (estimate), 75% of the "
        "2026 target (at least 30 billion USD), after 9 months (75% of the year); pace ratio "
        "1.00: on track."
    )


def test_a_share_of_the_plan_is_the_share_achieved() -> None:
    [status] = track_year(
        plan(EXPORTS_2026), 2026, [fig("exports", "60", "H1", basis=PLAN, unit="%")]
    )
    assert status.method is InYearMethod.PLAN_SHARE
    assert status.ratio == pytest.approx(1.2)
    assert status.verdict is ON
    assert "bằng 60% kế hoạch năm (ước), sau 6 tháng (50% thời gian của năm)" in (
        status.explanation.vi
    )


def test_the_latest_month_wins_and_a_level_beats_a_plan_share_of_the_same_month() -> None:
    figures = [
        fig("exports", "5", "Q1"),
        fig("exports", "50", "9M", basis=PLAN, unit="%"),
        fig("exports", "24", "9M"),
        fig("exports", "12", "H1"),
    ]
    [status] = track_year(plan(EXPORTS_2026), 2026, figures)
    assert (status.method, status.actual) == (InYearMethod.FLOW_PACE, D("24"))


def test_the_current_figure_of_a_period_is_used_not_an_older_revision() -> None:
    figures = [
        fig("exports", "10", "9M", revision=1),
        fig("exports", "23", "9M", revision=2),
        fig("exports", "12", "9M", status=Status.PLAN, revision=5),
    ]
    [status] = track_year(plan(EXPORTS_2026), 2026, figures)
    assert status.actual == D("23")


def test_a_flow_figure_is_converted_to_the_target_unit() -> None:
    [status] = track_year(
        plan(EXPORTS_2026), 2026, [fig("exports", "22500", "9M", unit="triệu USD")]
    )
    assert status.actual == D("22.5")
    assert status.verdict is ON


def test_a_quarter_that_is_not_the_year_so_far_is_no_pace_of_a_flow() -> None:
    assert track_year(plan(EXPORTS_2026), 2026, [fig("exports", "9", "Q3")]) == []
    assert track_year(plan(EXPORTS_2026), 2026, [fig("exports", "3", "M09")]) == []


def test_a_cap_on_a_flow_already_passed_is_off_track() -> None:
    cap = Clause("5", "không quá 1.000 người", "accidents", ClauseKind.LEVEL,
                 Bound(BoundKind.AT_MOST, None, D(1000), "người"), year=2026)  # fmt: skip
    [under] = track_year(plan(cap), 2026, [fig("accidents", "700", "9M")])
    assert under.verdict is ON  # 70 % of the cap after 75 % of the year
    [over] = track_year(plan(cap), 2026, [fig("accidents", "1001", "9M")])
    assert over.verdict is OFF
    assert "đang đi ngược mục tiêu" in over.explanation.vi


# -- growth rates ---------------------------------------------------------------------


def test_a_growth_rate_plan_is_followed_by_the_rate_so_far() -> None:
    clause = Clause("2", "tăng trưởng 8,5%", "grdp-growth", ClauseKind.LEVEL,
                    at_least("8.5", "%"), year=2026)  # fmt: skip
    [status] = track_year(plan(clause), 2026, [fig("grdp-growth", "7.8", "9M")])
    assert status.method is InYearMethod.GROWTH
    assert status.verdict is RISK
    assert status.ratio == pytest.approx(7.8 / 8.5)
    assert status.explanation.vi == (
        "Tốc độ tăng trưởng GRDP 9 tháng đầu năm 2026 đạt 7,8% (ước), so với mục tiêu năm "
        "2026 (tối thiểu 8,5%); tỷ số tiến độ 0,92: có nguy cơ không đạt."
    )
    # a same-period change of the rate's own indicator reads the same way
    [same] = track_year(plan(clause), 2026, [fig("grdp-growth", "9", "H1", basis=SAME)])
    assert (same.method, same.verdict, same.ratio) == (InYearMethod.GROWTH, ON, None)


def test_average_growth_of_levels_is_followed_by_same_period_changes() -> None:
    """GRDP at constant prices must grow 10 %/year over 2026–2030 from 100 in 2025; 2026
    grew 8 %, so 2027 needs (1,1^5 / 1,08)^(1/4) − 1 ≈ 10,51 %."""
    clause = Clause("3", "tăng bình quân 10%/năm", "grdp", ClauseKind.AVERAGE_GROWTH,
                    at_least("10", "%/năm"), period=(2026, 2030))  # fmt: skip
    resolution = plan(clause, period=(2026, 2030))
    figures = [
        fig("grdp", "100", year=2025, status=Status.OFFICIAL),
        fig("grdp", "108", year=2026, status=Status.OFFICIAL),
        fig("grdp", "9.8", "9M", year=2027, basis=SAME, unit="%"),
    ]
    [target] = year_targets(resolution, 2027, figures)
    need = ((1.1**5 / 1.08) ** 0.25 - 1) * 100
    assert float(target.rate or 0) == pytest.approx(need, abs=1e-5)
    assert float(target.value) == pytest.approx(108 * (1 + need / 100), abs=1e-5)
    [status] = track_year(resolution, 2027, figures)
    assert status.method is InYearMethod.GROWTH
    assert status.ratio == pytest.approx(9.8 / need)
    assert status.verdict is RISK  # 0,93 of the rate needed
    assert "GRDP 9 tháng đầu năm 2027 tăng 9,8% so với cùng kỳ năm trước (ước)" in (
        status.explanation.vi
    )
    assert "mức tăng năm 2027 cần đạt (10,5%)" in status.explanation.vi


def test_average_growth_of_rates_needs_what_the_remaining_years_need() -> None:
    clause = Clause("4", "tăng bình quân 8%/năm", "grdp-growth", ClauseKind.AVERAGE_GROWTH,
                    at_least("8", "%/năm"), period=(2026, 2030))  # fmt: skip
    resolution = plan(clause, period=(2026, 2030))
    figures = [
        fig("grdp-growth", "6", year=2026, status=Status.OFFICIAL),
        fig("grdp-growth", "6", year=2027, status=Status.OFFICIAL),
    ]
    [target] = year_targets(resolution, 2028, figures)
    need = ((1.08**5 / 1.06**2) ** (1 / 3) - 1) * 100
    assert float(target.value) == pytest.approx(need, abs=1e-5)
    [first] = year_targets(resolution, 2026, [])
    assert first.value == D("8")


# -- stocks and ratios ------------------------------------------------------------------

POVERTY_2026 = Clause("6", "hộ nghèo dưới 1%", "poor", ClauseKind.LEVEL, below("1", "%"), year=2026)


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        ("0.9", ON),  # already inside the bound
        ("1.2", ON),  # 60 % of the way after 50 % of the year
        ("1.3", RISK),  # 40 % of the way after 50 %: ratio 0,8
        ("1.6", OFF),  # moving away
    ],
)
def test_a_stock_is_judged_on_its_level_and_the_way_covered(value: str, verdict: Verdict) -> None:
    figures = [fig("poor", "1.5", year=2025, status=Status.OFFICIAL), fig("poor", value, "M06")]
    [status] = track_year(plan(POVERTY_2026), 2026, figures)
    assert status.method is InYearMethod.LEVEL
    assert status.verdict is verdict
    assert status.label == Text("tạm tính, tháng 6", "provisional, June")


def test_a_stock_without_last_year_figure_short_of_its_bound_is_at_risk() -> None:
    [status] = track_year(plan(POVERTY_2026), 2026, [fig("poor", "1.2", "H1")])
    assert (status.verdict, status.ratio, status.previous) == (RISK, None, None)


def test_a_level_clause_at_the_end_of_the_term_gives_each_year_its_point_on_the_path() -> None:
    bound = at_least("200", "nghìn tỷ đồng")
    clause = Clause("7", "GRDP 2030 đạt 200", "grdp", ClauseKind.LEVEL, bound, year=2030)
    resolution = plan(clause, period=(2026, 2030))
    figures = [fig("grdp", "100", year=2025, status=Status.OFFICIAL)]
    [target] = year_targets(resolution, 2026, figures)
    assert target.source is YearTargetSource.PATH
    assert float(target.value) == pytest.approx(100 * 2 ** (1 / 5), abs=1e-5)
    assert target.bound.kind is BoundKind.AT_LEAST


def test_a_total_over_the_term_shares_what_is_left_over_the_years_left() -> None:
    clause = Clause("8", "tổng vốn 2026-2030 đạt 1.000", "invest", ClauseKind.CUMULATIVE,
                    at_least("1000", "nghìn tỷ đồng"), period=(2026, 2030))  # fmt: skip
    resolution = plan(clause, period=(2026, 2030))
    figures = [
        fig("invest", "150", year=2026, status=Status.OFFICIAL),
        fig("invest", "170", year=2027, status=Status.OFFICIAL),
    ]
    [target] = year_targets(resolution, 2028, figures)
    assert target.value == D("680") / 3 or float(target.value) == pytest.approx(680 / 3, abs=1e-5)
    # the indicator's months are not declared to add up: no pace from a part of the year
    assert track_year(resolution, 2028, [*figures, fig("invest", "150", "9M", year=2028)]) == []
    # a missing year makes the share left a guess: no target for the year
    assert year_targets(resolution, 2028, figures[1:]) == []


# -- what wins, and what is never read ----------------------------------------------------


def test_an_annual_figure_of_the_year_supersedes_the_in_year_status() -> None:
    year_figure = fig("exports", "29", status=Status.PRELIMINARY)
    figures = [fig("exports", "22.5", "9M"), year_figure]
    [status] = track_year(plan(EXPORTS_2026), 2026, figures)
    assert status.superseded
    assert "Đã có số liệu cả năm 2026: đánh giá theo năm là kết luận." in status.explanation.vi
    result = evaluate_resolution(plan(EXPORTS_2026), figures, EvaluationSettings(as_of=2026))
    assert result.targets[0].verdict is Verdict.NOT_ACHIEVED
    assert result.targets[0].headline is not None
    assert result.targets[0].headline.used == (year_figure,)


def test_figures_of_another_area_or_year_are_not_read() -> None:
    figures = [fig("exports", "29", "9M", area="hd"), fig("exports", "29", "9M", year=2025)]
    assert track_year(plan(EXPORTS_2026), 2026, figures) == []


def test_no_target_for_the_year_no_status() -> None:
    assert track_year(plan(EXPORTS_2026), 2027, [fig("exports", "29", "9M", year=2027)]) == []


@pytest.mark.parametrize(
    ("part", "vi", "en"),
    [
        ("9M", "tạm tính, 9 tháng", "provisional, 9 months"),
        ("2M", "tạm tính, 2 tháng", "provisional, 2 months"),
        ("H1", "tạm tính, 6 tháng", "provisional, 6 months"),
        ("Q1", "tạm tính, quý I", "provisional, Q1"),
        ("Q3", "tạm tính, quý III", "provisional, Q3"),
        ("M01", "tạm tính, tháng 1", "provisional, January"),
        ("H2", "tạm tính, 6 tháng cuối năm", "provisional, H2"),
    ],
)
def test_provisional_labels(part: str, vi: str, en: str) -> None:
    assert provisional_label(Period(2026, 2026, part)) == Text(vi, en)


def test_a_figure_for_years_ending_with_the_year_supersedes_too() -> None:
    """A figure for 2021–2026 says how the years up to 2026 went: the yearly evaluation
    has the year's word, as with the year's own figure."""
    span = Observation("exports", "hp", (2021, 2026), D("150"), "tỷ USD", Status.OFFICIAL)
    [status] = track_year(plan(EXPORTS_2026), 2026, [fig("exports", "22.5", "9M"), span])
    assert status.superseded

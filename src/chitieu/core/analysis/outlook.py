"""A running clause's outlook: projection, 80 % interval, chance of success, pace needed.

Which figures: the clause's own series (converted to its unit, current figure per year),
from the resolution's base year up to ``as_of`` — the term's own trend, as in the
evaluation's projection. The record for "was that pace ever reached" is every yearly
figure up to ``as_of``, before the term too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from chitieu.core.analysis.pace import RequiredPace, required_growth_pace, required_level_pace
from chitieu.core.analysis.projection import (
    Projection,
    Scale,
    project_average_growth,
    project_level,
)
from chitieu.core.compare import about_limits, better_side, threshold
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.series import build_series
from chitieu.core.model import BoundKind, Clause, ClauseKind, Indicator, Measure, Resolution, Text
from chitieu.core.observations import Observation

LEVEL_KINDS = (ClauseKind.LEVEL, ClauseKind.SHARE, ClauseKind.STRUCTURE, ClauseKind.COVERAGE)

NOT_APPLICABLE = Text(
    "Không dự báo theo phương pháp này (chỉ áp dụng cho chỉ tiêu mức và tăng trưởng bình quân).",
    "Not projected by this method (it applies to level and average-growth clauses).",
)
TOO_FEW = Text(
    "Chưa đủ số liệu để dự báo (cần ít nhất 2 số liệu năm dương từ năm gốc).",
    "Too few figures to project (at least 2 positive yearly figures from the base year).",
)
NO_SPREAD = Text(
    "Chỉ có 2 số liệu: có dự báo theo nhịp độ, chưa ước lượng được khoảng tin cậy và xác suất.",
    "Only 2 figures: a trend projection, but no interval or probability can be estimated.",
)
FINISHED = Text(
    "Đã có số liệu năm cuối; không cần dự báo.",
    "The end-year figure is known; nothing to project.",
)


@dataclass(frozen=True)
class Outlook:
    clause: Clause
    indicator: Indicator
    area: str
    as_of: int
    points: tuple[tuple[int, float], ...]
    projection: Projection | None
    region: tuple[float | None, float | None] | None  # the projected values that meet the bound
    probability: float | None
    pace: RequiredPace | None
    note: Text | None = None


def met_region(
    clause: Clause, indicator: Indicator, tolerance_pct: Decimal = Decimal(5)
) -> tuple[float | None, float | None]:
    """The values a figure may take and still meet the clause (achieved or exceeded).

    A point target with a direction is met on its better side; a range on the better
    side of its worse end; a neutral point only exactly (probability 0 for a continuous
    projection), a neutral range or "khoảng" inside.
    """
    bound = clause.bound
    side = better_side(bound, indicator.direction)
    lo: float | None = float(bound.low) if bound.low is not None else None
    hi: float | None = float(bound.high) if bound.high is not None else None
    if bound.kind is BoundKind.ABOUT and bound.low is not None:
        a, b = about_limits(bound, tolerance_pct)
        lo, hi = float(a), float(b)
    if bound.kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        return (lo, None)
    if bound.kind in (BoundKind.BELOW, BoundKind.AT_MOST):
        return (None, hi)
    if side > 0:
        return (lo, None)
    if side < 0:
        return (None, hi)
    return (lo, hi)


def clause_outlook(
    resolution: Resolution,
    clause: Clause,
    observations: Sequence[Observation],
    as_of: int,
    settings: EvaluationSettings | None = None,
    area: str | None = None,
) -> Outlook:
    settings = settings or EvaluationSettings(as_of=as_of)
    indicator = resolution.indicator(clause.indicator)
    where = area or resolution.area
    mine = [o for o in observations if o.indicator == clause.indicator]
    # growth of a level series: the levels are read in the indicator's own unit
    on_levels = clause.kind is ClauseKind.AVERAGE_GROWTH and indicator.measure is Measure.LEVEL
    unit = indicator.unit if on_levels else clause.bound.unit
    series = build_series(unit, where, mine, as_of, settings)
    history = tuple(sorted((y, float(f.value)) for y, f in series.years.items() if y <= as_of))
    base_year = clause.base_year if clause.base_year is not None else resolution.base_year
    side = better_side(clause.bound, indicator.direction) or 1
    target = float(threshold(clause.bound, indicator.direction))
    region = met_region(clause, indicator, clause.tolerance or settings.about_tolerance_pct)
    end = clause.end_year

    def result(
        points: tuple[tuple[int, float], ...],
        projection: Projection | None,
        pace: RequiredPace | None,
        note: Text | None,
        region_x: tuple[float | None, float | None] | None = region,
    ) -> Outlook:
        p = projection.probability(*region_x) if projection and region_x else None
        if projection is not None and projection.scale is None and note is None:
            note = NO_SPREAD
        return Outlook(clause, indicator, where, as_of, points, projection, region_x, p, pace, note)

    if clause.kind is ClauseKind.AVERAGE_GROWTH and indicator.measure is Measure.GROWTH_RATE:
        first, last = clause.period or resolution.period
        rates = tuple((y, v) for y, v in history if first <= y <= last)
        if len(rates) == last - first + 1:
            return result(rates, None, None, FINISHED)
        proj = project_average_growth(rates, (first, last))
        pace = required_growth_pace(rates, target, (first, last), side, history)
        return result(rates, proj, pace, None if proj else TOO_FEW)
    if clause.kind is ClauseKind.AVERAGE_GROWTH or clause.kind in LEVEL_KINDS:
        if clause.each_year:
            return result((), None, None, NOT_APPLICABLE, None)
        points = tuple((y, v) for y, v in history if y >= base_year)
        if clause.base_value is not None:
            later = [p for p in points if p[0] > base_year]
            points = ((base_year, float(clause.base_value)), *later)
        if end in dict(points):
            return result(points, None, None, FINISHED)
        proj = project_level(points, end)
        if clause.kind is ClauseKind.AVERAGE_GROWTH:
            # average growth of a level series = CAGR from the base: judge the end level
            base = dict(points).get(base_year)
            if proj is None or base is None or base <= 0:
                return result(points, None, None, TOO_FEW, None)
            k = end - base_year

            def level(g: float | None) -> float | None:
                return None if g is None else base * (1 + g / 100.0) ** k

            lo, hi = region
            level_target = level(target) or 0.0
            pace = required_level_pace(history, level_target, end, side)
            return result(points, proj, pace, None, (level(lo), level(hi)))
        pace = required_level_pace(history, target, end, side)
        return result(points, proj, pace, None if proj else TOO_FEW)
    return result((), None, None, NOT_APPLICABLE, None)


def projected_growth(outlook: Outlook, base_year: int) -> float | None:
    """For an average-growth clause on levels: the projected CAGR from the base year."""
    proj = outlook.projection
    base = dict(outlook.points).get(base_year)
    if proj is None or base is None or proj.kind is not Scale.LOG_LEVEL:
        return None
    growth: float = ((proj.value / base) ** (1.0 / (proj.year - base_year)) - 1.0) * 100.0
    return growth

"""What a year must reach: the year's own target, or its point on the path of a term target.

In-year tracking needs one number per clause and year before any sub-annual figure is
read: a one-year plan states it (a level clause whose year is the year), a term target
stated for its last year states it for that year, and for the other years of a term it
is the point the required path passes in that year — the rate the remaining years need
(average growth), the share of a total still to be reached (cumulative, per year), or
the compound path from the last annual figure to the target (a level at the term's end).
The path starts from annual levels only (:func:`~chitieu.core.observations.annual_levels`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from chitieu.core.compare import better_side, threshold
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.pace import dec, geometric_mean
from chitieu.core.evaluation.series import Series, build_series
from chitieu.core.model import (
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Indicator,
    Measure,
    Resolution,
)
from chitieu.core.observations import Observation, annual_levels
from chitieu.core.results import Figure

__all__ = ["LEVEL_LIKE", "YearTarget", "YearTargetSource", "year_targets"]

#: Clause kinds judged on one year's value (the kinds ``evaluate_level`` judges).
LEVEL_LIKE = frozenset(
    {ClauseKind.LEVEL, ClauseKind.SHARE, ClauseKind.STRUCTURE, ClauseKind.COVERAGE}
)


class YearTargetSource(StrEnum):
    """Where the year's target comes from."""

    CLAUSE = "clause"  # the clause is stated for this year (a year plan, a term's last year)
    PATH = "path"  # the year's point on the path to a later target of the term


@dataclass(frozen=True)
class YearTarget:
    """What year ``year`` must reach for ``clause``.

    ``bound`` is the requirement on the year's own figure of the clause's indicator, in
    ``bound.unit`` (for a growth-rate indicator: the rate). ``rate`` is the growth on the
    previous year, in %, that the year needs when that is known (a level indicator with a
    previous annual figure, or a growth target): a change "so với cùng kỳ" is compared
    with it. ``side`` is +1 when more is better, −1 when less is. ``start`` is the annual
    figure the path starts from (the previous year's, when there is one).
    """

    clause: Clause
    indicator: Indicator
    year: int
    source: YearTargetSource
    bound: Bound
    side: int
    rate: Decimal | None = None
    start: Figure | None = None

    @property
    def value(self) -> Decimal:
        """The number the year must reach (the worse end of a range)."""
        return threshold(self.bound, self.indicator.direction)


def year_targets(
    resolution: Resolution,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings | None = None,
) -> list[YearTarget]:
    """Every clause of the resolution whose requirement for ``year`` is known, for the
    resolution's area (``dataclasses.replace(resolution, area=…)`` for another)."""
    settings = settings or EvaluationSettings()
    annual = annual_levels(observations)
    by_indicator: dict[str, list[Observation]] = {}
    for obs in annual:
        by_indicator.setdefault(obs.indicator, []).append(obs)
    out: list[YearTarget] = []
    for target in (*resolution.targets, *resolution.extra_targets):
        for clause in target.clauses:
            found = _year_target(
                resolution, clause, year, by_indicator.get(clause.indicator, ()), settings
            )
            if found is not None:
                out.append(found)
    return out


def _year_target(
    resolution: Resolution,
    clause: Clause,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
) -> YearTarget | None:
    try:
        indicator = resolution.indicator(clause.indicator)
    except KeyError:
        return None
    side = better_side(clause.bound, indicator.direction) or 1
    base_year = clause.base_year if clause.base_year is not None else resolution.base_year
    if year <= base_year:
        return None
    kind = clause.kind
    if kind in LEVEL_LIKE:
        return _level(resolution, clause, indicator, year, observations, settings, side)
    first, last = clause.period or resolution.period
    if not first <= year <= last:
        return None
    if kind is ClauseKind.AVERAGE_GROWTH:
        if indicator.measure is Measure.GROWTH_RATE:
            return _growth_of_rates(
                resolution, clause, indicator, year, observations, settings, side
            )
        return _growth_of_levels(resolution, clause, indicator, year, observations, settings, side)
    if kind in (ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR):
        return _totals(resolution, clause, indicator, year, observations, settings, side)
    return None  # milestones and ranks have no value for a part of a year


def _series(
    resolution: Resolution,
    unit: str,
    observations: Sequence[Observation],
    year: int,
    settings: EvaluationSettings,
) -> Series:
    """The annual figures before ``year``, converted to ``unit``."""
    return build_series(unit, resolution.area, observations, year - 1, settings)


def _one_sided(side: int, value: Decimal, unit: str) -> Bound:
    kind = BoundKind.AT_LEAST if side > 0 else BoundKind.AT_MOST
    return Bound(kind, value if side > 0 else None, None if side > 0 else value, unit)


def _level(
    resolution: Resolution,
    clause: Clause,
    indicator: Indicator,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
    side: int,
) -> YearTarget | None:
    unit = clause.bound.unit
    series = _series(resolution, unit, observations, year, settings)
    previous = series.years.get(year - 1)
    growth_rate = indicator.measure is Measure.GROWTH_RATE
    if clause.each_year:
        first, last = clause.period or resolution.period
        stated = first <= year <= last
    else:
        stated = clause.year == year or (clause.year is None and clause.end_year == year)
    if stated:
        t = threshold(clause.bound, indicator.direction)
        rate = t if growth_rate else _rate(previous, t)
        return YearTarget(
            clause, indicator, year, YearTargetSource.CLAUSE, clause.bound, side, rate, previous
        )
    end = clause.end_year
    if clause.each_year or end < year or growth_rate or clause.kind is not ClauseKind.LEVEL:
        # a rate has no level path; shares and structures are judged at their year only
        return None
    base_year = clause.base_year if clause.base_year is not None else resolution.base_year
    known = [y for y in series.years if base_year <= y < year]
    if known:
        start = series.years[max(known)]
    elif clause.base_value is not None:
        start = Figure(clause.base_value, base_year)
    else:
        return None
    t = threshold(clause.bound, indicator.direction)
    value = _path_value(start, t, end, year)
    return YearTarget(
        clause,
        indicator,
        year,
        YearTargetSource.PATH,
        _one_sided(side, value, unit),
        side,
        _rate(previous, value),
        start,
    )


def _path_value(start: Figure, target: Decimal, end: int, year: int) -> Decimal:
    """The value on the path from ``start`` to ``target`` in ``end``, in ``year``: compound
    where both are positive (as :func:`~chitieu.core.evaluation.pace.required_path`),
    a straight line otherwise."""
    s, t = float(start.value), float(target)
    share = (year - start.year) / (end - start.year)
    if s > 0 and t > 0:
        return dec(s * (t / s) ** share)
    return dec(s + (t - s) * share)


def _rate(previous: Figure | None, value: Decimal) -> Decimal | None:
    """The growth in % from the previous year's figure to ``value``."""
    if previous is None or previous.value <= 0 or value <= 0:
        return None
    return dec((float(value) / float(previous.value) - 1) * 100.0)


def _growth_of_rates(
    resolution: Resolution,
    clause: Clause,
    indicator: Indicator,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
    side: int,
) -> YearTarget:
    """The rate each remaining year needs, after the yearly rates of the term so far; a
    year without a figure before ``year`` is taken at the mean so far (as the yearly
    evaluation does)."""
    first, last = clause.period or resolution.period
    unit = clause.bound.unit
    series = _series(resolution, unit, observations, year, settings)
    thr = float(threshold(clause.bound, indicator.direction))
    rates = [series.years[y].value for y in range(first, year) if y in series.years]
    lived = year - first
    if not lived or not rates:
        need = thr
    else:
        achieved = (1 + geometric_mean(rates) / 100.0) ** lived
        need = (
            ((1 + thr / 100.0) ** (last - first + 1) / achieved) ** (1 / (last - year + 1)) - 1
        ) * 100.0
    value = dec(need)
    return YearTarget(
        clause,
        indicator,
        year,
        YearTargetSource.PATH,
        _one_sided(side, value, unit),
        side,
        value,
        series.years.get(year - 1),
    )


def _growth_of_levels(
    resolution: Resolution,
    clause: Clause,
    indicator: Indicator,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
    side: int,
) -> YearTarget | None:
    """Average growth of a level series: the level the year must reach to stay on the
    path from the last annual level to base × (1 + g)^n, and the growth that needs."""
    first, last = clause.period or resolution.period
    unit = indicator.unit  # the figures are levels; only the statistic is a rate
    series = _series(resolution, unit, observations, year, settings)
    base_year = clause.base_year if clause.base_year is not None else resolution.base_year
    if clause.base_value is not None:
        base: Figure | None = Figure(clause.base_value, base_year)
    else:
        base = series.years.get(base_year) or series.years.get(first - 1)
    if base is None or base.value <= 0:
        return None
    known = [y for y in series.years if base.year <= y < year]
    start = series.years[max(known)] if known else base
    if start.value <= 0:
        return None
    thr = float(threshold(clause.bound, indicator.direction))
    goal = float(base.value) * (1 + thr / 100.0) ** (last - base.year)
    need = (goal / float(start.value)) ** (1 / (last - start.year)) - 1
    level = dec(float(start.value) * (1 + need) ** (year - start.year))
    return YearTarget(
        clause,
        indicator,
        year,
        YearTargetSource.PATH,
        _one_sided(side, level, unit),
        side,
        dec(need * 100.0),
        start,
    )


def _totals(
    resolution: Resolution,
    clause: Clause,
    indicator: Indicator,
    year: int,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
    side: int,
) -> YearTarget | None:
    """A total over the term (or a yearly mean): what is left, shared over the years left.
    Only when every year of the term before ``year`` has its figure: a missing year would
    make the share left a guess."""
    first, last = clause.period or resolution.period
    unit = clause.bound.unit
    series = _series(resolution, unit, observations, year, settings)
    done = [series.years.get(y) for y in range(first, year)]
    if any(f is None for f in done):
        return None
    so_far = sum((f.value for f in done if f is not None), Decimal(0))
    thr = threshold(clause.bound, indicator.direction)
    total = thr * (last - first + 1) if clause.kind is ClauseKind.PER_YEAR else thr
    value = dec(float(total - so_far) / (last - year + 1))
    previous = series.years.get(year - 1)
    return YearTarget(
        clause,
        indicator,
        year,
        YearTargetSource.PATH,
        _one_sided(side, value, unit),
        side,
        _rate(previous, value),
        previous,
    )

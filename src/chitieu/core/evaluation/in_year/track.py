"""In-year tracking: a year's target followed from the figures of the year so far.

Monthly and quarterly reports say where the year stands long before its annual figure
exists. Each status here sets the latest sub-annual figure of the year against what the
year must reach (:mod:`.targets`), by the indicator's nature:

* a flow whose months add up (``time_aggregation: sum``): pace = (value so far / the
  year's target) / (months elapsed / 12) — or a figure "bằng …% kế hoạch năm" directly
  as the share achieved;
* a growth rate (or a change "so với cùng kỳ" of a level): the rate so far against the
  rate the year needs, as the yearly growth pace (ratio = rate / required rate);
* a stock or a ratio: the latest level against the year's bound — on track once it meets
  it, otherwise the way covered from the previous year's figure against the share of the
  year elapsed.

The ratio is read with the evaluation's thresholds (on track / at risk / off track). Every
status is provisional and says so with its period ("tạm tính, 9 tháng"); once an annual
figure of the year exists the yearly evaluation wins and the status is marked
``superseded`` (kept for the record, never shown as the verdict). Nothing sub-annual is
ever summed into a year here.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from chitieu.core.compare import judge, satisfied
from chitieu.core.evaluation.in_year.status import InYearMethod, InYearStatus
from chitieu.core.evaluation.in_year.targets import YearTarget, year_targets
from chitieu.core.evaluation.in_year.text import explain_in_year
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.pace import pace_status
from chitieu.core.model import (
    Bound,
    BoundKind,
    ClauseKind,
    Measure,
    Resolution,
    TimeAggregation,
    Verdict,
)
from chitieu.core.observations import Observation, annual_levels, current
from chitieu.core.periods import BasisKind, Period
from chitieu.core.results import Figure
from chitieu.core.units import IncompatibleUnitsError, Quantity, UnknownUnitError, parse_unit

__all__ = ["track_year"]


def track_year(
    resolution: Resolution,
    year: int,
    observations: Iterable[Observation],
    settings: EvaluationSettings | None = None,
    *,
    explained: bool = True,
) -> list[InYearStatus]:
    """The in-year status of every clause whose requirement for ``year`` is known and
    that has a usable sub-annual figure of ``year`` in the resolution's area.

    ``observations`` may hold every revision of every figure: the current one per key is
    taken (a figure for "9 tháng" never competes with the year's figure).
    """
    settings = settings or EvaluationSettings()
    figures = list(current(observations).values())
    annual = annual_levels(figures)
    area = resolution.area
    # an annual figure of the year (or of years ending with it) is the year's result
    done = {o.indicator for o in annual if o.area == area and o.period[1] == year}
    out: list[InYearStatus] = []
    for target in year_targets(resolution, year, annual, settings):
        code = target.clause.indicator
        mine = [
            o
            for o in figures
            if o.indicator == code and o.area == area and o.part and o.period[0] == year
        ]
        status = _status(target, area, mine, annual, settings)
        if status is None:
            continue
        status = dataclasses.replace(status, superseded=code in done)
        if explained:
            status = dataclasses.replace(status, explanation=explain_in_year(resolution, status))
        out.append(status)
    return out


@dataclass(frozen=True)
class _Candidate:
    method: InYearMethod
    figure: Observation
    period: Period
    actual: Decimal


def _status(
    target: YearTarget,
    area: str,
    figures: Sequence[Observation],
    annual: Sequence[Observation],
    settings: EvaluationSettings,
) -> InYearStatus | None:
    candidates = [c for o in figures for c in _candidates(target, o, settings)]
    if not candidates:
        return None
    order = _preference(target)
    best = max(
        candidates,
        key=lambda c: (
            c.period.months[1],
            -order.index(c.method),
            c.period.months[1] - c.period.months[0],
        ),
    )
    elapsed = Decimal(best.period.months[1]) / 12
    if best.method is InYearMethod.LEVEL:
        return _level_status(target, area, best, elapsed, settings)
    if best.method is InYearMethod.GROWTH:
        return _growth_status(target, area, best, elapsed, settings)
    return _flow_status(target, area, best, elapsed, settings)


def _preference(target: YearTarget) -> list[InYearMethod]:
    """Which reading of the year's figures comes first when several end on the same month."""
    ind = target.indicator
    if ind.measure is Measure.GROWTH_RATE or target.clause.kind is ClauseKind.AVERAGE_GROWTH:
        return [
            InYearMethod.GROWTH,
            InYearMethod.FLOW_PACE,
            InYearMethod.PLAN_SHARE,
            InYearMethod.LEVEL,
        ]
    return [
        InYearMethod.FLOW_PACE,
        InYearMethod.PLAN_SHARE,
        InYearMethod.LEVEL,
        InYearMethod.GROWTH,
    ]


def _candidates(
    target: YearTarget, obs: Observation, settings: EvaluationSettings
) -> list[_Candidate]:
    """The readings one sub-annual figure allows for this target (none, one or two)."""
    try:
        period = obs.full_period
    except ValueError:
        return []
    ind = target.indicator
    kind = obs.basis.kind
    ytd = period.is_year_to_date
    out: list[_Candidate] = []
    if ind.measure is Measure.GROWTH_RATE:
        # the level of a growth-rate indicator is itself a change on the same period
        if ytd and kind in (BasisKind.LEVEL, BasisKind.SAME_PERIOD):
            out.append(_Candidate(InYearMethod.GROWTH, obs, period, obs.value))
        return out
    if kind is BasisKind.SAME_PERIOD and ytd and target.rate is not None:
        out.append(_Candidate(InYearMethod.GROWTH, obs, period, obs.value))
    flow = ind.time_aggregation is TimeAggregation.SUM
    if flow and ytd and kind is BasisKind.LEVEL:
        value = _converted(obs, target.bound.unit, target.year, settings)
        if value is not None:
            out.append(_Candidate(InYearMethod.FLOW_PACE, obs, period, value))
    elif flow and ytd and kind is BasisKind.PLAN:
        out.append(_Candidate(InYearMethod.PLAN_SHARE, obs, period, obs.value))
    elif not flow and kind is BasisKind.LEVEL and target.clause.kind not in _FLOW_KINDS:
        value = _converted(obs, target.bound.unit, target.year, settings)
        if value is not None:
            out.append(_Candidate(InYearMethod.LEVEL, obs, period, value))
    return out


#: Totals and yearly means are made of flows: a level of a part of the year says nothing
#: of them unless the indicator's months add up.
_FLOW_KINDS = frozenset({ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR})


def _converted(
    obs: Observation, unit: str, year: int, settings: EvaluationSettings
) -> Decimal | None:
    try:
        q = Quantity(obs.value, parse_unit(obs.unit)).to(
            parse_unit(unit), rates=settings.rates, year=year
        )
    except (IncompatibleUnitsError, UnknownUnitError):
        return None
    return q.value


def _flow_status(
    target: YearTarget,
    area: str,
    best: _Candidate,
    elapsed: Decimal,
    settings: EvaluationSettings,
) -> InYearStatus | None:
    """The share of the year's target reached, against the share of the year elapsed."""
    if best.method is InYearMethod.PLAN_SHARE:
        share = float(best.actual) / 100.0
    else:
        goal = target.value
        if goal <= 0:
            return None  # a share of nothing, or of a negative target, means nothing
        share = float(best.actual) / float(goal)
    time = float(elapsed)
    if target.side > 0:
        ratio = share / time
    elif share > 1:
        ratio = -1.0  # a cap on a flow, already passed: no later month can undo it
    else:
        ratio = time / share if share > 0 else math.inf
    return InYearStatus(
        target,
        area,
        best.period,
        best.method,
        best.figure,
        best.actual,
        elapsed,
        pace_status(ratio, settings),
        ratio,
    )


def _growth_status(
    target: YearTarget,
    area: str,
    best: _Candidate,
    elapsed: Decimal,
    settings: EvaluationSettings,
) -> InYearStatus:
    """The rate so far against the rate the year needs (the yearly growth pace ratio)."""
    if target.indicator.measure is Measure.GROWTH_RATE:
        bound = target.bound
        need = target.value
    else:
        assert target.rate is not None
        need = target.rate
        bound = _rate_bound(target.side, need, bound_unit="%")
    verdict = judge(best.actual, bound, target.indicator.direction, best.figure.qualifier)
    if satisfied(verdict):
        return _made(target, area, best, elapsed, Verdict.ON_TRACK, None)
    r, g = float(best.actual), float(need)
    ratio = target.side * r / abs(g) if g else (1.0 if r * target.side >= 0 else -1.0)
    return _made(target, area, best, elapsed, pace_status(ratio, settings), ratio)


def _rate_bound(side: int, value: Decimal, bound_unit: str) -> Bound:
    if side > 0:
        return Bound(BoundKind.AT_LEAST, value, None, bound_unit)
    return Bound(BoundKind.AT_MOST, None, value, bound_unit)


def _level_status(
    target: YearTarget,
    area: str,
    best: _Candidate,
    elapsed: Decimal,
    settings: EvaluationSettings,
) -> InYearStatus:
    """A stock or a ratio: meeting the year's bound is on track; otherwise the way covered
    since the previous year's figure, against the share of the year elapsed. Without
    that figure (or when it met the bound and the year has fallen back) the pace cannot
    be measured and the status is "at risk": short of the bound, with months left."""
    direction = target.indicator.direction
    verdict = judge(best.actual, target.bound, direction, best.figure.qualifier)
    if satisfied(verdict):
        return _made(target, area, best, elapsed, Verdict.ON_TRACK, None)
    previous = (
        target.start if target.start is not None and target.start.year == target.year - 1 else None
    )
    goal = target.value
    if (
        previous is None
        or satisfied(judge(previous.value, target.bound, direction))
        or goal == previous.value
    ):
        return _made(target, area, best, elapsed, Verdict.AT_RISK, None, previous)
    progress = float(best.actual - previous.value) / float(goal - previous.value)
    ratio = progress / float(elapsed)
    return _made(target, area, best, elapsed, pace_status(ratio, settings), ratio, previous)


def _made(
    target: YearTarget,
    area: str,
    best: _Candidate,
    elapsed: Decimal,
    verdict: Verdict,
    ratio: float | None,
    previous: Figure | None = None,
) -> InYearStatus:
    return InYearStatus(
        target, area, best.period, best.method, best.figure, best.actual, elapsed, verdict, ratio,
        previous,
    )  # fmt: skip

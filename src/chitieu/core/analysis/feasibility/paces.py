"""The yearly pace every target needs from its baseline, beside the previous term's, ranked."""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.core.analysis.feasibility.findings import LEVEL_KINDS, PaceRow
from chitieu.core.analysis.figures import all_clauses, figures
from chitieu.core.compare import better_side, threshold
from chitieu.core.model import ClauseKind, Measure, Resolution
from chitieu.core.observations import Observation


def required_paces(resolution: Resolution, obs: Sequence[Observation]) -> list[PaceRow]:
    """Every target's required yearly pace from its baseline, most demanding first."""
    rows: list[PaceRow] = []
    by = resolution.base_year
    first, last = resolution.period
    n = last - first + 1
    prev = (by - n + 1, by)
    for c in all_clauses(resolution):
        if c.each_year:
            continue
        ind = resolution.indicator(c.indicator)
        side = better_side(c.bound, ind.direction) or 1
        target = float(threshold(c.bound, ind.direction))
        if c.kind is ClauseKind.AVERAGE_GROWTH and ind.measure is Measure.GROWTH_RATE:
            span = figures(obs, c.indicator, resolution.area, c.bound.unit).spans.get(prev)
            rows.append(PaceRow(c, None, target, target, span, prev if span else None, side))
            continue
        if c.kind not in LEVEL_KINDS:
            continue
        series = figures(obs, c.indicator, resolution.area, c.bound.unit).years
        cby = c.base_year if c.base_year is not None else by
        base = float(c.base_value) if c.base_value is not None else series.get(cby)
        if base is None or base <= 0 or target <= 0 or c.end_year <= cby:
            continue
        need = ((target / base) ** (1.0 / (c.end_year - cby)) - 1.0) * 100.0
        earlier = sorted(y for y in series if cby - n <= y < cby and series[y] > 0)
        previous = None
        years = None
        if earlier and series.get(cby):
            y0 = earlier[0]
            previous = ((base / series[y0]) ** (1.0 / (cby - y0)) - 1.0) * 100.0
            years = (y0, cby)
        rows.append(PaceRow(c, (cby, base), target, need, previous, years, side))
    rows.sort(key=lambda r: -r.side * r.required_pct)
    return rows

"""How well would the projection have done? Cut the figures at ``upto``, project the end
year, compare with the figure the report later gave.

Every level indicator of the resolution is tried, not only those with a clause: a
Vietnamese term has few yearly figures, and a method should be judged on every series
it could have projected. Where a level-kind clause ends in that year, the probability
of meeting it is scored too (did p ≥ 0,5 call the verdict right?).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from chitieu.core.analysis.outlook import LEVEL_KINDS, met_region
from chitieu.core.analysis.projection import Projection, project_level
from chitieu.core.compare import judge, satisfied
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.series import build_series
from chitieu.core.model import Clause, Indicator, Measure, Resolution, Text
from chitieu.core.observations import Observation


@dataclass(frozen=True)
class BacktestCase:
    indicator: Indicator
    points: tuple[tuple[int, float], ...]
    year: int
    actual: float
    projection: Projection
    clause: Clause | None = None
    probability: float | None = None
    met: bool | None = None  # the clause's actual outcome

    @property
    def error(self) -> float:
        return self.projection.value - self.actual

    @property
    def pct_error(self) -> float:
        return self.error / abs(self.actual) * 100.0 if self.actual else math.inf

    @property
    def inside(self) -> bool | None:
        iv = self.projection.interval
        if iv is None:
            return None
        slack = 1e-9 * max(1.0, abs(self.actual))  # a zero-width interval is a float
        return iv[0] - slack <= self.actual <= iv[1] + slack

    @property
    def called_right(self) -> bool | None:
        if self.probability is None or self.met is None:
            return None
        return (self.probability >= 0.5) == self.met


@dataclass(frozen=True)
class Backtest:
    resolution: Resolution
    upto: int
    year: int
    cases: tuple[BacktestCase, ...]
    skipped: tuple[tuple[Indicator, Text], ...]

    @property
    def mape(self) -> float | None:
        errs = [abs(c.pct_error) for c in self.cases]
        return sum(errs) / len(errs) if errs else None

    @property
    def median_ape(self) -> float | None:
        errs = [abs(c.pct_error) for c in self.cases]
        return median(errs) if errs else None

    @property
    def coverage(self) -> tuple[int, int]:
        """(actual inside the 80 % interval, cases with an interval)."""
        scored = [c.inside for c in self.cases if c.inside is not None]
        return sum(scored), len(scored)

    @property
    def calls(self) -> tuple[int, int]:
        scored = [c.called_right for c in self.cases if c.called_right is not None]
        return sum(scored), len(scored)


def backtest(
    resolution: Resolution,
    observations: Sequence[Observation],
    upto: int,
    year: int | None = None,
    settings: EvaluationSettings | None = None,
) -> Backtest:
    """Project ``year`` (default: the term's last year) from the figures up to ``upto``."""
    end = year if year is not None else resolution.period[1]
    settings = settings or EvaluationSettings(as_of=end)
    clauses = {
        c.indicator: c
        for t in (*resolution.targets, *resolution.extra_targets)
        for c in t.clauses
        if c.kind in LEVEL_KINDS and c.end_year == end and not c.each_year
    }
    cases: list[BacktestCase] = []
    skipped: list[tuple[Indicator, Text]] = []
    for ind in resolution.indicators:
        if ind.measure is not Measure.LEVEL:
            continue
        clause = clauses.get(ind.code)
        unit = clause.bound.unit if clause is not None else ind.unit
        mine = [o for o in observations if o.indicator == ind.code]
        series = build_series(unit, resolution.area, mine, end, settings)
        actual = series.years.get(end)
        points = tuple(
            (y, float(f.value))
            for y, f in sorted(series.years.items())
            if resolution.base_year <= y <= upto
        )
        if actual is None:
            if points:
                skipped.append((ind, Text(f"chưa có số liệu {end}", f"no {end} figure")))
            continue
        proj = project_level(points, end)
        if proj is None:
            span = f"{resolution.base_year}–{upto}"
            skipped.append(
                (ind, Text(f"{len(points)} số liệu {span}", f"{len(points)} figure(s) {span}"))
            )
            continue
        probability = met = None
        if clause is not None:
            probability = proj.probability(*met_region(clause, ind, settings.about_tolerance_pct))
            met = satisfied(judge(actual.value, clause.bound, ind.direction, actual.qualifier))
        cases.append(
            BacktestCase(ind, points, end, float(actual.value), proj, clause, probability, met)
        )
    return Backtest(resolution, upto, end, tuple(cases), tuple(skipped))

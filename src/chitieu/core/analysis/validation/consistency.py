"""Related indicators that must agree: a structure's shares add up to 100 %, and a
published growth rate matches the growth of its levels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.relations import Relations
from chitieu.core.analysis.validation.values import yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Indicator, Text
from chitieu.core.observations import Observation, current


def structure_sums(
    relations: Relations,
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
    """Shares of a structure add up to 100 ± tolerance; with parts missing, not above."""
    values = yearly_values(observations, indicators)
    out: list[Violation] = []
    for s in relations.structures:
        codes = [p.share for p in s.parts]
        cells = sorted({(a, y) for (c, a, y) in values if c in codes})
        tol = float(s.tolerance)
        for area, year in cells:
            got = [values[(c, area, year)][0] for c in codes if (c, area, year) in values]
            total = sum(got)
            complete = len(got) == len(codes)
            bad = abs(total - 100.0) > tol if complete else total > 100.0 + tol
            if not bad:
                continue
            out.append(
                Violation(
                    "structure_sum",
                    Importance.HIGH,
                    area,
                    (year, year),
                    tuple(codes),
                    Text(
                        f"Cơ cấu {s.label.vi or s.id} năm {year} cộng lại {fmt(total, 'vi')}%"
                        + (" (thiếu một số phần)" if not complete else "")
                        + f", lệch khỏi 100% quá {fmt(tol, 'vi')} điểm %.",
                        f"The {s.label.get('en') or s.id} structure in {year} adds up to "
                        f"{fmt(total, 'en')}%"
                        + (" (some parts missing)" if not complete else "")
                        + f", more than {fmt(tol, 'en')} points off 100%.",
                    ),
                    total,
                    100.0,
                )
            )
    return out


def growth_agrees_with_levels(
    relations: Relations,
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
    """A published growth rate (a year, or a period average) against the CAGR of its levels."""
    cur = list(current(observations).values())
    levels = yearly_values(cur, indicators)
    out: list[Violation] = []
    for rel in relations.growth_of:
        for obs in cur:
            if obs.indicator != rel.growth:
                continue
            first, last = obs.period
            a = levels.get((rel.level, obs.area, first - 1))
            b = levels.get((rel.level, obs.area, last))
            if a is None or b is None or a[0] <= 0 or b[0] <= 0:
                continue
            n = last - first + 1
            cagr = ((b[0] / a[0]) ** (1.0 / n) - 1.0) * 100.0
            rate = float(obs.value)
            if abs(cagr - rate) <= float(rel.tolerance):
                continue
            span = obs.period_label()
            out.append(
                Violation(
                    "growth_levels",
                    Importance.MEDIUM,
                    obs.area,
                    obs.period,
                    (rel.growth, rel.level),
                    Text(
                        f"{rel.growth} {span} = {fmt(rate, 'vi')}% nhưng {rel.level} "
                        f"{first - 1}→{last}: {fmt(a[0], 'vi')} → {fmt(b[0], 'vi')} cho "
                        f"{fmt(cagr, 'vi')}%/năm.",
                        f"{rel.growth} {span} = {fmt(rate, 'en')}% but {rel.level} "
                        f"{first - 1}→{last}: {fmt(a[0], 'en')} → {fmt(b[0], 'en')} gives "
                        f"{fmt(cagr, 'en')}%/year.",
                    ),
                    rate,
                    cagr,
                )
            )
    return out

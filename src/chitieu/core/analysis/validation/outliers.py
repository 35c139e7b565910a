"""Outliers: a yearly growth (or rate) far from the rest of its series, by a robust z-score
on the median and MAD (Iglewicz & Hoaglin)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from statistics import median

from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.validation.values import yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Indicator, Measure, Text
from chitieu.core.observations import Observation

OUTLIER_Z = 3.5
# A series that moves by a fraction of a point a year would otherwise make any ordinary
# change an "outlier" (unemployment falling 0,25–0,5 point a year, then 2,28: z = −9,6).
# With the spread floored at 1 point, a year is flagged only 5,2 points or more from the median.
OUTLIER_MAD_FLOOR = 1.0
OUTLIER_MIN_POINTS = 4


def robust_z(values: Sequence[float], floor: float = 0.0) -> list[float] | None:
    """0,6745 (x − median) / max(MAD, floor); None when the MAD is 0 (half the values equal)."""
    med = median(values)
    mad = median(abs(v - med) for v in values)
    if mad == 0:
        return None
    return [0.6745 * (v - med) / max(mad, floor) for v in values]


def outliers(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> list[Violation]:
    """Yearly growth far from the rest of its series (levels) or rates far from the rest."""
    values = yearly_values(observations, indicators)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for (code, area, year), (v, _) in values.items():
        series.setdefault((code, area), []).append((year, v))
    out: list[Violation] = []
    for (code, area), pts in sorted(series.items()):
        pts.sort()
        ind = indicators[code]
        if ind.measure is Measure.GROWTH_RATE:
            steps = [(y, y, v) for y, v in pts]
        else:
            steps = [
                (y0, y1, ((v1 / v0) ** (1.0 / (y1 - y0)) - 1.0) * 100.0)
                for (y0, v0), (y1, v1) in pairwise(pts)
                if v0 > 0 and v1 > 0
            ]
        if len(steps) < OUTLIER_MIN_POINTS:
            continue
        zs = robust_z([g for _, _, g in steps], OUTLIER_MAD_FLOOR)
        if zs is None:
            continue
        for (y0, y1, g), z in zip(steps, zs, strict=True):
            if abs(z) <= OUTLIER_Z:
                continue
            what_vi = "tốc độ" if ind.measure is Measure.GROWTH_RATE else "mức tăng"
            what_en = "rate" if ind.measure is Measure.GROWTH_RATE else "growth"
            span = str(y1) if y0 == y1 else f"{y0}→{y1}"
            out.append(
                Violation(
                    "outlier",
                    Importance.LOW,
                    area,
                    (y0, y1),
                    (code,),
                    Text(
                        f"{ind.name.vi}: {what_vi} {span} = {fmt(g, 'vi')}%/năm, khác xa phần "
                        f"còn lại của chuỗi (z = {fmt(z, 'vi', 1)}).",
                        f"{ind.name.get('en')}: {what_en} {span} = {fmt(g, 'en')}%/year, far "
                        f"from the rest of the series (z = {fmt(z, 'en', 1)}).",
                    ),
                    g,
                    z,
                )
            )
    return out

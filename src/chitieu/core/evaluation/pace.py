"""Pace so far against pace required: the ratio R, its classes, and required paths.

Float statistics live here; they are shown rounded and never decide a final verdict.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Verdict
from chitieu.core.numbers import ARITHMETIC_PRECISION
from chitieu.core.results import Figure, PaceClass, Required

SIX = Decimal("0.000001")


def steady(r: float) -> float:
    """The pace ratio without float noise, so that 15,2 / 16 is exactly 0,95 on a threshold."""
    return round(r, 9)


def pace_class(r: float, settings: EvaluationSettings) -> PaceClass:
    r = steady(r)
    if r >= settings.on_track:
        return PaceClass.SUBSTANTIAL
    if r >= settings.at_risk:
        return PaceClass.MODERATE
    if r >= settings.deterioration:
        return PaceClass.LIMITED
    return PaceClass.DETERIORATION


def pace_status(r: float, settings: EvaluationSettings) -> Verdict:
    r = steady(r)
    if r >= settings.on_track:
        return Verdict.ON_TRACK
    if r >= settings.at_risk:
        return Verdict.AT_RISK
    return Verdict.OFF_TRACK


def dec(x: float) -> Decimal:
    """Float statistics become Decimals with 6 decimals: enough to show, never to judge."""
    return Decimal(repr(x)).quantize(SIX)


def geometric_mean(rates_pct: Sequence[Decimal]) -> float:
    """Average of yearly growth rates (%) as the geometric mean of the growth factors."""
    log_sum = sum(math.log1p(float(r) / 100.0) for r in rates_pct)
    return (math.exp(log_sum / len(rates_pct)) - 1.0) * 100.0


@dataclass(frozen=True)
class RequiredPath:
    """The pace ratio, projection and required pace that ``required_path`` computes."""

    ratio: float
    projection: float
    required: float | None
    kind: Required


def required_path(
    base: Figure, latest: Figure, target: Decimal, year: int, side: int
) -> RequiredPath:
    """Required path from the base year and the pace so far (Eurostat / ESCAP).

    Compound growth where every value is positive; otherwise a straight line, since a
    CAGR through zero or a sign change means nothing.
    """
    b, v, t = float(base.value), float(latest.value), float(target)
    elapsed = latest.year - base.year
    horizon = year - base.year
    left = year - latest.year
    if b > 0 and v > 0 and t > 0:
        cagr_obs = (v / b) ** (1 / elapsed) - 1
        cagr_req = (t / b) ** (1 / horizon) - 1
        ratio = (
            side * cagr_obs / abs(cagr_req) if cagr_req else (1.0 if v * side >= t * side else -1.0)
        )
        projection = v * (1 + cagr_obs) ** left
        required = ((t / v) ** (1 / left) - 1) * 100.0 if left > 0 else None
        return RequiredPath(ratio, projection, required, Required.GROWTH)
    slope_obs = (v - b) / elapsed
    slope_req = (t - b) / horizon
    ratio = side * slope_obs / abs(slope_req) if slope_req else 1.0
    required = (t - v) / left if left > 0 else None
    return RequiredPath(ratio, v + slope_obs * left, required, Required.CHANGE)


def compound_factor(rates_pct: Iterable[Decimal]) -> Decimal:
    """Π(1 + r/100), exactly: the compound growth of yearly rates given in %."""
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        product = Decimal(1)
        for r in rates_pct:
            product *= 1 + r / 100
        return product

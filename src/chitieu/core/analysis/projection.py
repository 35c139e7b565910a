"""Projected end-year value, 80 % interval and the chance of meeting a clause's bound.

Method: a random walk with drift on the logarithm of the level — equivalently, yearly
log-growth rates ln(v_t / v_{t−1}) independent and normal with mean μ and spread σ.
It suits the 3–10 yearly figures a Vietnamese term provides: two parameters, no trend
shape to choose, gaps between figures are handled exactly (a gap of h years carries
h times the drift and h times the variance), and constant growth projects with certainty.

- Levels (exports, revenue, shares): μ̂ = ln(v_last / v_first) / (t_last − t_first), the
  observed CAGR; σ̂² = Σ (dᵢ − μ̂ hᵢ)² / hᵢ / (m − 1) over the m increments dᵢ spanning hᵢ
  years. For H years ahead ln v_T ~ ln v_last + μ̂ H + σ̂ √(H + H² / Σhᵢ) · t_{m−1}; the
  H² / Σhᵢ term is the uncertainty of the drift itself.
- Yearly growth rates (GRDP growth, IIP growth), judged by their geometric mean over the
  period: lᵢ = ln(1 + rᵢ); the R years without a figure add R·μ̂ to Σlᵢ with variance
  σ̂² (R + R² / k) and t_{k−1}; the projected average is exp(Σl / n) − 1.

With one increment there is a central projection but no spread (no interval, no
probability); with none, no projection. Non-positive levels have no logarithm: none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from chitieu.core.analysis.stats import t_cdf, t_quantile

COVERAGE = 0.8


class Scale(StrEnum):
    """How the modelled variable Z maps to the projected figure X."""

    LOG_LEVEL = "log_level"  # X = exp(Z)
    MEAN_LOG_GROWTH = "mean_log_growth"  # X = (exp(Z / n) − 1) × 100, in %


@dataclass(frozen=True)
class Projection:
    """X = f(loc + scale · T_df): the central value, the interval and probabilities."""

    year: int
    loc: float
    scale: float | None  # None: one increment only, the spread cannot be estimated
    df: int
    kind: Scale
    n: int = 1  # years averaged (MEAN_LOG_GROWTH)
    points: int = 0  # figures used
    drift_pct: float = 0.0  # e^μ − 1, in % per year
    coverage: float = COVERAGE

    def _to_x(self, z: float) -> float:
        if self.kind is Scale.LOG_LEVEL:
            return math.exp(z)
        return math.expm1(z / self.n) * 100.0

    def _to_z(self, x: float) -> float:
        if self.kind is Scale.LOG_LEVEL:
            return math.log(x) if x > 0 else -math.inf
        return math.log1p(x / 100.0) * self.n if x > -100.0 else -math.inf

    @property
    def value(self) -> float:
        """The median projection (also the point projection of the observed trend)."""
        return self._to_x(self.loc)

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.scale is None:
            return None
        if self.scale == 0.0:
            return (self.value, self.value)
        q = t_quantile(0.5 + self.coverage / 2.0, self.df)
        return (self._to_x(self.loc - q * self.scale), self._to_x(self.loc + q * self.scale))

    def probability(self, low: float | None, high: float | None) -> float | None:
        """P(low ≤ X ≤ high); ``None`` ends are open. ``None`` when the spread is unknown."""
        if self.scale is None:
            return None
        z_lo = -math.inf if low is None else self._to_z(low)
        z_hi = math.inf if high is None else self._to_z(high)
        if z_lo > z_hi:
            return 0.0
        if self.scale == 0.0:
            # constant growth: certain, up to the float noise of logarithms
            slack = 1e-9 * max(1.0, abs(self.loc))
            return 1.0 if z_lo - slack <= self.loc <= z_hi + slack else 0.0
        if z_lo == z_hi:
            return 0.0

        def cdf(z: float) -> float:
            if math.isinf(z):
                return 1.0 if z > 0 else 0.0
            return t_cdf((z - self.loc) / self.scale, self.df)  # type: ignore[operator]

        return max(0.0, min(1.0, cdf(z_hi) - cdf(z_lo)))


def _clean(scale: float) -> float:
    """Constant growth leaves only the float noise of logarithms (~1e-16): that is zero."""
    return 0.0 if scale < 1e-12 else scale


def project_level(points: Sequence[tuple[int, float]], year: int) -> Projection | None:
    """Project a level series (year, value) to ``year`` by the log random walk."""
    pts = sorted(points)
    if len(pts) < 2 or any(v <= 0 for _, v in pts) or year < pts[-1][0]:
        return None
    steps = [(b[0] - a[0], math.log(b[1] / a[1])) for a, b in pairwise(pts)]
    if any(h <= 0 for h, _ in steps):
        return None
    span = sum(h for h, _ in steps)
    mu = sum(d for _, d in steps) / span
    horizon = year - pts[-1][0]
    loc = math.log(pts[-1][1]) + mu * horizon
    m = len(steps)
    scale: float | None = None
    if m >= 2:
        var = sum((d - mu * h) ** 2 / h for h, d in steps) / (m - 1)
        scale = _clean(math.sqrt(var * (horizon + horizon**2 / span)))
    return Projection(
        year=year,
        loc=loc,
        scale=scale,
        df=max(m - 1, 1),
        kind=Scale.LOG_LEVEL,
        points=len(pts),
        drift_pct=math.expm1(mu) * 100.0,
    )


def project_average_growth(
    rates_pct: Sequence[tuple[int, float]], period: tuple[int, int]
) -> Projection | None:
    """Project the geometric-mean growth over ``period`` from the yearly rates known so far."""
    first, last = period
    n = last - first + 1
    known = [(y, r) for y, r in sorted(rates_pct) if first <= y <= last]
    if not known or any(r <= -100.0 for _, r in known):
        return None
    logs = [math.log1p(r / 100.0) for _, r in known]
    k = len(logs)
    mu = sum(logs) / k
    remaining = n - k
    loc = sum(logs) + remaining * mu
    scale: float | None = None
    if remaining == 0:
        scale = 0.0
    elif k >= 2:
        var = sum((x - mu) ** 2 for x in logs) / (k - 1)
        scale = _clean(math.sqrt(var * (remaining + remaining**2 / k)))
    return Projection(
        year=last,
        loc=loc,
        scale=scale,
        df=max(k - 1, 1),
        kind=Scale.MEAN_LOG_GROWTH,
        n=n,
        points=k,
        drift_pct=math.expm1(mu) * 100.0,
    )

"""One clause's cells in every area, and how they are judged (ClauseContext on arrays).

A :class:`ClauseCells` holds, per area, the verdict code, whether it is final, the
statistic judged and whether the cell must go to the reference path (``refer``). Its
judging methods are the rules of :func:`chitieu.core.compare.judge` and
:func:`chitieu.core.evaluation.pace.pace_status` on arrays; each also says where a
float is too close to a number it is compared with to decide.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from chitieu.core.compare import about_limits, better_side, threshold
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector.arrays import (
    ACH,
    EXC,
    NA,
    NED,
    OFF,
    ON,
    RISK,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
    near,
)
from chitieu.core.evaluation.vector.cube import Cube
from chitieu.core.model import BoundKind, Clause, Direction, Indicator, Resolution

__all__ = ["ClauseCells"]


class ClauseCells:
    """One clause judged in every area; the kind modules fill its cells."""

    def __init__(
        self,
        resolution: Resolution,
        clause: Clause,
        cube: Cube,
        as_of: int,
        settings: EvaluationSettings,
    ) -> None:
        self.resolution = resolution
        self.clause = clause
        self.cube = cube
        self.as_of = as_of
        self.settings = settings
        self.indicator: Indicator = resolution.indicator(clause.indicator)
        self.direction: Direction = self.indicator.direction
        s = better_side(clause.bound, self.direction)
        self.side = s if s != 0 else 1
        self.thr = threshold(clause.bound, self.direction)
        tol = clause.tolerance if clause.tolerance is not None else settings.about_tolerance_pct
        self.tolerance = tol
        n = cube.n
        self.verdict = np.full(n, NED, dtype=np.int8)
        self.final = np.zeros(n, dtype=bool)
        self.actual = np.full(n, np.nan)
        self.refer = np.zeros(n, dtype=bool)

    def judge(self, v: FloatArray, raw: BoolArray | None = None) -> tuple[CodeArray, BoolArray]:
        """compare.judge on an array: the verdict codes, and where it is a near tie that
        floats cannot decide (an exact tie of a ``raw`` figure is decided: equal is equal)."""
        b = self.clause.bound
        kind, low, high = b.kind, b.low, b.high
        if kind is BoundKind.ABOUT:
            low, high = about_limits(b, self.tolerance)
            kind = BoundKind.RANGE
        lo = None if low is None else float(low)
        hi = None if high is None else float(high)
        if raw is not None and not all(_short(d) for d in (low, high) if d is not None):
            raw = None
        return self._judge(v, kind, lo, hi, raw)

    def _judge(
        self,
        v: FloatArray,
        kind: BoundKind,
        lo: float | FloatArray | None,
        hi: float | FloatArray | None,
        raw: BoolArray | None = None,
    ) -> tuple[CodeArray, BoolArray]:
        """The rules of compare.judge; ``lo``/``hi`` may differ per area (growth)."""
        side = better_side(self.clause.bound, self.direction)  # ABOUT and RANGE agree
        out = np.full(v.shape, NA, dtype=np.int8)

        def tie(at: float | FloatArray) -> BoolArray:
            close = near(v, at)
            if raw is None:
                return close
            return np.asarray(close & ~(raw & (v == at)), dtype=bool)

        with np.errstate(invalid="ignore"):
            if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE, BoundKind.POINT):
                assert lo is not None
                if kind is BoundKind.AT_LEAST:
                    out[v > lo] = EXC
                    out[v == lo] = ACH
                elif kind is BoundKind.ABOVE:
                    out[v > lo] = ACH
                else:
                    if side != 0:
                        out[(v > lo) if side > 0 else (v < lo)] = EXC
                    out[v == lo] = ACH
                return out, tie(lo)
            if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
                assert hi is not None
                out[(v < hi) if kind is BoundKind.BELOW else (v <= hi)] = ACH
                return out, tie(hi)
            assert lo is not None and hi is not None
            above_lo, below_hi = v >= lo, v <= hi
            out[above_lo & below_hi] = ACH
            if side > 0:
                out[~below_hi] = EXC
            elif side < 0:
                out[~above_lo] = EXC
            return out, tie(lo) | tie(hi)

    def judge_growth(
        self, value: FloatArray, scale: FloatArray, years: IntArray
    ) -> tuple[CodeArray, BoolArray]:
        """ClauseContext.judge_growth: ``value`` against scale × (1 + g/100)^years."""
        b = self.clause.bound
        kind, low, high = b.kind, b.low, b.high
        if kind is BoundKind.ABOUT:
            low, high = about_limits(b, self.tolerance)
            kind = BoundKind.RANGE

        def grow(g: Decimal | None) -> FloatArray | None:
            if g is None:
                return None
            factor = max(0.0, 1 + float(g) / 100)
            with np.errstate(invalid="ignore", over="ignore"):
                return np.asarray(scale * factor ** years.astype(np.float64), dtype=np.float64)

        return self._judge(value, kind, grow(low), grow(high))

    def pace(self, ratio: FloatArray) -> tuple[CodeArray, BoolArray]:
        """pace_status on an array, and where the ratio is too close to a threshold."""
        r = np.round(ratio, 9)
        s = self.settings
        out = np.where(r >= s.on_track, ON, np.where(r >= s.at_risk, RISK, OFF)).astype(np.int8)
        tie = (np.abs(ratio - s.on_track) <= 2e-9) | (np.abs(ratio - s.at_risk) <= 2e-9)
        return out, tie | ~np.isfinite(ratio)

    @staticmethod
    def satisfied(codes: CodeArray) -> BoolArray:
        """Where a verdict code meets the bound (exceeded or achieved)."""
        return np.asarray((codes == EXC) | (codes == ACH), dtype=bool)

    def set(
        self, mask: BoolArray, verdict: CodeArray, final: bool, actual: FloatArray, tie: BoolArray
    ) -> None:
        """Record a final or pending verdict for the areas in ``mask``."""
        self.verdict[mask] = verdict[mask]
        self.final[mask] = final
        self.actual[mask] = actual[mask]
        self.refer |= mask & tie


def _short(d: Decimal) -> bool:
    """At most 15 significant digits: distinct such decimals are distinct doubles."""
    return len(d.as_tuple().digits) <= 15

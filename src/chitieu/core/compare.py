"""Comparing a figure with a bound: the final-verdict rules of DESIGN §3.

Comparisons are exact on the recorded values (Decimal); a miss is never rounded into
a hit. A figure qualified "hơn/trên" (more than) is strictly greater than its number,
so it beats an equal threshold; "dưới" (less than) likewise the other way.
"""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.model import Bound, BoundKind, Direction, Verdict
from chitieu.core.observations import Qualifier


def _cmp(x: Decimal, y: Decimal, qualifier: Qualifier) -> int:
    """Three-way compare that honours the figure's qualifier on ties."""
    if x > y:
        return 1
    if x < y:
        return -1
    if qualifier is Qualifier.MORE_THAN:
        return 1
    if qualifier is Qualifier.LESS_THAN:
        return -1
    return 0


def better_side(bound: Bound, direction: Direction) -> int:
    """+1 when larger figures are better for this clause, -1 when smaller, 0 if neither.

    One-sided bounds carry their own sense ("tối thiểu" wants more, "dưới" wants less);
    points, ranges and "khoảng" take the indicator's direction.
    """
    k = bound.kind
    if k in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        return 1
    if k in (BoundKind.BELOW, BoundKind.AT_MOST):
        return -1
    if direction is Direction.HIGHER:
        return 1
    if direction is Direction.LOWER:
        return -1
    return 0


def threshold(bound: Bound, direction: Direction) -> Decimal:
    """The value a figure must reach to count as achieved (the worse end of a range)."""
    side = better_side(bound, direction)
    if bound.kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        assert bound.low is not None
        return bound.low
    if bound.kind in (BoundKind.BELOW, BoundKind.AT_MOST):
        assert bound.high is not None
        return bound.high
    assert bound.low is not None
    assert bound.high is not None
    if bound.kind is BoundKind.RANGE:
        return bound.high if side < 0 else bound.low
    return bound.low


def about_limits(bound: Bound, tolerance_pct: Decimal) -> tuple[Decimal, Decimal]:
    assert bound.low is not None
    delta = abs(bound.low) * tolerance_pct / Decimal(100)
    return bound.low - delta, bound.low + delta


def judge(
    value: Decimal,
    bound: Bound,
    direction: Direction,
    qualifier: Qualifier = Qualifier.EXACT,
    tolerance_pct: Decimal = Decimal("5"),
) -> Verdict:
    """Final verdict of one figure against one bound."""
    k = bound.kind
    side = better_side(bound, direction)
    if k is BoundKind.AT_LEAST:
        assert bound.low is not None
        c = _cmp(value, bound.low, qualifier)
        return Verdict.EXCEEDED if c > 0 else Verdict.ACHIEVED if c == 0 else Verdict.NOT_ACHIEVED
    if k is BoundKind.ABOVE:
        assert bound.low is not None
        return Verdict.ACHIEVED if _cmp(value, bound.low, qualifier) > 0 else Verdict.NOT_ACHIEVED
    if k is BoundKind.BELOW:
        assert bound.high is not None
        return Verdict.ACHIEVED if _cmp(value, bound.high, qualifier) < 0 else Verdict.NOT_ACHIEVED
    if k is BoundKind.AT_MOST:
        assert bound.high is not None
        return Verdict.ACHIEVED if _cmp(value, bound.high, qualifier) <= 0 else Verdict.NOT_ACHIEVED
    if k is BoundKind.POINT:
        assert bound.low is not None
        c = _cmp(value, bound.low, qualifier)
        if c == 0:
            return Verdict.ACHIEVED
        if side == 0:
            return Verdict.NOT_ACHIEVED
        return Verdict.EXCEEDED if c == side else Verdict.NOT_ACHIEVED
    if k is BoundKind.RANGE:
        assert bound.low is not None
        assert bound.high is not None
        return _judge_band(value, bound.low, bound.high, side, qualifier)
    lo, hi = about_limits(bound, tolerance_pct)
    return _judge_band(value, lo, hi, side, qualifier)


def _judge_band(
    value: Decimal, lo: Decimal, hi: Decimal, side: int, qualifier: Qualifier
) -> Verdict:
    above_lo = _cmp(value, lo, qualifier) >= 0
    below_hi = _cmp(value, hi, qualifier) <= 0
    if above_lo and below_hi:
        return Verdict.ACHIEVED
    beyond_high = not below_hi
    if side > 0 and beyond_high:
        return Verdict.EXCEEDED
    if side < 0 and not above_lo:
        return Verdict.EXCEEDED
    return Verdict.NOT_ACHIEVED


def satisfied(verdict: Verdict) -> bool:
    return verdict in (Verdict.EXCEEDED, Verdict.ACHIEVED)

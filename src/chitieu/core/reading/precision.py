"""Arithmetic on figures as written: a figure is exact only to half a unit of its last
written digit, so anything computed from figures is an interval (point, low, high).

A ratio of two rounded figures is not exact either; a claim is consistent when the
interval of the recomputed value meets what the stated value allows.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from chitieu.core.reading.figures import Figure
from chitieu.core.reading.numerals import decimals
from chitieu.core.reading.unit_words import unit_of

__all__ = ["cagr", "divide", "interval", "scaled"]


def interval(figure: Figure) -> tuple[Decimal, Decimal]:
    """The figure as an interval: exact to half a unit of its last written digit."""
    half = Decimal(5) * Decimal(10) ** -(decimals(figure.number) + 1)
    return figure.value - half, figure.value + half


def _base(figure: Figure, value: Decimal) -> Decimal:
    unit = unit_of(figure.unit)
    return value * unit.scale if unit is not None else value


def divide(a: Figure, b: Figure) -> tuple[Decimal, Decimal, Decimal] | None:
    """a/b as (point, low, high), in base units; None when b can be zero."""
    a_lo, a_hi = interval(a)
    b_lo, b_hi = interval(b)
    if b_lo <= 0 or a_lo < 0:
        return None
    point = _base(a, a.value) / _base(b, b.value)
    low = _base(a, a_lo) / _base(b, b_hi)
    high = _base(a, a_hi) / _base(b, b_lo)
    return point, low, high


def scaled(
    result: tuple[Decimal, Decimal, Decimal] | None, factor: int, shift: int = 0
) -> tuple[Decimal, Decimal, Decimal] | None:
    """(point, low, high) × ``factor`` − ``shift``: a ratio as a percentage or a change."""
    if result is None:
        return None
    point, low, high = result
    return point * factor - shift, low * factor - shift, high * factor - shift


def cagr(
    ratio: tuple[Decimal, Decimal, Decimal] | None, years: int, decrease: bool
) -> tuple[Decimal, Decimal, Decimal] | None:
    """The average yearly growth (%) a ratio over ``years`` implies; negated for a fall."""
    if ratio is None or years <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        exponent = Decimal(1) / Decimal(years)
        values = [(r.ln() * exponent).exp() - 1 if r > 0 else Decimal(-1) for r in ratio]
    point, low, high = (v * 100 for v in values)
    if decrease:
        return -point, -high, -low
    return point, low, high

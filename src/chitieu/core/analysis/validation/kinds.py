"""What kind of quantity an indicator's figure is, as far as plausibility is concerned.

A rate of unemployment cannot be −3 % or 1.234,5 %, an investment cannot be −500 tỷ
đồng, a growth rate cannot fall below −100 %, a place in a ranking starts at 1. Which of
these limits applies is decided by the indicator's unit and measure, never by its code,
so that a new resolution's indicators are checked without anybody listing them.
"""

from __future__ import annotations

from enum import StrEnum

from chitieu.core.model import Indicator, Measure, Text
from chitieu.core.units import UnknownUnitError, parse_unit

__all__ = ["KIND_LABEL", "IndicatorKind", "kind_of"]

#: Base dimensions that are amounts: money, counts and physical quantities, never negative.
_AMOUNT_PREFIXES = ("currency:", "count:", "mass", "area", "length")
#: The dimension of people, as the denominator of a per-person figure.
_PEOPLE = "count:người"


class IndicatorKind(StrEnum):
    """The plausibility class of an indicator."""

    SHARE = "share"  # a rate or a share in %: between 0 and 100
    GROWTH = "growth"  # a yearly rate of change in %: above −100, near its own history
    AMOUNT = "amount"  # money, a count, an area, a mass: not negative
    PER_PERSON = "per_person"  # an amount per head: not negative, moves with its total
    RANK = "rank"  # a place in a ranking: a whole number from 1
    YEAR = "year"  # a calendar year (when a milestone is met)
    OTHER = "other"  # an index, a score, a unit the grammar does not read: no limit


KIND_LABEL = {
    IndicatorKind.SHARE: Text("tỷ lệ, tỷ trọng", "rate or share"),
    IndicatorKind.GROWTH: Text("tốc độ tăng", "growth rate"),
    IndicatorKind.AMOUNT: Text("số lượng, giá trị", "amount or count"),
    IndicatorKind.PER_PERSON: Text("bình quân đầu người", "per person"),
    IndicatorKind.RANK: Text("thứ hạng", "rank"),
    IndicatorKind.YEAR: Text("năm", "year"),
    IndicatorKind.OTHER: Text("chỉ số khác", "other"),
}


def kind_of(indicator: Indicator) -> IndicatorKind:
    """The kind of ``indicator``, read from its measure and the dimension of its unit."""
    if indicator.measure is Measure.GROWTH_RATE:
        return IndicatorKind.GROWTH
    try:
        unit = parse_unit(indicator.unit)
    except UnknownUnitError:
        return IndicatorKind.OTHER
    dims = dict(unit.dimension)
    if unit.per_year:
        return IndicatorKind.OTHER  # "%/năm" as a level: a rate of change, judged elsewhere
    if dims == {"percent": 1}:
        return IndicatorKind.SHARE
    if dims == {"rank": 1}:
        return IndicatorKind.RANK
    if dims == {"calendar_year": 1}:
        return IndicatorKind.YEAR
    numerator = [name for name, exp in dims.items() if exp > 0]
    denominator = [name for name, exp in dims.items() if exp < 0]
    amounts = numerator and all(name.startswith(_AMOUNT_PREFIXES) for name in numerator)
    if amounts and denominator == [_PEOPLE]:
        return IndicatorKind.PER_PERSON
    if amounts and not denominator:
        return IndicatorKind.AMOUNT
    return IndicatorKind.OTHER

"""Quantities: a value in a unit, read, converted, compared and written exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final

from chitieu.core.numbers import (
    ARITHMETIC_PRECISION,
    NumberFormatError,
    format_number,
    parse_number,
)
from chitieu.core.units.conversion import conversion_factor
from chitieu.core.units.grammar import (
    MAX_UNIT_LENGTH,
    Unit,
    as_unit,
    normalise_text,
    parse_unit,
    tidy,
)
from chitieu.core.units.labels import unit_label
from chitieu.core.units.rates import ExchangeRates

__all__ = ["Quantity", "format_quantity", "parse_quantity"]


_LEADING_NUMBER: Final = re.compile(r"[+\-\u2212]?[0-9][0-9.,]*")


@dataclass(frozen=True)
class Quantity:
    """A value in a unit, as written. Conversions and comparisons are exact.

    Equality (``==``) is structural (same value, same unit); use :meth:`compare` to ask
    whether two figures are the same amount ("578,5 nghìn tỷ đồng" vs "578.500 tỷ đồng").
    """

    value: Decimal
    unit: Unit

    def __post_init__(self) -> None:
        # A float here would already carry binary error; refuse it instead of hiding it.
        value: object = self.value
        if isinstance(value, bool | float) or not isinstance(value, Decimal | int):
            raise TypeError(f"Quantity value must be a Decimal or int, got {value!r}")
        if not isinstance(value, Decimal):
            object.__setattr__(self, "value", Decimal(value))
        if not self.value.is_finite():
            raise ValueError(f"Quantity value must be finite, got {value!r}")

    def __str__(self) -> str:
        return format_quantity(self)

    @property
    def base_value(self) -> Decimal:
        """The value in the dimension's base unit (đồng, người, m², …)."""
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            return tidy(self.value * self.unit.scale)

    def to(
        self, unit: Unit | str, rates: ExchangeRates | None = None, year: int | None = None
    ) -> Quantity:
        """The same amount in ``unit``; money changes currency only through ``rates``."""
        target = as_unit(unit)
        numerator, denominator = conversion_factor(self.unit, target, rates, year)
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            value = self.value * self.unit.scale * numerator / (denominator * target.scale)
            return Quantity(tidy(value), target)

    def compare(
        self, other: Quantity, rates: ExchangeRates | None = None, year: int | None = None
    ) -> int:
        """-1, 0 or 1 as ``self`` is less than, equal to or greater than ``other``.

        Compared in base units by multiplication only (an exchange rate is applied as a
        fraction), so no rounded division can turn a miss into a hit.
        """
        numerator, denominator = conversion_factor(
            other.unit, self.unit, rates, year, shown=(self.unit, other.unit)
        )
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION * 2
            mine = self.value * self.unit.scale * denominator
            theirs = other.value * other.unit.scale * numerator
        return (mine > theirs) - (mine < theirs)


def parse_quantity(text: str) -> Quantity:
    """Read "1.500 nghìn tỷ đồng", "16%/năm", "16 bác sĩ/10.000 dân" into value and unit.

    The number is read in vi-VN format (:func:`~chitieu.core.numbers.parse_number`); a
    bad number raises :class:`~chitieu.core.numbers.NumberFormatError`, a bad unit
    :class:`UnknownUnitError` (both are ``ValueError``).
    """
    if len(text) > MAX_UNIT_LENGTH * 2:
        raise NumberFormatError(text, "quá dài (too long)")
    normal = normalise_text(text).strip()
    match = _LEADING_NUMBER.match(normal)
    if match is None:
        raise NumberFormatError(text, "không bắt đầu bằng số (does not start with a number)")
    value = parse_number(match.group())
    return Quantity(value, parse_unit(normal[match.end() :]))


def format_quantity(q: Quantity, lang: str = "vi", decimals: int | None = None) -> str:
    """Write a quantity for people: "1.500 nghìn tỷ đồng", "16%/năm", "1,500 trillion VND".

    A percent sign is attached to the number, as Vietnamese reports print it.
    """
    number = format_number(q.value, decimals=decimals, lang=lang)
    label = unit_label(q.unit, lang)
    if not label:
        return number
    return f"{number}{label}" if label.startswith("%") else f"{number} {label}"

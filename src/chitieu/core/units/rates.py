"""Currencies and exchange rates: money converts only through a rate the caller gives.

Currency conversions are data, not constants: the rate of the year of a figure differs
from today's, and an evaluation must say which rate it used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import Final, TypeAlias

from chitieu.core.numbers import ARITHMETIC_PRECISION, parse_machine_number
from chitieu.core.units.catalogue import BASE_UNITS, CURRENCY_PREFIX
from chitieu.core.units.grammar import Unit, UnknownUnitError, lookup_key, normalise_text, tidy

__all__ = ["ExchangeRates", "RateKey", "currency_code", "currency_name"]


_CURRENCY_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        alias: row.dimension.removeprefix(CURRENCY_PREFIX)
        for alias, row in BASE_UNITS.items()
        if row.dimension.startswith(CURRENCY_PREFIX)
    }
)


def currency_code(name: str) -> str:
    """ "USD", "đồng", "VND" → the code of the currency they name."""
    code = _CURRENCY_CODES.get(lookup_key(normalise_text(name)))
    if code is None:
        raise UnknownUnitError(name, reason="không phải tiền tệ (not a currency)")
    return code


RateKey: TypeAlias = tuple[str, str, int | None]


@dataclass(frozen=True)
class ExchangeRates:
    """Rates between currencies, optionally per year.

    Currency conversions are data, not constants: the rate of the year of a figure differs
    from today's, and an evaluation must say which rate it used. Currencies are named as
    units are ("USD", "đồng", "VND").
    """

    entries: tuple[tuple[str, str, int | None, Decimal], ...] = ()

    def __post_init__(self) -> None:
        canonical = []
        for from_cur, to_cur, year, rate in self.entries:
            value = Decimal(rate)
            if not value.is_finite() or value <= 0:
                raise ValueError(f"exchange rate must be positive, got {rate!r}")
            canonical.append((currency_code(from_cur), currency_code(to_cur), year, value))
        object.__setattr__(self, "entries", tuple(canonical))

    @classmethod
    def of(
        cls, rates: Mapping[tuple[str, str], Decimal | int | str], year: int | None = None
    ) -> ExchangeRates:
        """Build from ``{("USD", "đồng"): Decimal("23000")}``; strings are machine format."""
        return cls(
            tuple(
                (a, b, year, parse_machine_number(r) if isinstance(r, str) else Decimal(r))
                for (a, b), r in rates.items()
            )
        )

    def with_rate(
        self, from_cur: str, to_cur: str, rate: Decimal | int | str, year: int | None = None
    ) -> ExchangeRates:
        value = parse_machine_number(rate) if isinstance(rate, str) else Decimal(rate)
        return ExchangeRates((*self.entries, (from_cur, to_cur, year, value)))

    def _lookup(self) -> dict[RateKey, Decimal]:
        return {(a, b, y): r for a, b, y, r in self.entries}

    def ratio(
        self, from_cur: str, to_cur: str, year: int | None = None
    ) -> tuple[Decimal, Decimal] | None:
        """The rate as an exact fraction ``(numerator, denominator)``; ``None`` when unknown.

        Conversions multiply by the numerator and divide by the denominator, so a rate
        known only in the opposite direction never goes through a rounded inverse.
        """
        a, b = currency_code(from_cur), currency_code(to_cur)
        if a == b:
            return Decimal(1), Decimal(1)
        table = self._lookup()
        years: tuple[int | None, ...] = (None,) if year is None else (year, None)
        for y in years:
            if (a, b, y) in table:
                return table[(a, b, y)], Decimal(1)
            if (b, a, y) in table:
                return Decimal(1), table[(b, a, y)]
        return None

    def rate(self, from_cur: str, to_cur: str, year: int | None = None) -> Decimal | None:
        """Units of ``to_cur`` per one ``from_cur``; ``None`` when unknown.

        A rate for the exact year wins over a year-less one; the inverse of the opposite
        direction is used when only that is known. With ``year=None`` only year-less rates
        apply, so a yearly table is never applied to the wrong year by accident.
        """
        fraction = self.ratio(from_cur, to_cur, year)
        if fraction is None:
            return None
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            return tidy(fraction[0] / fraction[1])


_CURRENCY_BASE_TEXT: Final[Mapping[str, str]] = MappingProxyType(
    {
        row.dimension.removeprefix(CURRENCY_PREFIX): row.base_text
        for row in BASE_UNITS.values()
        if row.dimension.startswith(CURRENCY_PREFIX)
    }
)


def currency_name(unit: Unit) -> str:
    """The currency of a money unit as written in Vietnamese (messages, rate look-ups)."""
    code = unit.currency
    return _CURRENCY_BASE_TEXT.get(code, code) if code is not None else unit.base_text

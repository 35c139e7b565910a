"""Which units convert into which, and by what exact factor.

Units of one dimension convert by their scales; money of different currencies converts
only through an exchange rate; anything else cannot be compared and says so, in both
languages, naming the units as the reader wrote them.
"""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.units.catalogue import CURRENCY_PREFIX
from chitieu.core.units.grammar import Unit, as_unit
from chitieu.core.units.rates import ExchangeRates, currency_name

__all__ = ["IncompatibleUnitsError", "conversion_factor", "convertible_with_rate", "uses_rate"]


class IncompatibleUnitsError(ValueError):
    """Two units that cannot be converted into each other (with the rates at hand)."""

    def __init__(self, source: Unit, target: Unit, message: str) -> None:
        self.source = source
        self.target = target
        super().__init__(message)


def convertible_with_rate(a: Unit | str, b: Unit | str) -> bool:
    """Whether ``a`` and ``b`` differ only by currency ("triệu đồng/người" vs "USD/người").

    Such figures are kept as reported and converted when an exchange rate is given.
    """
    ua, ub = as_unit(a), as_unit(b)
    if ua.dimension == ub.dimension:
        return True
    try:
        conversion_factor(ua, ub, None, None)
    except IncompatibleUnitsError as exc:
        return "tỷ giá" in str(exc)
    return True


def uses_rate(a: Unit | str, b: Unit | str) -> bool:
    """Whether converting ``a`` to ``b`` needs an exchange rate."""
    ua, ub = as_unit(a), as_unit(b)
    return ua.dimension != ub.dimension and convertible_with_rate(ua, ub)


def conversion_factor(
    source: Unit,
    target: Unit,
    rates: ExchangeRates | None,
    year: int | None,
    shown: tuple[Unit, Unit] | None = None,
) -> tuple[Decimal, Decimal]:
    """The factor, as (numerator, denominator), from ``source``'s base unit to ``target``'s
    (through an exchange rate if needed).

    ``shown`` orders the units in error messages as the caller's user sees them.
    """
    if source.dimension == target.dimension:
        return Decimal(1), Decimal(1)
    first, second = shown or (source, target)
    src, dst = dict(source.dimension), dict(target.dimension)
    src_cur = [k for k in src if k.startswith(CURRENCY_PREFIX)]
    dst_cur = [k for k in dst if k.startswith(CURRENCY_PREFIX)]
    same_shape = (
        len(src_cur) == 1
        and len(dst_cur) == 1
        and src[src_cur[0]] == dst[dst_cur[0]]
        and {k: v for k, v in src.items() if k != src_cur[0]}
        == {k: v for k, v in dst.items() if k != dst_cur[0]}
    )
    if not same_shape:
        raise IncompatibleUnitsError(
            first,
            second,
            f"Không thể so sánh {first.text!r} với {second.text!r}: khác loại đơn vị "
            f"(cannot convert {first.base_text or 'a number'} to "
            f"{second.base_text or 'a number'}: different dimensions)",
        )
    fraction = None
    if rates is not None:
        fraction = rates.ratio(currency_name(source), currency_name(target), year)
    if fraction is None:
        when = "" if year is None else f" năm {year}"
        when_en = "" if year is None else f" for {year}"
        raise IncompatibleUnitsError(
            first,
            second,
            f"Không thể so sánh {first.text!r} với {second.text!r} khi chưa có tỷ giá{when} "
            f"(cannot convert {currency_name(first)} to {currency_name(second)} "
            f"without an exchange rate{when_en})",
        )
    # A currency in a denominator ("người/USD") converts the other way round.
    exponent = src[src_cur[0]]
    numerator, denominator = fraction if exponent > 0 else (fraction[1], fraction[0])
    return numerator ** abs(exponent), denominator ** abs(exponent)

"""Exchange rates: by year, in either direction, never applied to the wrong year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.units.conversion import IncompatibleUnitsError
from chitieu.core.units.grammar import UnknownUnitError
from chitieu.core.units.quantity import Quantity, parse_quantity
from chitieu.core.units.rates import ExchangeRates


def q(text: str) -> Quantity:
    return parse_quantity(text)


def test_exchange_rates_by_year() -> None:
    rates = ExchangeRates.of({("USD", "đồng"): 23000}, year=2020).with_rate(
        "USD", "VND", "24500", year=2024
    )
    assert rates.rate("USD", "đồng", 2020) == 23000
    assert rates.rate("USD", "đồng", 2024) == 24500
    assert rates.rate("USD", "đồng", 2021) is None
    assert rates.rate("USD", "đồng") is None  # never a yearly rate for an unknown year
    assert rates.ratio("đồng", "USD", 2020) == (Decimal(1), Decimal(23000))
    inverse = rates.rate("đồng", "USD", 2020)
    assert inverse is not None
    assert abs(inverse * 23000 - 1) < Decimal("1e-70")
    assert rates.rate("USD", "USD") == 1
    with pytest.raises(IncompatibleUnitsError, match="2021"):
        q("1 USD").to("đồng", rates, year=2021)
    assert q("1 USD").to("đồng", rates, year=2024).value == 24500
    generic = rates.with_rate("USD", "đồng", 23500)
    assert generic.rate("USD", "đồng", 2021) == 23500
    assert generic.rate("USD", "đồng", 2020) == 23000
    with pytest.raises(ValueError, match="positive"):
        ExchangeRates.of({("USD", "đồng"): 0})
    with pytest.raises(UnknownUnitError):
        ExchangeRates.of({("EUR", "đồng"): 1})

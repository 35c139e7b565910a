"""Conversions: other dimensions are refused; money needs an exchange rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.units.conversion import IncompatibleUnitsError
from chitieu.core.units.quantity import Quantity, parse_quantity
from chitieu.core.units.rates import ExchangeRates


def q(text: str) -> Quantity:
    return parse_quantity(text)


def test_incompatible_conversion_raises() -> None:
    with pytest.raises(IncompatibleUnitsError, match="tấn"):
        q("1 tấn").to("ha")
    with pytest.raises(IncompatibleUnitsError):
        q("1 doanh nghiệp").compare(q("1 dự án"))


def test_currency_needs_exchange_rate() -> None:
    usd, vnd = q("35 tỷ USD"), q("805 nghìn tỷ đồng")
    with pytest.raises(IncompatibleUnitsError) as info:
        usd.compare(vnd)
    message = str(info.value)
    assert "'tỷ USD'" in message
    assert "'nghìn tỷ đồng'" in message
    assert "tỷ giá" in message
    assert "exchange rate" in message
    assert message.index("tỷ USD") < message.index("nghìn tỷ đồng")
    with pytest.raises(IncompatibleUnitsError):
        usd.to("tỷ đồng")

    rates = ExchangeRates.of({("USD", "đồng"): Decimal("23000")})
    assert usd.to("nghìn tỷ đồng", rates).value == 805
    assert usd.compare(vnd, rates) == 0
    # the inverse direction divides exactly instead of multiplying by a rounded 1/23000
    assert vnd.to("tỷ USD", rates).value == 35
    assert vnd.compare(usd, rates) == 0
    assert q("1 đồng").compare(q("1 USD"), rates) == -1


def test_currency_per_person() -> None:
    rates = ExchangeRates.of({("USD", "VND"): 23000})
    assert q("6.196 USD/người").to("triệu đồng/người", rates).value == Decimal("142.508")
    with pytest.raises(IncompatibleUnitsError):
        q("6.196 USD/người").to("triệu đồng", rates)

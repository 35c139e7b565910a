"""Arithmetic on figures as written: every result is an interval around its point."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.reading.figures import Figure
from chitieu.core.reading.precision import cagr, divide, interval, scaled


def fig(number: str, unit: str = "tỷ đồng") -> Figure:
    value = Decimal(number.replace(".", "").replace(",", "."))
    return Figure(0, len(number), number, value, unit)


def test_a_figure_is_exact_to_half_a_unit_of_its_last_digit() -> None:
    assert interval(fig("14,3")) == (Decimal("14.25"), Decimal("14.35"))
    assert interval(fig("1.500")) == (Decimal("1499.5"), Decimal("1500.5"))


def test_a_ratio_of_rounded_figures_is_an_interval_in_base_units() -> None:
    result = divide(fig("200"), fig("100", "tỷ đồng"))
    assert result is not None
    point, low, high = result
    assert point == 2
    assert low < point < high
    thousandfold = divide(fig("200", "nghìn tỷ đồng"), fig("100"))
    assert thousandfold is not None
    assert thousandfold[0] == 2000


def test_a_denominator_that_may_be_zero_gives_no_ratio() -> None:
    assert divide(fig("5"), fig("0")) is None


def test_scaling_and_average_growth_keep_the_interval_ordered() -> None:
    ratio = (Decimal(2), Decimal("1.9"), Decimal("2.1"))
    assert scaled(ratio, 100, 100) == (Decimal(100), Decimal(90), Decimal(110))
    growth = cagr(ratio, 5, decrease=False)
    assert growth is not None
    assert abs(growth[0] - Decimal("14.8698")) < Decimal("0.0001")
    assert growth[1] < growth[0] < growth[2]
    fall = cagr(ratio, 5, decrease=True)
    assert fall == (-growth[0], -growth[2], -growth[1])
    assert cagr(ratio, 0, decrease=False) is None

"""Quantities: reading, exact conversion and comparison across scales (DESIGN §4)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import NumberFormatError
from chitieu.core.units.grammar import UnknownUnitError, parse_unit
from chitieu.core.units.quantity import Quantity, format_quantity, parse_quantity


def q(text: str) -> Quantity:
    return parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "value", "unit", "base"),
    [
        ("1.500 nghìn tỷ đồng", "1500", "nghìn tỷ đồng", "1.5e15"),
        ("35 tỷ USD", "35", "tỷ USD", "3.5e10"),
        ("16%/năm", "16", "%/năm", "16"),
        ("16 %", "16", "%", "16"),
        ("5,58 vạn lượt lao động/năm", "5.58", "vạn lượt lao động/năm", "55800"),
        ("16 bác sĩ/10.000 dân", "16", "bác sĩ/10.000 dân", "0.0016"),
        ("131.314 tỷ đồng", "131314", "tỷ đồng", "1.31314e14"),
        ("-0,73 %/năm", "-0.73", "%/năm", "-0.73"),
        ("6.418 ha", "6418", "ha", "64180000"),
    ],
)
def test_parse_quantity(text: str, value: str, unit: str, base: str) -> None:
    quantity = parse_quantity(text)
    assert quantity.value == Decimal(value)
    assert quantity.unit.text == unit
    assert quantity.base_value == Decimal(base)


def test_parse_quantity_errors() -> None:
    with pytest.raises(NumberFormatError):
        parse_quantity("12.38 %")
    with pytest.raises(NumberFormatError):
        parse_quantity("tỷ đồng")
    with pytest.raises(UnknownUnitError):
        parse_quantity("12 quả táo")


def test_issue_comparisons() -> None:
    assert q("578,5 nghìn tỷ đồng").compare(q("440 nghìn tỷ đồng")) == 1
    assert q("578,5 nghìn tỷ đồng").compare(q("440.000 tỷ đồng")) == 1
    assert q("440.000 tỷ đồng").compare(q("578,5 nghìn tỷ đồng")) == -1
    assert q("578.500 tỷ đồng").compare(q("578,5 nghìn tỷ đồng")) == 0
    # a value in "tỷ đồng" against a target in "nghìn tỷ đồng"
    target = q("1.500 nghìn tỷ đồng")
    assert q("1.499.999,999 tỷ đồng").compare(target) == -1
    assert q("1.500.000 tỷ đồng").compare(target) == 0


def test_conversion_is_exact() -> None:
    assert q("578,5 nghìn tỷ đồng").to("tỷ đồng") == Quantity(
        Decimal("578500"), parse_unit("tỷ đồng")
    )
    assert str(q("578,5 nghìn tỷ đồng").to("tỷ đồng")) == "578.500 tỷ đồng"
    assert q("440.000 tỷ đồng").to("nghìn tỷ đồng").value == 440
    assert q("16 bác sĩ/vạn dân").to("bác sĩ/người").value == Decimal("0.0016")
    assert q("3 %/năm").to("%").value == 3
    # no float error: 0.1 + 0.2 style sums stay exact
    total = sum((q(t).to("đồng").value for t in ["0,1 đồng", "0,2 đồng"]), Decimal(0))
    assert total == Decimal("0.3")


@pytest.mark.parametrize(
    ("text", "lang", "decimals", "expected"),
    [
        ("16%/năm", "vi", None, "16%/năm"),
        ("16 %", "vi", None, "16%"),
        ("1.500 nghìn tỷ đồng", "vi", None, "1.500 nghìn tỷ đồng"),
        ("1.500 nghìn tỷ đồng", "en", None, "1,500 trillion VND"),
        ("14,94 %/năm", "en", None, "14.94%/year"),
        ("14,94 %/năm", "vi", 1, "14,9%/năm"),
        ("2,5 điểm %", "vi", None, "2,5 điểm %"),
        ("16 bác sĩ/vạn dân", "en", None, "16 doctors/10,000 people"),
    ],
)
def test_format_quantity(text: str, lang: str, decimals: int | None, expected: str) -> None:
    assert format_quantity(parse_quantity(text), lang=lang, decimals=decimals) == expected


_values = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False)
_scaled = st.sampled_from(["đồng", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng", "triệu tỷ đồng"])


@given(_values, _scaled, _scaled)
def test_conversion_round_trip_is_exact(value: Decimal, a: str, b: str) -> None:
    original = Quantity(value, parse_unit(a))
    converted = original.to(b)
    assert converted.compare(original) == 0
    assert converted.to(a).value == value
    assert converted.base_value == original.base_value


@given(_values, _values, _scaled, _scaled)
def test_compare_agrees_with_base_values(x: Decimal, y: Decimal, a: str, b: str) -> None:
    qa, qb = Quantity(x, parse_unit(a)), Quantity(y, parse_unit(b))
    expected = (qa.base_value > qb.base_value) - (qa.base_value < qb.base_value)
    assert qa.compare(qb) == expected
    assert qb.compare(qa) == -expected


@given(st.text(max_size=80))
def test_parse_quantity_raises_only_value_errors(text: str) -> None:
    with contextlib.suppress(NumberFormatError, UnknownUnitError):
        parse_quantity(text)


def test_quantity_values_are_exact_decimals() -> None:
    assert Quantity(5, parse_unit("tấn")).value == Decimal(5)  # type: ignore[arg-type]
    assert isinstance(Quantity(5, parse_unit("tấn")).value, Decimal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Quantity(0.1, parse_unit("tấn"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        Quantity(Decimal("NaN"), parse_unit("tấn"))

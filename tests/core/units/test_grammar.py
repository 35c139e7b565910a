"""The unit grammar: spellings, scales, dimensions and what it refuses (DESIGN §4)."""

from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.units.grammar import DIMENSIONLESS, UnknownUnitError, compatible, parse_unit
from chitieu.core.units.quantity import Quantity, format_quantity, parse_quantity

REQUIRED_UNITS = [
    "%", "%/năm", "điểm %", "đồng", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng", "triệu tỷ đồng",
    "USD", "triệu USD", "tỷ USD", "USD/người", "triệu USD/năm", "tấn", "triệu tấn", "ha", "km",
    "m2", "m²", "lượt", "triệu lượt", "nghìn lượt", "lượt khách", "triệu lượt khách",
    "lượt lao động", "vạn lượt lao động/năm", "người", "dân", "lao động", "đảng viên",
    "tổ chức", "tổ chức đảng", "xã", "huyện", "hộ", "bến", "khu", "khu công nghiệp", "cụm",
    "cụm công nghiệp", "doanh nghiệp", "dự án", "thị trường", "bác sĩ/vạn dân",
    "giường bệnh/vạn dân", "tuổi", "năm", "hạng", "bậc", "triệu đồng/người/năm",
    "triệu đồng/lao động", "triệu đồng/tháng",
]  # fmt: skip


def q(text: str) -> Quantity:
    return parse_quantity(text)


@pytest.mark.parametrize("text", REQUIRED_UNITS)
def test_required_units_parse(text: str) -> None:
    unit = parse_unit(text)
    assert str(unit) == text
    assert unit.scale > 0
    assert unicodedata.is_normalized("NFC", unit.base_text)


@pytest.mark.parametrize(
    ("text", "scale", "base_text", "per_year"),
    [
        ("đồng", "1", "đồng", False),
        ("triệu đồng", "1e6", "đồng", False),
        ("tỷ đồng", "1e9", "đồng", False),
        ("nghìn tỷ đồng", "1e12", "đồng", False),
        ("ngàn tỷ đồng", "1e12", "đồng", False),
        ("triệu tỷ đồng", "1e15", "đồng", False),
        ("tỷ USD", "1e9", "USD", False),
        ("triệu USD/năm", "1e6", "USD", True),
        ("%/năm", "1", "%", True),
        ("ha", "1e4", "m²", False),
        ("km", "1000", "m", False),
        ("bác sĩ/vạn dân", "1e-4", "bác sĩ/người", False),
        ("vạn lượt lao động/năm", "1e4", "lượt lao động", True),
        ("triệu đồng/người/năm", "1e6", "đồng/người", True),
    ],
)
def test_unit_scale_and_base(text: str, scale: str, base_text: str, per_year: bool) -> None:
    unit = parse_unit(text)
    assert unit.scale == Decimal(scale)
    assert unit.base_text == base_text
    assert unit.per_year is per_year


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("bác sĩ/vạn dân", "bác sĩ/10.000 dân"),
        ("tỉ đồng", "tỷ đồng"),
        ("nghìn tỉ đồng", "ngàn tỷ đồng"),
        ("lượt khách du lịch", "lượt khách"),
        ("m2", "m²"),
        ("hạng", "bậc"),
        ("VND", "đồng"),
        ("điểm phần trăm", "điểm %"),
        ("% / năm", "%/năm"),
        ("giường bệnh / vạn  dân", "giường bệnh/vạn dân"),
        ("Tỷ USD", "tỷ USD"),
    ],
)
def test_equivalent_spellings_are_equal(a: str, b: str) -> None:
    assert parse_unit(a) == parse_unit(b)
    assert hash(parse_unit(a)) == hash(parse_unit(b))


def test_nfd_input_parses() -> None:
    nfd = unicodedata.normalize("NFD", "1.500 nghìn tỷ đồng")
    assert nfd != "1.500 nghìn tỷ đồng"
    quantity = parse_quantity(nfd)
    assert quantity.unit.text == "nghìn tỷ đồng"
    assert unicodedata.is_normalized("NFC", quantity.unit.text)
    assert parse_unit(unicodedata.normalize("NFD", "bác sĩ/vạn dân")) == parse_unit(
        "bác sĩ/vạn dân"
    )


def test_percent_dimensions() -> None:
    assert compatible("%", "%/năm")
    assert not compatible("%", "điểm %")
    assert compatible("lượt lao động/năm", "lượt lao động")
    assert q("2,23 lần").compare(q("223 %")) == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("doanh nghiệp", "dự án"),
        ("tấn", "ha"),
        ("lượt", "lượt khách"),
        ("khu", "khu công nghiệp"),
        ("tổ chức", "tổ chức đảng"),
        ("người", "lao động"),
        ("năm", "tuổi"),
        ("USD", "đồng"),
        ("triệu đồng/tháng", "triệu đồng/năm"),
        ("USD/người", "USD"),
        ("%", ""),
    ],
)
def test_distinct_dimensions(a: str, b: str) -> None:
    assert not compatible(a, b)


@pytest.mark.parametrize(
    "text", ["xyz", "tỷ abc", "đồng/", "/năm", "bác sĩ/vạn", "tấn/5 năm", "1.5 tấn", "x" * 500]
)
def test_unknown_units_raise(text: str) -> None:
    with pytest.raises(UnknownUnitError):
        parse_unit(text)


def test_unknown_unit_message_names_the_text() -> None:
    with pytest.raises(UnknownUnitError, match="tỷ gạo"):
        parse_unit("tỷ gạo")
    with pytest.raises(UnknownUnitError, match="xyz"):
        parse_unit("xyz")


def test_empty_unit_is_dimensionless() -> None:
    assert parse_unit("") == DIMENSIONLESS
    assert parse_unit("  ") == DIMENSIONLESS
    assert parse_quantity("12").unit == DIMENSIONLESS
    assert format_quantity(parse_quantity("12")) == "12"


@given(st.text(max_size=80))
def test_parse_unit_raises_only_unknown_unit(text: str) -> None:
    with contextlib.suppress(UnknownUnitError):
        parse_unit(text)

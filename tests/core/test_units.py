"""Units, quantities and exact comparison across scales (DESIGN §4)."""

from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import NumberFormatError
from chitieu.core.units import (
    BASE_UNITS,
    DIMENSIONLESS,
    ExchangeRates,
    IncompatibleUnitsError,
    Quantity,
    Unit,
    UnknownUnitError,
    compatible,
    format_quantity,
    parse_quantity,
    parse_unit,
    unit_label,
)

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


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("tỷ đồng", "billion VND"),
        ("nghìn tỷ đồng", "trillion VND"),
        ("tỷ USD", "billion USD"),
        ("triệu tấn", "million tonnes"),
        ("triệu lượt", "million visits"),
        ("%/năm", "%/year"),
        ("USD/người", "USD/person"),
        ("bác sĩ/vạn dân", "doctors/10,000 people"),
        ("triệu đồng/người/năm", "million VND/person/year"),
        ("điểm %", "percentage points"),
    ],
)
def test_unit_label_en(text: str, label: str) -> None:
    assert unit_label(parse_unit(text), "en") == label
    assert unit_label(text, "vi") == text


def test_unit_label_falls_back_to_vietnamese() -> None:
    handmade = Unit(
        text="chỉ tiêu", scale=Decimal(1), dimension=(("count:chỉ tiêu", 1),), per_year=False,
        base_text="chỉ tiêu",
    )  # fmt: skip
    assert unit_label(handmade, "en") == "chỉ tiêu"


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


def test_base_unit_table_is_nfc_and_casefolded() -> None:
    for key, row in BASE_UNITS.items():
        assert unicodedata.is_normalized("NFC", key)
        assert key == key.casefold()
        assert unicodedata.is_normalized("NFC", row.base_text)


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


@given(st.text(max_size=80))
def test_parse_unit_raises_only_unknown_unit(text: str) -> None:
    with contextlib.suppress(UnknownUnitError):
        parse_unit(text)


def test_quantity_values_are_exact_decimals() -> None:
    assert Quantity(5, parse_unit("tấn")).value == Decimal(5)  # type: ignore[arg-type]
    assert isinstance(Quantity(5, parse_unit("tấn")).value, Decimal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Quantity(0.1, parse_unit("tấn"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        Quantity(Decimal("NaN"), parse_unit("tấn"))

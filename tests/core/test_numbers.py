"""Vietnamese and machine number formats (DESIGN §4)."""

from __future__ import annotations

import contextlib
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import (
    SCALE_WORDS,
    NumberFormatError,
    format_number,
    parse_machine_number,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("131.314", "131314"),
        ("14,94", "14.94"),
        ("1.234,5", "1234.5"),
        ("-3,2", "-3.2"),
        ("0,73", "0.73"),
        ("2.446", "2446"),
        ("12", "12"),
        ("1.500", "1500"),
        ("1.500.000", "1500000"),
        ("131314", "131314"),
        ("03", "3"),
        ("+5", "5"),
        ("\u22125,5", "-5.5"),  # U+2212 MINUS SIGN
        ("  2.446 ", "2446"),
        ("\u00a01.500\u00a0", "1500"),  # NBSP around
        ("\u200b16\ufeff", "16"),
    ],
)
def test_parse_number_vi(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12.38",  # ambiguous: English decimal or a malformed group
        "1.5",
        "1.23.4",
        "1.2345",
        "0.500",
        "1,2,3",
        "1,",
        ",5",
        "1..000",
        "-",
        "+-1",
        "1 500",
        "1e5",
        "NaN",
        "Infinity",
        "١٢",  # Arabic-Indic digits: Decimal() would accept them
        "1" * 65,
        "12%",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_error_names_the_text() -> None:
    with pytest.raises(NumberFormatError, match=r"12\.38"):
        parse_number("12.38")
    with pytest.raises(ValueError, match="abc"):
        parse_number("abc")


def test_long_adversarial_input_is_rejected_quickly() -> None:
    with pytest.raises(NumberFormatError):
        parse_number("1." * 1_000_000 + "x")
    with pytest.raises(NumberFormatError):
        parse_machine_number("9" * 1_000_000)


def test_parse_number_en() -> None:
    assert parse_number("1,234.5", lang="en") == Decimal("1234.5")
    assert parse_number("131,314", lang="en") == Decimal("131314")
    with pytest.raises(NumberFormatError):
        parse_number("1.234,5", lang="en")
    with pytest.raises(ValueError, match="language"):
        parse_number("1", lang="fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.38", "12.38"), ("445995", "445995"), ("-0.5", "-0.5"), ("0", "0"), (" 7 ", "7")],
)
def test_parse_machine_number(text: str, expected: str) -> None:
    assert parse_machine_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,5", "1.234,5", "1.", ".5", "", "1e3", "x"])
def test_parse_machine_number_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_machine_number(text)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (Decimal("14.940"), None, "vi", "14,94"),
        (Decimal("131314"), None, "vi", "131.314"),
        (Decimal("1234.5"), None, "vi", "1.234,5"),
        (Decimal("1234.5"), None, "en", "1,234.5"),
        (Decimal("1E+3"), None, "vi", "1.000"),
        (Decimal("-3.2"), None, "vi", "-3,2"),
        (Decimal("2.345"), 2, "vi", "2,35"),  # half up, not half even
        (Decimal("2.325"), 2, "vi", "2,33"),
        (Decimal("0.125"), 2, "en", "0.13"),
        (Decimal("14.94"), 0, "vi", "15"),
        (Decimal("5"), 2, "vi", "5,00"),
        (Decimal("-0.001"), 2, "vi", "0,00"),  # no "-0"
        (1500, None, "vi", "1.500"),
        (2 / 3, None, "vi", "0,67"),
        (0.1 + 0.2, None, "en", "0.3"),
        (12.0, None, "vi", "12"),
        (12.3456, 3, "vi", "12,346"),
    ],
)
def test_format_number(
    value: Decimal | int | float, decimals: int | None, lang: str, expected: str
) -> None:
    assert format_number(value, decimals=decimals, lang=lang) == expected


def test_format_number_large_values_keep_every_digit() -> None:
    value = Decimal("123456789012345678901234567890.123")
    assert format_number(value) == "123.456.789.012.345.678.901.234.567.890,123"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_format_number_rejects_non_finite(value: Decimal | float) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        format_number(value)


def test_scale_words() -> None:
    assert SCALE_WORDS["nghìn"] == SCALE_WORDS["ngàn"] == 1000
    assert SCALE_WORDS["vạn"] == 10_000
    assert SCALE_WORDS["triệu"] == 10**6
    assert SCALE_WORDS["tỷ"] == SCALE_WORDS["tỉ"] == 10**9
    assert SCALE_WORDS["nghìn tỷ"] == SCALE_WORDS["ngàn tỷ"] == 10**12
    assert SCALE_WORDS["triệu tỷ"] == 10**15
    assert all(unicodedata.is_normalized("NFC", word) for word in SCALE_WORDS)
    with pytest.raises(TypeError):
        SCALE_WORDS["x"] = Decimal(1)  # type: ignore[index]


_decimals = st.decimals(
    min_value=Decimal("-1e18"), max_value=Decimal("1e18"), places=6, allow_nan=False
)


@given(_decimals)
def test_round_trip_vi(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


@given(_decimals)
def test_round_trip_en(value: Decimal) -> None:
    assert parse_number(format_number(value, lang="en"), lang="en") == value


@given(_decimals)
def test_round_trip_machine(value: Decimal) -> None:
    assert parse_machine_number(format(value.normalize(), "f")) == value


@given(st.text())
def test_parse_number_never_crashes(text: str) -> None:
    with contextlib.suppress(NumberFormatError):
        parse_number(text)


@given(st.text(alphabet="0123456789.,+-−  ", max_size=40))
def test_parse_number_on_number_like_text(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberFormatError:
        return
    assert value.is_finite()


@given(st.text())
def test_parse_machine_number_never_crashes(text: str) -> None:
    with contextlib.suppress(NumberFormatError):
        parse_machine_number(text)

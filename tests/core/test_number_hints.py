"""A number that was not read is explained in one sentence, with the likely slip."""

from __future__ import annotations

import pytest

from chitieu.core.number_hints import explain_number, number_words
from chitieu.core.numbers import NumberFormatError, parse_number


@pytest.mark.parametrize(
    ("whole", "decimals", "vi", "en"),
    [
        (3, "2", "ba phẩy hai", "three point two"),
        (12, "38", "mười hai phẩy ba tám", "twelve point three eight"),
        (15, "", "mười lăm", "fifteen"),
        (21, "", "hai mươi mốt", "twenty-one"),
        (105, "", "một trăm linh năm", "one hundred five"),
        (999, "5", "chín trăm chín mươi chín phẩy năm", "nine hundred ninety-nine point five"),
    ],
)
def test_number_words(whole: int, decimals: str, vi: str, en: str) -> None:
    assert number_words(whole, decimals, "vi") == vi
    assert number_words(whole, decimals, "en") == en


def test_no_words_for_large_numbers() -> None:
    assert number_words(1000, "", "vi") is None


@pytest.mark.parametrize(
    ("typed", "vi"),
    [
        ("3.2", "Bạn nhập 3.2 – nếu là ba phẩy hai, hãy gõ 3,2."),
        ("12.38", "Bạn nhập 12.38 – nếu là mười hai phẩy ba tám, hãy gõ 12,38."),
        ("12345.6", "Bạn nhập 12345.6 – nếu dấu chấm là dấu thập phân, hãy gõ 12345,6."),
        ("1,234.5", "«1,234.5» viết theo kiểu tiếng Anh: hãy gõ 1.234,5"),
        ("12,3,4", "«12,3,4» không phải là số: chỉ có một dấu phẩy"),
        ("abc", "«abc» không phải là số (ví dụ: 1.234,5)."),
        ("3,2%", "«3,2%» không phải là số: chỉ ghi số"),
        ("3 tỷ", "«3 tỷ» không phải là số: ghi «tỷ» vào ô Đơn vị"),
        ("1 234,5", "«1 234,5» có khoảng trắng giữa các chữ số: hãy gõ 1.234,5."),
    ],
)
def test_vietnamese_slips(typed: str, vi: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(typed, "vi")
    said = explain_number(typed, "vi")
    assert said.vi.startswith(vi)
    assert said.vi.endswith(".")
    assert "(cannot" not in said.vi
    assert said.en
    assert "không" not in said.en


def test_english_slips() -> None:
    said = explain_number("3,2", "en")
    assert said.en == "You typed 3,2 – if you mean three point two, type 3.2."
    assert explain_number("1.234,5", "en").en.startswith("'1.234,5' is written the Vietnamese way")


def test_every_hint_is_one_sentence() -> None:
    for typed in ("3.2", "abc", "12,3,4", "3,2%", "1,234.5", ""):
        said = explain_number(typed, "vi")
        for text in (said.vi, said.en):
            assert text.endswith("."), text
            assert "\n" not in text, text
            assert ";" not in text, text

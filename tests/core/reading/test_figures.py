"""Figures in text: round trips of formatted figures, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import SCALE_WORDS, format_number
from chitieu.core.reading.figures import scan, year_near
from chitieu.core.units import parse_unit

UNITS = ["", "%", "%/năm", "đồng", "USD", "USD/người", "tấn", "ha", "lượt khách",
         "lượt lao động/năm", "đảng viên", "tổ chức đảng", "bác sĩ/vạn dân", "bác sĩ/10.000 dân",
         "giường bệnh/vạn dân", "doanh nghiệp", "km"]  # fmt: skip
SCALES = ["", *(w for w in SCALE_WORDS if w)]

values = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


LEADS = ["đạt ", "là ", "(", "khoảng "]


@given(value=values, decimals=st.integers(0, 3), scale=st.sampled_from(SCALES),
       unit=st.sampled_from(UNITS), lead=st.sampled_from(LEADS))  # fmt: skip
def test_formatted_figure_round_trips(
    value: Decimal, decimals: int, scale: str, unit: str, lead: str
) -> None:
    if not scale and unit.startswith(("/",)):
        return
    if scale and unit.startswith("%"):
        unit = "đồng"
    number = format_number(value, decimals=decimals, lang="vi")
    written = " ".join(p for p in (number, scale, unit) if p).replace(" %", "%")
    text = f"Chỉ tiêu {lead}{written}; tiếp theo"
    found = scan(text)
    assert len(found.figures) == 1, (text, found.figures)
    figure = found.figures[0]
    expected = Decimal(number.replace(".", "").replace(",", "."))
    assert figure.value == expected
    assert figure.unit == " ".join(p for p in (scale, unit) if p).replace(" %", "%")
    assert text[figure.start : figure.end] == written
    factor = parse_unit(figure.unit).scale
    assert figure.base_value == (expected * factor).normalize()


@given(value=values, spaces=st.sampled_from(["", " ", "\u00a0"]))
def test_percent_with_or_without_a_space(value: Decimal, spaces: str) -> None:
    from chitieu.core.reading.text import normalise

    number = format_number(value, decimals=1, lang="vi")
    found = scan(normalise(f"đạt {number}{spaces}%/năm."))
    assert [(f.number, f.unit) for f in found.figures] == [(number, "%/năm")]


@given(a=st.integers(1, 99_999), b=st.integers(1, 99_999))
def test_fraction_of_one_noun(a: int, b: int) -> None:
    x, y = format_number(a, lang="vi"), format_number(b, lang="vi")
    found = scan(f"có {x}/{y} thôn đạt chuẩn")
    assert [(f.numerator.value, f.denominator.value) for f in found.fractions] == [(a, b)]
    assert found.figures == ()


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 45-NQ/TW ngày 24/01/2019",
        "Nghị quyết 06/2018/NQ-HĐND",
        "tính đến tháng 9/2019",
        "giai đoạn 2021-2025",
        "đến năm 2025",
        "1.1.1.1.1",
        "12.38",
        "01.000.000",  # a group separator after a leading zero (found by the fuzz test)
        "9" * 25,
    ],
)
def test_not_figures(text: str) -> None:
    assert scan(text).figures == ()


def test_years_and_periods_are_kept_apart() -> None:
    found = scan("đến năm 2025 tỷ lệ đạt 40%, giai đoạn 2021-2025")
    assert [y.value for y in found.years] == [2025]
    assert [(p[2], p[3]) for p in found.periods] == [(2021, 2025)]
    assert [f.number for f in found.figures] == ["40"]


def test_unknown_unit_is_kept_without_base_value() -> None:
    (figure,) = scan("có 1.095 làng văn hóa").figures
    assert (figure.unit, figure.base_value) == ("làng", None)


def test_a_figure_is_dated_by_the_year_before_it_or_right_after_it() -> None:
    found = scan("Năm 2020 đạt 200 tỷ đồng, năm 2015 (100 tỷ đồng); 50 tỷ đồng năm 2010")
    first, second, third = found.figures
    assert year_near(found.years, first, before=True) == found.years[0]
    assert year_near(found.years, second, before=True) == found.years[1]
    assert year_near(found.years, second, before=False) is None
    assert year_near(found.years, third, before=False) == found.years[2]

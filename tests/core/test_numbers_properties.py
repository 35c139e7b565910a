"""Properties of the number and quantity readers, on generated input.

What is written reads back (vi and en, people's and machines' formats); what cannot be
read one way only is refused; and nothing but the documented errors ever escapes, not
even on hostile text (the campaign in fuzz/ runs the same with 100 000 inputs).
"""

from __future__ import annotations

import contextlib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from fuzz.targets import TARGETS
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chitieu.core.numbers import (
    MAX_NUMBER_LENGTH,
    NumberFormatError,
    format_number,
    parse_machine_number,
    parse_number,
)
from chitieu.core.units import BASE_UNITS, UnknownUnitError, parse_quantity, parse_unit

#: Figures as statistics have them: up to 10^18 (đồng), up to 6 decimals.
figures = st.decimals(
    min_value=Decimal("-1e18"), max_value=Decimal("1e18"), places=6, allow_nan=False
)
LANGS = st.sampled_from(["vi", "en"])


@given(figures, LANGS)
def test_a_formatted_figure_reads_back(value: Decimal, lang: str) -> None:
    written = format_number(value, lang=lang)
    assert parse_number(written, lang) == value


@given(figures, LANGS, st.integers(0, 6))
def test_rounding_to_places_reads_back_half_up(value: Decimal, lang: str, places: int) -> None:
    written = format_number(value, decimals=places, lang=lang)
    mark = "," if lang == "vi" else "."
    assert (len(written.split(mark)[1]) if mark in written else 0) == places
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert parse_number(written, lang) == expected


@given(figures)
def test_machine_numbers_read_back(value: Decimal) -> None:
    assert parse_machine_number(f"{value:f}") == value


@given(st.integers(1, 999), st.sampled_from(["1", "12", "1234", "12345"]))
def test_vi_groups_must_have_three_digits(head: int, tail: str) -> None:
    # "12.38" is twelve point three eight in English and nothing in Vietnamese: refused.
    text = f"{head}.{tail}"
    if len(tail) == 3:
        assert parse_number(text, "vi") == Decimal(f"{head}{tail}")
    else:
        with pytest.raises(NumberFormatError):
            parse_number(text, "vi")


@given(st.integers(1000, 10**15), st.integers(1, 10**6 - 1))
def test_grouped_decimals_are_refused_in_the_other_convention(whole: int, part: int) -> None:
    # "1.234,5" (vi) is no English number, nor "1,234.5" (en) a Vietnamese one: a file in
    # the wrong convention is refused, never read as another value.
    value = Decimal(f"{whole}.{part:06d}").normalize()
    for lang, other in (("vi", "en"), ("en", "vi")):
        written = format_number(value, lang=lang)
        assert parse_number(written, lang) == value
        with pytest.raises(NumberFormatError):
            parse_number(written, other)


@settings(max_examples=300)
@given(st.text(max_size=80))
@example("1" * 300)
@example("੧੨")
@example("1.000.000.000.000.000.000.000")
def test_any_text_is_a_number_or_a_number_format_error(text: str) -> None:
    for read in (lambda t: parse_number(t, "vi"), lambda t: parse_number(t, "en")):
        message = ""
        try:
            value = read(text)
        except NumberFormatError as exc:
            message = str(exc)
        else:
            assert value.is_finite()
        assert len(message) < 400  # the message quotes the text, shortened
    with contextlib.suppress(NumberFormatError):
        assert parse_machine_number(text).is_finite()


def test_long_text_is_refused_without_reading_it() -> None:
    with pytest.raises(NumberFormatError, match="too long"):
        parse_number("1" * (MAX_NUMBER_LENGTH + 1))
    with pytest.raises(NumberFormatError, match="too long"):
        parse_number("1" * 10_000_000)


UNITS = sorted(k for k in BASE_UNITS if k != "%")


@given(
    figures.filter(lambda v: v >= 0),
    st.sampled_from(["", "nghìn ", "triệu ", "tỷ ", "nghìn tỷ "]),
    st.sampled_from(UNITS),
    st.sampled_from(["", "/năm", "/người", "/vạn dân"]),
)
def test_a_written_quantity_reads_back(value: Decimal, scale: str, noun: str, per: str) -> None:
    unit = f"{scale}{noun}{per}"
    quantity = parse_quantity(f"{format_number(value)} {unit}")
    assert quantity.value == value
    assert quantity.unit == parse_unit(unit)


@settings(max_examples=300)
@given(st.text(max_size=60))
@example("16 %/năm/năm/năm")
@example("1 nghìn nghìn nghìn nghìn đồng")
@example("5 ²/năm")
def test_any_text_is_a_quantity_or_a_documented_error(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except (NumberFormatError, UnknownUnitError):
        return
    assert quantity.value.is_finite()


@settings(max_examples=200)
@given(TARGETS["numbers"].strategy)
def test_the_fuzz_target_on_a_few_hundred_inputs(text: str) -> None:
    """The campaign's target (its round trips included), briefly."""
    TARGETS["numbers"].check(text)

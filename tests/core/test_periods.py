"""Periods and bases: one canonical code per span, labels as Vietnamese reports write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.periods import (
    Basis,
    BasisKind,
    Period,
    PeriodError,
    parse_basis,
    parse_period,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2025", "2025"),
        ("2021-2025", "2021-2025"),
        ("2021–2025", "2021-2025"),
        ("2026-M01", "2026-M01"),
        ("2026-01", "2026-M01"),
        ("01/2026", "2026-M01"),
        ("tháng 9/2025", "2025-M09"),
        ("tháng 9 năm 2025", "2025-M09"),
        ("2026-Q1", "2026-Q1"),
        ("Q3/2025", "2025-Q3"),
        ("quý I/2026", "2026-Q1"),
        ("Quý IV năm 2025", "2025-Q4"),
        ("2025-H1", "2025-H1"),
        ("2025-S2", "2025-H2"),
        ("6 tháng đầu năm 2025", "2025-H1"),
        ("6 tháng cuối năm 2025", "2025-H2"),
        ("2025-9M", "2025-9M"),
        ("9 tháng 2025", "2025-9M"),
        ("9 tháng đầu năm 2025", "2025-9M"),
        ("11T/2025", "2025-11M"),
        ("2 tháng năm 2026", "2026-2M"),
        ("3 tháng 2026", "2026-Q1"),
        ("2026-6M", "2026-H1"),
        ("12 tháng 2025", "2025"),
        ("1 tháng 2026", "2026-M01"),
    ],
)
def test_parse_period_accepts_codes_and_written_forms(text: str, code: str) -> None:
    assert parse_period(text).code == code


@pytest.mark.parametrize(
    "text",
    ["", "20255", "2025-13", "2026-M00", "2025-2021", "Q5/2025", "13 tháng 2025", "năm ngoái"],
)
def test_parse_period_refuses_what_is_not_a_period(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_non_canonical_parts_are_refused_when_built_directly() -> None:
    # "3M" and "6M" have canonical codes Q1 and H1: one span, one key in the store.
    for part in ("3M", "6M", "12M", "M13", "Q0", "H3"):
        with pytest.raises(PeriodError):
            Period(2025, 2025, part)
    with pytest.raises(PeriodError):
        Period(2021, 2025, "Q1")


@pytest.mark.parametrize(
    ("code", "vi", "en"),
    [
        ("2025", "2025", "2025"),
        ("2021-2025", "2021–2025", "2021–2025"),
        ("2026-M01", "tháng 1/2026", "January 2026"),
        ("2026-Q1", "quý I/2026", "Q1 2026"),
        ("2025-Q4", "quý IV/2025", "Q4 2025"),
        ("2025-H1", "6 tháng đầu năm 2025", "H1 2025"),
        ("2025-9M", "9 tháng đầu năm 2025", "first 9 months of 2025"),
    ],
)
def test_labels(code: str, vi: str, en: str) -> None:
    period = parse_period(code)
    assert period.label("vi") == vi
    assert period.label("en") == en


def test_months_and_year_to_date() -> None:
    assert parse_period("2025-9M").months == (1, 9)
    assert parse_period("2025-9M").is_year_to_date
    assert parse_period("2025-Q1").is_year_to_date
    assert not parse_period("2025-Q3").is_year_to_date
    assert parse_period("2025-M07").months == (7, 7)
    assert not parse_period("2025-M07").is_year_to_date
    assert parse_period("2025").months == (1, 12)
    assert parse_period("2025").is_annual
    assert not parse_period("2025").is_year_to_date
    assert parse_period("2021-2025").month_count == 60
    assert parse_period("2025-H2").month_count == 6
    assert parse_period("2025-Q2").years_span == (2025, 2025)


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_months_to_date_round_trips_through_its_code(year: int, months: int) -> None:
    period = Period.months_to_date(year, months)
    assert period.months == (1, months)
    assert parse_period(period.code) == period


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_month_codes_round_trip(year: int, month: int) -> None:
    period = parse_period(f"{month:02d}/{year}")
    assert period.months == (month, month)
    assert parse_period(period.code) == period


def test_basis_codes() -> None:
    assert parse_basis("") == Basis()
    assert parse_basis("level").is_level
    assert parse_basis("same_period").kind is BasisKind.SAME_PERIOD
    assert parse_basis("PLAN").kind is BasisKind.PLAN
    assert parse_basis("year:2015") == Basis(BasisKind.YEAR, 2015)
    assert parse_basis("year:2015").code == "year:2015"
    assert Basis(BasisKind.SAME_PERIOD).text().vi == "so với cùng kỳ năm trước"
    for bad in ("year", "year:15", "cùng kỳ", "yearly"):
        with pytest.raises(PeriodError):
            parse_basis(bad)
    with pytest.raises(PeriodError):
        Basis(BasisKind.LEVEL, 2015)

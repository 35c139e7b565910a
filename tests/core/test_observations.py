"""Observations: their full key, their period and basis in words, the annual levels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.observations import Observation, Status, annual_levels, current
from chitieu.core.periods import LEVEL, Basis, BasisKind, Period, PeriodError


def obs(
    part: str = "", basis: Basis = LEVEL, period: tuple[int, int] = (2026, 2026)
) -> Observation:
    return Observation("x", "a", period, Decimal("1"), "%", Status.ESTIMATE, part=part, basis=basis)


def test_defaults_are_a_whole_period_and_the_level() -> None:
    o = Observation("x", "a", (2021, 2025), Decimal("1"), "%", Status.OFFICIAL)
    assert (o.part, o.basis) == ("", LEVEL)
    assert o.full_period == Period(2021, 2025)
    assert (o.period_code, o.period_label(), o.basis_label()) == ("2021-2025", "2021–2025", "")
    assert o.is_annual
    assert o.is_annual_level
    assert not o.is_year


@pytest.mark.parametrize(
    ("part", "code", "vi", "en"),
    [
        ("M01", "2026-M01", "tháng 1/2026", "January 2026"),
        ("Q1", "2026-Q1", "quý I/2026", "Q1 2026"),
        ("H1", "2026-H1", "6 tháng đầu năm 2026", "H1 2026"),
        ("9M", "2026-9M", "9 tháng đầu năm 2026", "first 9 months of 2026"),
    ],
)
def test_a_part_of_the_year_has_its_code_and_label(part: str, code: str, vi: str, en: str) -> None:
    o = obs(part)
    assert (o.period_code, o.period_label(), o.period_label("en")) == (code, vi, en)
    assert not o.is_annual
    assert not o.is_annual_level
    assert not o.is_year
    assert o.year == 2026


def test_an_unknown_part_is_refused_when_read_as_a_period() -> None:
    with pytest.raises(PeriodError):
        _ = obs("3M").full_period


def test_the_key_holds_part_and_basis() -> None:
    same = Basis(BasisKind.SAME_PERIOD)
    keys = {obs().key(), obs("9M").key(), obs(basis=same).key(), obs("9M", same).key()}
    assert len(keys) == 4
    assert obs("9M", same).key() == ("x", "a", (2026, 2026), "9M", same)
    assert obs(basis=same).basis_label() == "so với cùng kỳ năm trước"


def test_annual_levels_keeps_whole_years_on_the_level_basis_in_order() -> None:
    year, span = obs(), obs(period=(2021, 2025))
    others = [obs("Q1"), obs(basis=Basis(BasisKind.PLAN)), obs("9M", Basis(BasisKind.YEAR, 2015))]
    assert annual_levels([others[0], year, *others[1:], span]) == [year, span]


def test_current_picks_one_figure_per_full_key() -> None:
    a = obs("9M")
    b = Observation("x", "a", (2026, 2026), Decimal("2"), "%", Status.OFFICIAL, part="9M")
    c = obs()
    assert current([a, b, c]) == {b.key(): b, c.key(): c}

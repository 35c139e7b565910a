"""Required pace for the remaining years, and whether the record ever moved that fast."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.pace import required_growth_pace, required_level_pace, yearly_paces


def test_yearly_paces_are_annualised_over_gaps() -> None:
    paces = yearly_paces([(2020, 100.0), (2022, 121.0), (2023, 133.1)])
    assert [(p.first, p.last) for p in paces] == [(2020, 2022), (2022, 2023)]
    assert paces[0].pct == pytest.approx(10.0)
    assert paces[1].pct == pytest.approx(10.0)


def test_required_level_pace_and_record() -> None:
    need = required_level_pace([(2020, 100.0), (2021, 130.0), (2024, 146.41)], 161.051, 2025, 1)
    assert need is not None
    assert need.pct == pytest.approx(10.0)
    assert need.years == (2025, 2025)
    assert need.best is not None
    assert need.best.pct == pytest.approx(30.0)
    assert need.reached is True
    harder = required_level_pace([(2020, 100.0), (2021, 105.0)], 200.0, 2025, 1)
    assert harder is not None
    assert harder.reached is False


def test_lower_is_better_needs_a_fall() -> None:
    need = required_level_pace([(2019, 4.0), (2020, 3.6)], 3.24, 2022, -1)
    assert need is not None
    assert need.pct == pytest.approx(-5.131670, abs=1e-5)
    # the record fell 10 % in one year: faster than needed
    assert need.reached is True


def test_required_growth_pace_known_answer() -> None:
    # 10 % twice; 10 %/year over 5 years needs 10 % in each remaining year
    need = required_growth_pace([(2021, 10.0), (2022, 10.0)], 10.0, (2021, 2025), 1)
    assert need is not None
    assert need.pct == pytest.approx(10.0)
    assert need.years == (2023, 2025)
    # behind: 5 % twice means the last three years need (1.1^5 / 1.05^2)^(1/3) − 1
    behind = required_growth_pace([(2021, 5.0), (2022, 5.0)], 10.0, (2021, 2025), 1)
    assert behind is not None
    assert behind.pct == pytest.approx(((1.1**5 / 1.05**2) ** (1 / 3) - 1) * 100)
    assert behind.reached is False


def test_nothing_left_to_require() -> None:
    rates = [(y, 10.0) for y in range(2021, 2026)]
    assert required_growth_pace(rates, 10.0, (2021, 2025), 1) is None
    assert required_level_pace([(2025, 100.0)], 120.0, 2025, 1) is None

"""The log random walk with drift: cases with known answers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.analysis.projection import Scale, project_average_growth, project_level


def test_constant_growth_is_certain() -> None:
    pts = [(2020, 100.0), (2021, 110.0), (2022, 121.0), (2023, 133.1)]
    p = project_level(pts, 2025)
    assert p is not None
    assert p.value == pytest.approx(161.051)
    assert p.interval is not None
    lo, hi = p.interval
    assert lo == pytest.approx(hi)  # zero width
    assert p.drift_pct == pytest.approx(10.0)
    assert p.probability(160.0, None) == 1.0
    assert p.probability(162.0, None) == 0.0
    assert p.probability(None, 160.0) == 0.0
    # exactly on the projected value: met (inclusive), despite logarithm noise
    assert p.probability(161.051, None) == 1.0


def test_symmetric_case_gives_one_half() -> None:
    # log-increments +a, −a, +a, −a: zero drift, median = last value
    pts = [(2020, 100.0), (2021, 120.0), (2022, 100.0), (2023, 120.0), (2024, 100.0)]
    p = project_level(pts, 2025)
    assert p is not None
    assert p.value == pytest.approx(100.0)
    assert p.probability(100.0, None) == pytest.approx(0.5)
    assert p.probability(None, 100.0) == pytest.approx(0.5)
    lo, hi = p.interval or (0.0, 0.0)
    assert lo < 100.0 < hi
    assert math.log(hi / 100.0) == pytest.approx(math.log(100.0 / lo))  # symmetric in logs


def test_interval_follows_the_t_formula() -> None:
    # increments ln(1.1), ln(1.3): mean μ = ln(1.43)/2, s² = (ln1.3 − ln1.1)²/2
    pts = [(2020, 100.0), (2021, 110.0), (2022, 143.0)]
    p = project_level(pts, 2024)
    assert p is not None
    mu = math.log(1.43) / 2
    s = abs(math.log(1.3) - math.log(1.1)) / math.sqrt(2)
    scale = s * math.sqrt(2 + 4 / 2)
    assert p.loc == pytest.approx(math.log(143.0) + 2 * mu)
    assert p.scale == pytest.approx(scale)
    assert p.df == 1
    lo, hi = p.interval or (0.0, 0.0)
    assert math.log(hi) == pytest.approx(p.loc + 3.0777 * scale, abs=1e-3)
    assert math.log(lo) == pytest.approx(p.loc - 3.0777 * scale, abs=1e-3)


def test_gaps_carry_the_drift_of_every_year() -> None:
    # 2020 → 2023 at 10 %/year in one step, then one year at 10 %: constant growth
    p = project_level([(2020, 100.0), (2023, 133.1), (2024, 146.41)], 2025)
    assert p is not None
    assert p.value == pytest.approx(161.051)
    assert p.scale == pytest.approx(0.0, abs=1e-12)


def test_two_figures_project_without_spread() -> None:
    p = project_level([(2020, 100.0), (2022, 121.0)], 2025)
    assert p is not None
    assert p.value == pytest.approx(100.0 * 1.1**5)
    assert p.interval is None
    assert p.probability(1.0, None) is None


def test_nothing_to_project() -> None:
    assert project_level([(2020, 100.0)], 2025) is None
    assert project_level([(2020, 100.0), (2021, 0.0)], 2025) is None
    assert project_level([(2020, 100.0), (2021, 110.0)], 2019) is None


def test_growth_rates_constant_and_complete() -> None:
    p = project_average_growth([(2021, 10.0), (2022, 10.0), (2023, 10.0)], (2021, 2025))
    assert p is not None
    assert p.kind is Scale.MEAN_LOG_GROWTH
    assert p.value == pytest.approx(10.0)
    assert p.probability(10.0, None) == 1.0
    assert p.probability(10.5, None) == 0.0
    done = project_average_growth([(y, 8.0) for y in range(2021, 2026)], (2021, 2025))
    assert done is not None
    assert done.scale == 0.0
    assert done.value == pytest.approx(8.0)


def test_growth_rates_symmetric_around_the_geometric_mean() -> None:
    rates = [(2021, 12.0), (2022, 8.0), (2023, 12.0), (2024, 8.0)]
    p = project_average_growth(rates, (2021, 2025))
    assert p is not None
    g = (math.exp(sum(math.log1p(r / 100) for _, r in rates) / 4) - 1) * 100
    assert p.value == pytest.approx(g)
    assert p.probability(g, None) == pytest.approx(0.5)
    assert p.df == 3


def test_growth_rates_too_few() -> None:
    one = project_average_growth([(2021, 10.0)], (2021, 2025))
    assert one is not None
    assert one.scale is None
    assert project_average_growth([], (2021, 2025)) is None
    assert project_average_growth([(2030, 5.0)], (2021, 2025)) is None


@given(
    st.lists(st.floats(0.5, 2.0), min_size=3, max_size=9),
    st.floats(1.0, 500.0),
    st.floats(1.0, 500.0),
)
def test_probability_falls_as_the_target_rises(ratios: list[float], a: float, b: float) -> None:
    pts: list[tuple[int, float]] = []
    v = 100.0
    for i, r in enumerate(ratios):
        v *= r
        pts.append((2020 + i, v))
    p = project_level(pts, 2020 + len(ratios) + 1)
    assert p is not None
    lo, hi = sorted((a, b))
    pa, pb = p.probability(lo, None), p.probability(hi, None)
    assert pa is not None
    assert pb is not None
    assert pa >= pb - 1e-12
    assert 0.0 <= pb <= 1.0
    inside = p.probability(lo, hi)
    assert inside == pytest.approx(pa - pb, abs=1e-9)

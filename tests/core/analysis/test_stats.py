"""Student's t against published table values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.analysis.stats import incomplete_beta, t_cdf, t_quantile


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.9, 1, 3.0777),  # t-table, one-sided 10 %
        (0.9, 2, 1.8856),
        (0.9, 3, 1.6377),
        (0.9, 9, 1.3830),
        (0.975, 10, 2.2281),
    ],
)
def test_quantiles_match_the_t_table(p: float, df: int, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=1e-4)


def test_cdf_of_cauchy_is_known() -> None:
    # t with 1 degree of freedom is Cauchy: P(T ≤ 1) = 3/4
    assert t_cdf(1.0, 1) == pytest.approx(0.75, abs=1e-12)
    assert t_cdf(0.0, 5) == pytest.approx(0.5)
    assert t_cdf(math.inf, 3) == 1.0


def test_incomplete_beta_edges() -> None:
    assert incomplete_beta(2, 3, 0.0) == 0.0
    assert incomplete_beta(2, 3, 1.0) == 1.0
    # I_x(1, 1) = x
    assert incomplete_beta(1, 1, 0.3) == pytest.approx(0.3)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="strictly between"):
        t_quantile(1.0, 3)
    with pytest.raises(ValueError, match="degrees of freedom"):
        t_cdf(1.0, 0)


@given(st.floats(-50, 50), st.integers(1, 30))
def test_cdf_is_symmetric(t: float, df: int) -> None:
    assert t_cdf(t, df) + t_cdf(-t, df) == pytest.approx(1.0, abs=1e-9)


@given(st.floats(0.01, 0.99), st.integers(1, 30))
def test_quantile_inverts_cdf(p: float, df: int) -> None:
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-7)

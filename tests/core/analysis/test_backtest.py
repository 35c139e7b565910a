"""The backtest: projecting a known year from earlier figures."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.backtest import backtest

from .helpers import clause, ind, obs, resolution


def test_constant_growth_is_projected_exactly() -> None:
    c = clause("a", "v", "150", year=2020)
    res = resolution([ind("v"), ind("w")], [c], base_year=2015, period=(2016, 2020))
    figures = [obs("v", y, 100 * 1.1 ** (y - 2015)) for y in range(2015, 2021)]
    figures += [obs("w", 2016, 5), obs("w", 2020, 9)]  # one figure up to 2018: skipped
    b = backtest(res, figures, upto=2018)
    assert len(b.cases) == 1
    case = b.cases[0]
    assert [y for y, _ in case.points] == [2015, 2016, 2017, 2018]
    assert case.pct_error == pytest.approx(0.0, abs=1e-9)
    assert case.inside is True
    assert case.probability == 1.0
    assert case.met is True
    assert case.called_right is True
    assert b.mape == pytest.approx(0.0, abs=1e-9)
    assert b.coverage == (1, 1)
    assert [i.code for i, _ in b.skipped] == ["w"]


def test_errors_are_signed_and_relative() -> None:
    res = resolution([ind("v")], [], base_year=2015, period=(2016, 2020))
    figures = [obs("v", 2015, 100), obs("v", 2017, 121), obs("v", 2020, 133.1)]
    b = backtest(res, figures, upto=2018)
    case = b.cases[0]
    assert case.projection.value == pytest.approx(100 * 1.1**5)
    assert case.error == pytest.approx(100 * 1.1**5 - 133.1)
    assert case.pct_error == pytest.approx((1.1**5 * 100 / 133.1 - 1) * 100)
    assert case.inside is None  # two figures: no interval
    assert b.coverage == (0, 0)

"""Outliers by a robust z-score, with the spread floored for smooth series."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.validation import validate
from chitieu.core.analysis.validation.outliers import robust_z
from chitieu.core.analysis.validation.violations import Importance

from ..helpers import obs
from .helpers import INDICATORS


def test_a_smooth_series_is_not_flagged_for_an_ordinary_change() -> None:
    # Urban unemployment 2016–2020 (4; 3,98; 3,96; 3,95; 3,86): yearly falls of 0,25–0,5 %
    # then 2,28 %; the MAD alone (0,25) would score the last −9,6.
    levels = [4.0, 3.98, 3.96, 3.95, 3.86]
    figures = [obs("a", 2016 + i, v, "%") for i, v in enumerate(levels)]
    assert not [v for v in validate(figures, INDICATORS) if v.check == "outlier"]
    assert robust_z([-0.5, -0.5, -0.25, -2.28], floor=1.0) == pytest.approx(
        [0.0, 0.0, 0.6745 * 0.25, 0.6745 * -1.78]
    )


def test_robust_z_flags_one_odd_year() -> None:
    assert robust_z([1.0, 1.0, 1.0, 5.0]) is None  # MAD 0
    rates = [10.0, 11.0, 9.0, 10.5, 9.5, 40.0]
    figures = [obs("g", 2015 + i, r, "%") for i, r in enumerate(rates)]
    found = [v for v in validate(figures, INDICATORS) if v.check == "outlier"]
    assert [v.period for v in found] == [(2020, 2020)]
    assert found[0].importance is Importance.LOW

"""Plausible units, shares, signs and magnitudes."""

from __future__ import annotations

from chitieu.core.analysis.validation import validate
from chitieu.core.analysis.validation.violations import Importance

from ..helpers import obs
from .helpers import INDICATORS


def test_plausibility_of_units_and_magnitudes() -> None:
    figures = [
        obs("a", 2020, 120, "%"),  # a share above 100 %
        obs("budget", 2019, -5),  # a negative flow
        obs("budget", 2020, 100000),
        obs("budget", 2021, 110000),
        obs("budget", 2022, 110),  # entered in nghìn tỷ, labelled tỷ
        obs("domestic", 2020, 5, "triệu USD"),  # a currency without a rate
        obs("domestic", 2021, 5, "ha"),  # not money at all
    ]
    found = validate(figures, INDICATORS)
    checks = {(v.check, v.period[0]) for v in found}
    assert ("unit", 2020) in checks
    assert ("unit", 2019) in checks
    assert ("unit", 2021) in checks
    assert ("magnitude", 2022) in checks
    levels = {v.period[0]: v.importance for v in found if v.check == "unit"}
    assert levels[2021] is Importance.HIGH

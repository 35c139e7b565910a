"""The tolerance of "gần", "khoảng", "hơn", and inputs taken as intervals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.reading import Verdict
from chitieu.core.reading.claims.verdicts import window

from .helpers import one


@pytest.mark.parametrize(
    ("qualifier", "ratio", "verdict"),
    [
        # 100/40 = 2,5
        ("gần", "2,6", Verdict.CONSISTENT),  # nearly 2,6: 2,5 is within 5% below
        ("gần", "2,3", Verdict.INCONSISTENT),  # 2,5 is above "nearly 2,3"
        ("khoảng", "2,4", Verdict.CONSISTENT),  # about: ±5%
        ("khoảng", "2,8", Verdict.INCONSISTENT),
        ("hơn", "2", Verdict.CONSISTENT),  # more than: lower bound only
        ("hơn", "3", Verdict.INCONSISTENT),
        (None, "2,4", Verdict.INCONSISTENT),  # exact: half a unit of the last digit
    ],
)
def test_qualifiers_loosen_the_tolerance(
    qualifier: str | None, ratio: str, verdict: Verdict
) -> None:
    word = f"{qualifier} " if qualifier else ""
    claim = one(f"Năm 2020 đạt 100 tỷ đồng, gấp {word}{ratio} lần năm 2015 (40 tỷ đồng).")
    assert claim.qualifier == qualifier
    assert claim.verdict is verdict, claim.reason


def test_window_rules() -> None:
    assert window(Decimal("2.23"), 2, None) == (Decimal("2.225"), Decimal("2.235"))
    low, high = window(Decimal(2), 0, "hơn")
    assert low == Decimal(2)
    assert high == Decimal("Infinity")
    low, high = window(Decimal(100), 0, "khoảng")
    assert (low, high) == (Decimal("94.5"), Decimal("105.5"))


def test_rounded_inputs_are_intervals() -> None:
    # 2,235/1 is 2,235, which rounds half-up to 2,24, but the inputs may be 2,2349…:
    # the interval of the inputs meets the stated 2,23 ± 0,005, so it is consistent.
    claim = one("Năm 2020 đạt 2,235 tỷ USD, gấp 2,23 lần năm 2015 (1,000 tỷ USD).")
    assert claim.verdict is Verdict.CONSISTENT

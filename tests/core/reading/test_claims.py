"""Claim kinds, verdicts and the tolerance of "gần", "khoảng", "hơn" on invented sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.reading.claims import Claim, ClaimKind, Verdict, find_claims, window
from chitieu.core.reading.text import normalise


def _one(text: str) -> Claim:
    claims = find_claims(normalise(text))
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "verdict"),
    [
        (
            "Năm 2020 đạt 300 tỷ đồng, gấp 2,5 lần so với năm 2015 (120 tỷ đồng).",
            ClaimKind.RATIO,
            Verdict.CONSISTENT,
        ),  # 300/120 = 2,5
        (
            "Năm 2020 đạt 300 tỷ đồng, gấp 2,6 lần so với năm 2015 (120 tỷ đồng).",
            ClaimKind.RATIO,
            Verdict.INCONSISTENT,
        ),
        (
            "Năm 2020 đạt 300 tỷ đồng, gấp 2,5 lần so với năm 2015.",
            ClaimKind.RATIO,
            Verdict.UNVERIFIABLE,
        ),
        (
            "Tổng vốn đạt 1.000 tỷ đồng, trong đó vốn dân góp chiếm 25% (250 tỷ đồng).",
            ClaimKind.SHARE,
            Verdict.CONSISTENT,
        ),
        (
            "Tổng vốn đạt 1.000 tỷ đồng, trong đó vốn dân góp chiếm 20% (250 tỷ đồng).",
            ClaimKind.SHARE,
            Verdict.INCONSISTENT,
        ),
        ("Có 300/400 thôn đạt chuẩn (đạt 75%).", ClaimKind.FRACTION, Verdict.CONSISTENT),
        (
            "Năm 2020 chiếm 10% (1.000 tỷ đồng/10.000 tỷ đồng).",
            ClaimKind.FRACTION,
            Verdict.CONSISTENT,
        ),
        (
            "Năm 2019 đạt 115 tỷ đồng, bằng 115% so với năm 2018 (100 tỷ đồng).",
            ClaimKind.PERCENT_OF,
            Verdict.CONSISTENT,
        ),
        (
            "Năm 2020 đạt 107 nghìn lượt, tăng 7% so với năm 2019 (100 nghìn lượt).",
            ClaimKind.CHANGE,
            Verdict.CONSISTENT,
        ),
        (
            "Năm 2020 đạt 93 tỷ đồng, giảm 7% so với năm 2019 (100 tỷ đồng).",
            ClaimKind.CHANGE,
            Verdict.CONSISTENT,
        ),
    ],
)
def test_kinds_and_verdicts(sentence: str, kind: ClaimKind, verdict: Verdict) -> None:
    claim = _one(sentence)
    assert (claim.kind, claim.verdict) == (kind, verdict), claim.reason


def test_average_growth_from_dated_levels_and_ratio() -> None:
    # 200 → 322,1 over 5 years: (322,1/200)^(1/5) − 1 = 10,0%
    text = (
        "Năm 2020 ước đạt 322,1 tỷ đồng, gấp 1,61 lần năm 2015 (200 tỷ đồng), "
        "tăng bình quân 10%/năm."
    )
    claims = find_claims(normalise(text))
    growth = next(c for c in claims if c.kind is ClaimKind.AVERAGE_GROWTH)
    assert growth.verdict is Verdict.CONSISTENT
    assert growth.recomputed is not None
    assert abs(growth.recomputed - 10) < Decimal("0.01")


def test_average_fall_of_a_rate_is_in_points() -> None:
    text = "Tỷ lệ hộ nghèo từ 5% năm 2015 xuống còn 1% năm 2020, bình quân giảm 0,8%/năm."
    claim = _one(text)
    assert (claim.kind, claim.verdict, claim.recomputed) == (
        ClaimKind.AVERAGE_GROWTH, Verdict.CONSISTENT, Decimal("0.800"),
    )  # fmt: skip


def test_unverifiable_names_the_missing_figure() -> None:
    claim = _one("Doanh thu tăng bình quân 12%/năm.")
    assert claim.verdict is Verdict.UNVERIFIABLE
    assert "đầu kỳ" in claim.reason
    assert "start and end levels" in claim.reason
    share = _one("Khu vực tư nhân chiếm 40% GRDP.")
    assert "phần" in share.reason


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
    claim = _one(f"Năm 2020 đạt 100 tỷ đồng, gấp {word}{ratio} lần năm 2015 (40 tỷ đồng).")
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
    claim = _one("Năm 2020 đạt 2,235 tỷ USD, gấp 2,23 lần năm 2015 (1,000 tỷ USD).")
    assert claim.verdict is Verdict.CONSISTENT

"""Average growth: from dated levels and a ratio, and a rate's fall in points."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.reading import ClaimKind, Verdict, find_claims, normalise

from .helpers import one


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
    claim = one(text)
    assert (claim.kind, claim.verdict, claim.recomputed) == (
        ClaimKind.AVERAGE_GROWTH, Verdict.CONSISTENT, Decimal("0.800"),
    )  # fmt: skip

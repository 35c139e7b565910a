"""Claim kinds and verdicts on invented sentences, and what an unverifiable claim lacks."""

from __future__ import annotations

import pytest

from chitieu.core.reading import ClaimKind, Verdict

from .helpers import one


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
    claim = one(sentence)
    assert (claim.kind, claim.verdict) == (kind, verdict), claim.reason


def test_unverifiable_names_the_missing_figure() -> None:
    claim = one("Doanh thu tăng bình quân 12%/năm.")
    assert claim.verdict is Verdict.UNVERIFIABLE
    assert "đầu kỳ" in claim.reason
    assert "start and end levels" in claim.reason
    share = one("Khu vực tư nhân chiếm 40% GRDP.")
    assert "phần" in share.reason

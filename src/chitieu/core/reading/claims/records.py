"""What a claim check reports: the claim, its kind, the figures it was recomputed from
and its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["Claim", "ClaimKind", "FigureRef", "Verdict"]


class ClaimKind(StrEnum):
    RATIO = "ratio"  # "gấp 2,23 lần so với năm 2015 (131.314 tỷ đồng)"
    AVERAGE_GROWTH = "average_growth"  # "tăng bình quân 14,3%/năm"
    SHARE = "share"  # "chiếm 12% (4.031 tỷ đồng)"
    FRACTION = "fraction"  # "1.717/2.446 thôn (đạt 70%)"
    PERCENT_OF = "percent_of"  # "bằng 158,21% so với năm 2015"
    CHANGE = "change"  # "tăng 7% so giai đoạn 2011-2015 (255.035 …)"


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class FigureRef:
    """A figure the claim was recomputed from, and the part it plays."""

    role: str  # current | reference | part | whole | numerator | denominator | start | end
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    kind: ClaimKind
    start: int  # the claim phrase ("gấp 2,23 lần")
    end: int
    sentence_start: int
    sentence_end: int
    stated: str  # as written: "2,23 lần", "14,3%/năm"
    stated_value: Decimal
    qualifier: str | None  # gần | khoảng | hơn | … as written, lower-case
    recomputed: Decimal | None
    verdict: Verdict
    reason: str  # Vietnamese (English in brackets)
    figures: tuple[FigureRef, ...] = ()

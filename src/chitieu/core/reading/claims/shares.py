"""A part of a whole: "chiếm 12% (4.031 tỷ đồng)" (share) and "1.717/2.446 thôn (đạt 70%)"
(fraction)."""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.reading.claims.records import Claim, ClaimKind
from chitieu.core.reading.claims.sentence import Sentence, current_for
from chitieu.core.reading.claims.verdicts import QUALIFIER, figure_ref, make_claim, read_stated
from chitieu.core.reading.figures import Fraction
from chitieu.core.reading.numerals import NUMBER
from chitieu.core.reading.precision import divide, scaled

__all__ = ["SHARE", "bare_fraction", "fraction_claim", "share_claim"]


SHARE: Final = re.compile(
    rf"\b(?:chiếm|đóng\s+góp)\s+(?:tỷ\s+(?:lệ|trọng)\s+)?{QUALIFIER}(?P<num>{NUMBER})\s*%(?!\s*/)",
    re.IGNORECASE,
)

_FRACTION_PERCENT: Final = re.compile(
    rf"^\s*\(\s*(?:đạt|=|bằng|chiếm)?\s*{QUALIFIER}(?P<num>{NUMBER})\s*%\s*\)", re.IGNORECASE
)
_PERCENT_BEFORE: Final = re.compile(
    rf"{QUALIFIER}(?P<num>{NUMBER})\s*%[^%;()]{{0,60}}$", re.IGNORECASE
)


def share_claim(
    s: Sentence,
    m: re.Match[str],
    start: int,
    end: int,
    zone_end: int,
    stated_spans: frozenset[int],
) -> Claim:
    """A share claim, recomputed from the part in parentheses after it and the whole before it."""
    stated = read_stated(m, "%")
    parts = [
        f
        for f in s.found.figures
        if end <= f.start < zone_end and s.depth(f.start) > 0 and "%" not in f.unit
    ]
    if not parts:
        return make_claim(
            s, ClaimKind.SHARE, start, end, stated, None, [],
            "thiếu giá trị của phần (the part's figure is not given)",
        )  # fmt: skip
    part = parts[0]
    whole = current_for(s, start, part, stated_spans)
    if whole is None:
        return make_claim(
            s, ClaimKind.SHARE, start, end, stated, None, [figure_ref("part", part)],
            "thiếu giá trị tổng (the whole's figure is not given)",
        )  # fmt: skip
    result = scaled(divide(part, whole), 100)
    figures = [figure_ref("part", part), figure_ref("whole", whole)]
    return make_claim(s, ClaimKind.SHARE, start, end, stated, result, figures, "tổng bằng 0")


def fraction_claim(
    s: Sentence, fraction: Fraction, m: re.Match[str], start: int, end: int
) -> Claim:
    """A share or percent-of claim followed by the fraction it states."""
    stated = read_stated(m, "%")
    result = scaled(divide(fraction.numerator, fraction.denominator), 100)
    figures = [
        figure_ref("numerator", fraction.numerator),
        figure_ref("denominator", fraction.denominator),
    ]
    return make_claim(
        s, ClaimKind.FRACTION, start, fraction.end, stated, result, figures, "mẫu số 0"
    )


def bare_fraction(s: Sentence, fraction: Fraction) -> Claim | None:
    """ "1.717/2.446 thôn … (đạt 70%)" or "100% số xã (139/139 xã)": a fraction with its
    percentage; a fraction with no percentage ("39/51 tiêu chí") is not a claim."""
    after = s.text[fraction.end : min(s.span.end, fraction.end + 80)]
    before = s.text[max(s.span.start, fraction.start - 70) : fraction.start]
    if "%" not in after and "%" not in before:
        return None
    paren = after.find("(")
    if paren >= 0 and paren < 60 and ";" not in after[:paren] and ")" not in after[:paren]:
        m = _FRACTION_PERCENT.match(after[paren:])
        if m is not None:
            pos = fraction.end + paren
            return _fraction_claim_at(s, fraction, m, fraction.start, pos + m.end())
    m = _PERCENT_BEFORE.search(before) if "%" in before else None
    if m is not None and "(" in before[m.end() :]:
        return _fraction_claim_at(
            s, fraction, m, fraction.start - len(before) + m.start(), fraction.end
        )
    return None


def _fraction_claim_at(
    s: Sentence, fraction: Fraction, m: re.Match[str], start: int, end: int
) -> Claim:
    stated = read_stated(m, "%")
    result = scaled(divide(fraction.numerator, fraction.denominator), 100)
    figures = [
        figure_ref("numerator", fraction.numerator),
        figure_ref("denominator", fraction.denominator),
    ]
    return make_claim(s, ClaimKind.FRACTION, start, end, stated, result, figures, "mẫu số 0")

"""Claims relative to a reference figure: "gấp 2,23 lần so với năm 2015 (131.314 tỷ
đồng)" (ratio), "bằng 158,21% so với năm 2015" (percent of), "tăng 7% so giai đoạn
2011-2015 (255.035 …)" (change)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from chitieu.core.reading.claims.records import Claim, ClaimKind
from chitieu.core.reading.claims.sentence import TIMES_UNIT, Sentence, current_for
from chitieu.core.reading.claims.verdicts import QUALIFIER, figure_ref, make_claim, read_stated
from chitieu.core.reading.figures import Figure, year_near
from chitieu.core.reading.numerals import NUMBER
from chitieu.core.reading.precision import divide, scaled
from chitieu.core.reading.unit_words import comparable

__all__ = ["CHANGE", "PERCENT_OF", "RATIO", "relative_claim"]

# NUMBER is bounded: never a 100-digit "number" for parse_number to refuse.
RATIO: Final = re.compile(
    rf"(?:gấp|tăng\s+gấp|cao\s+gấp|tăng|cao\s+hơn|bằng|lớn\s+gấp)\s+{QUALIFIER}(?P<num>{NUMBER})\s*lần",
    re.IGNORECASE,
)
PERCENT_OF: Final = re.compile(rf"\bbằng\s+{QUALIFIER}(?P<num>{NUMBER})\s*%(?!\s*/)", re.IGNORECASE)
CHANGE: Final = re.compile(
    rf"\b(?P<dir>tăng|giảm)\s+{QUALIFIER}(?P<num>{NUMBER})\s*%(?!\s*/)(?=\s+so\b)", re.IGNORECASE
)

_TIME_REFERENCE: Final = re.compile(r"\bnăm\b|giai\s+đoạn|cùng\s+kỳ|\bkỳ\b|nhiệm\s+kỳ", re.I)


def relative_claim(
    s: Sentence,
    kind: ClaimKind,
    m: re.Match[str],
    start: int,
    end: int,
    zone_end: int,
    stated_spans: frozenset[int],
) -> Claim:
    """A ratio, percent-of or change claim, recomputed from the current figure before it and
    the reference figure after it (or dated by the year the claim names)."""
    suffix = " lần" if kind is ClaimKind.RATIO else "%"
    stated = read_stated(m, suffix)
    references = [f for f in s.found.figures if end <= f.start < zone_end]
    for reference in references:
        current = current_for(s, start, reference, stated_spans)
        if current is not None:
            return _relative_result(s, kind, m, start, end, stated, current, reference)
    zone = s.text[end:zone_end]
    dated = _dated_reference(s, start, zone, stated_spans) if not references else None
    if dated is not None:
        return _relative_result(s, kind, m, start, end, stated, dated[0], dated[1])
    if not references and kind is ClaimKind.PERCENT_OF and not _TIME_REFERENCE.search(zone):
        # "…28,77 triệu USD, giá trị giải ngân … 20,48 triệu USD, bằng 71,2% giá trị cam
        # kết": the reference is named, and is the comparable figure before the current one.
        before = [f for f in s.outside() if f.end <= start and not TIMES_UNIT.match(f.unit)]
        before = [f for f in before if f.start not in stated_spans]
        if len(before) >= 2 and comparable(before[-1].unit, before[-2].unit):
            return _relative_result(s, kind, m, start, end, stated, before[-1], before[-2])
    if references:
        missing = (
            "thiếu số liệu hiện tại cùng đơn vị với số so sánh "
            "(no current figure in the unit of the comparison figure)"
        )
    else:
        missing = "thiếu số liệu của kỳ so sánh (the comparison figure is not given)"
    return make_claim(s, kind, start, end, stated, None, [], missing)


def _dated_reference(
    s: Sentence, before: int, zone: str, stated_spans: frozenset[int]
) -> tuple[Figure, Figure] | None:
    """ "năm 2016 là 1.404,8 tỷ đồng, năm 2020 là 2.050,4 tỷ đồng, tăng 1,46 lần so với năm
    2016": the reference is the figure the sentence dates by the year the claim names."""
    named = re.search(r"năm\s+((?:19|20)\d\d)(?!\d)", zone)
    if named is None:
        return None
    year = int(named.group(1))
    candidates = [
        f
        for f in s.outside()
        if f.end <= before and not TIMES_UNIT.match(f.unit) and f.start not in stated_spans
    ]
    for reference in candidates:
        dated = year_near(s.found.years, reference, before=True)
        if dated is None or dated.value != year:
            continue
        current = current_for(s, before, reference, stated_spans)
        if current is not None and current.start > reference.start:
            return current, reference
    return None


def _relative_result(
    s: Sentence,
    kind: ClaimKind,
    m: re.Match[str],
    start: int,
    end: int,
    stated: tuple[str, Decimal, int, str | None],
    current: Figure,
    reference: Figure,
) -> Claim:
    figures = [figure_ref("current", current), figure_ref("reference", reference)]
    result = divide(current, reference)
    if kind is ClaimKind.PERCENT_OF:
        result = scaled(result, 100)
    elif kind is ClaimKind.CHANGE:
        decrease = m.group("dir").casefold() == "giảm"
        if decrease and result is not None:
            point, low, high = result
            result = ((1 - point) * 100, (1 - high) * 100, (1 - low) * 100)
        else:
            result = scaled(result, 100, 100)
    return make_claim(s, kind, start, end, stated, result, figures, "số so sánh bằng 0 (zero)")

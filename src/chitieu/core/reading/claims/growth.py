"""Average growth: "tăng bình quân 14,3%/năm", recomputed from two dated levels in the
sentence ("từ 3,86% năm 2015 xuống còn 0,22% năm 2020") or from a ratio claim with its
years; a rate's average fall is in points a year."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from chitieu.core.reading.claims.records import Claim, ClaimKind, FigureRef
from chitieu.core.reading.claims.sentence import TIMES_UNIT, Sentence, figure_at
from chitieu.core.reading.claims.verdicts import figure_ref, make_claim
from chitieu.core.reading.figures import Figure, year_near
from chitieu.core.reading.numerals import decimals
from chitieu.core.reading.precision import cagr, divide, interval
from chitieu.core.reading.unit_words import comparable

__all__ = ["growth_claims"]


_AVERAGE_WORDS: Final = re.compile(r"bình\s+quân|trung\s+bình", re.IGNORECASE)
_DECREASE: Final = re.compile(r"\bgiảm\b", re.IGNORECASE)
_FROM_TO: Final = re.compile(
    r"^\s*(?:\(?\s*năm\s+(?P<y>(?:19|20)\d\d)\s*\)?\s*,?\s*)?(?:lên|xuống|tăng\s+lên|giảm\s+xuống|"
    r"đến|tới)\s+(?:còn\s+|mức\s+|là\s+)?$",
    re.IGNORECASE,
)

_FROM: Final = re.compile(r"\btừ\s+(?:mức\s+)?$", re.IGNORECASE)


def growth_claims(s: Sentence, others: list[Claim]) -> list[Claim]:
    """Every average-growth claim of the sentence; ``others`` are its claims so far (a ratio
    claim with its years can back one)."""
    claims: list[Claim] = []
    levels: tuple[Figure, int, Figure, int] | None = None
    looked_up = False
    for figure in s.found.figures:
        if figure.unit.replace(" ", "") != "%/năm" or s.depth(figure.start) > 0:
            continue
        lead = s.text[max(s.span.start, figure.start - 30) : figure.start]
        average = _AVERAGE_WORDS.search(lead)
        if average is None:
            continue
        if not looked_up:
            levels, looked_up = _levels_from_to(s), True
        decrease = _DECREASE.search(lead) is not None
        start = figure.start - len(lead) + average.start()
        qualifier = re.search(r"(gần|khoảng|hơn|trên|xấp\s+xỉ)\s*$", lead, re.I)
        stated = (
            f"{figure.number}%/năm",
            figure.value,
            decimals(figure.number),
            qualifier.group(1).casefold() if qualifier else None,
        )
        claims.append(_growth(s, figure, start, stated, decrease, others, levels))
    return claims


def _growth(
    s: Sentence,
    figure: Figure,
    start: int,
    stated: tuple[str, Decimal, int, str | None],
    decrease: bool,
    others: list[Claim],
    levels: tuple[Figure, int, Figure, int] | None,
) -> Claim:
    result: tuple[Decimal, Decimal, Decimal] | None
    ratio: tuple[Decimal, Decimal, Decimal] | None
    if levels is not None:
        first, first_year, last, last_year = levels
        years = last_year - first_year
        figures = [figure_ref("start", first), figure_ref("end", last)]
        if "%" in first.unit and "%" in last.unit:
            # A rate falling "bình quân 0,73%/năm" falls by points a year, on average.
            diff = (first.value - last.value) if decrease else (last.value - first.value)
            f_lo, f_hi = interval(first)
            l_lo, l_hi = interval(last)
            spread = (f_hi - f_lo + l_hi - l_lo) / 2
            n = Decimal(years)
            result = (diff / n, (diff - spread) / n, (diff + spread) / n)
        else:
            ratio = divide(last, first)
            result = cagr(ratio, years, decrease)
        return make_claim(s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, result, figures)
    for claim in others:
        if claim.kind is not ClaimKind.RATIO or claim.sentence_start != s.span.start:
            continue
        current = next((f for f in claim.figures if f.role == "current"), None)
        end_figure = figure_at(s, current.start) if current else _ratio_subject(s, claim)
        if end_figure is None:
            continue
        end_year = year_near(s.found.years, end_figure, before=True) or year_near(
            s.found.years, end_figure, False
        )
        ref_year = next((y for y in s.found.years if claim.end <= y.start <= claim.end + 25), None)
        if end_year is None or ref_year is None or end_year.value <= ref_year.value:
            continue
        years = end_year.value - ref_year.value
        reference = next((f for f in claim.figures if f.role == "reference"), None)
        ref_figure = figure_at(s, reference.start) if reference else None
        if ref_figure is not None:
            ratio = divide(end_figure, ref_figure)
            figures = [figure_ref("end", end_figure), figure_ref("start", ref_figure)]
        else:
            half = Decimal(5) * Decimal(10) ** -(_decimals_of(claim.stated) + 1)
            value = claim.stated_value
            ratio = (value, value - half, value + half)
            figures = [
                figure_ref("end", end_figure),
                FigureRef("ratio", claim.stated, claim.start, claim.end),
            ]
        result = cagr(ratio, years, decrease)
        return make_claim(s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, result, figures)
    return make_claim(
        s, ClaimKind.AVERAGE_GROWTH, start, figure.end, stated, None, [],
        "thiếu giá trị đầu kỳ, cuối kỳ (hoặc số lần) và các năm trong câu "
        "(start and end levels, or a ratio, with their years, are not in the sentence)",
    )  # fmt: skip


def _decimals_of(stated: str) -> int:
    number = stated.split()[0]
    return decimals(number)


def _ratio_subject(s: Sentence, claim: Claim) -> Figure | None:
    """The figure a ratio with no stated reference value speaks of: the nearest figure
    before it outside parentheses that is not itself a ratio."""
    for figure in reversed(s.outside()):
        if (
            figure.end <= claim.start
            and not TIMES_UNIT.match(figure.unit)
            and "%" not in figure.unit
        ):
            return figure
    return None


def _levels_from_to(s: Sentence) -> tuple[Figure, int, Figure, int] | None:
    """ "từ 3,86% năm 2015 xuống còn 0,22% năm 2020": two dated levels."""
    figures = s.outside()
    for i, first in enumerate(figures[:-1]):
        if _FROM.search(s.text[max(s.span.start, first.start - 12) : first.start]) is None:
            continue
        last = figures[i + 1]
        gap = s.text[first.end : last.start]
        joined = _FROM_TO.match(gap)
        if joined is None or not comparable(first.unit, last.unit):
            continue
        first_year = int(joined.group("y")) if joined.group("y") else None
        last_year_obj = year_near(s.found.years, last, before=False)
        if first_year is None or last_year_obj is None:
            continue
        return first, first_year, last, last_year_obj.value
    return None

"""Figures in Vietnamese text: numbers with the unit written after them, fractions, years
and periods, found in one pass.

A few regular expressions find every figure of a stretch of text. The expressions are
built so that no quantified group contains another unbounded quantifier over the same
characters: a hostile input ("1.1.1.1…", 100 KB of digits) costs linear time. Numbers
follow vi-VN (:mod:`.numerals`) and are read by :func:`chitieu.core.numbers.parse_number`;
units are recognised by :mod:`.unit_words`. Dates and document numbers ("24/01/2019",
"45-NQ/TW") are not figures.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final

from chitieu.core.numbers import ARITHMETIC_PRECISION, parse_number
from chitieu.core.reading.numerals import NUMBER
from chitieu.core.reading.unit_words import DENOMINATOR, NUMERATOR, SCALE_ONLY, clean_unit, unit_of
from chitieu.core.units import Unit

__all__ = ["Figure", "Fraction", "Scan", "Year", "scan", "year_near"]


_FIGURE: Final = re.compile(
    rf"(?P<num>{NUMBER})(?P<unit>{NUMERATOR}(?:{DENOMINATOR}){{0,2}})?",
    flags=re.IGNORECASE,
)
_FRACTION: Final = re.compile(
    rf"(?P<a>{NUMBER})(?P<ua>{NUMERATOR})?\s*/\s*(?P<b>{NUMBER})(?P<ub>{NUMERATOR})?",
    flags=re.IGNORECASE,
)
# Dates and document numbers are not figures: "24/01/2019", "tháng 9/2019",
# "45-NQ/TW", "06/2018/NQ-HĐND".
_NOT_FIGURES: Final = re.compile(
    r"(?<![\w/])\d{1,2}/\d{1,2}/\d{4}(?!\d)"
    r"|(?i:tháng)\s+\d{1,2}/\d{4}(?!\d)"
    r"|(?<![\w/])\d{1,4}(?:/\d{1,4}){0,2}[-/][A-ZĐ][\w-]{0,12}(?:/[A-ZĐ][\w-]{0,12}){0,2}"
)
_YEAR_WORDS: Final = re.compile(
    r"(?:năm|giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|đến|từ|trước|sau|kỳ|-|–|,|và)\s*$",
    flags=re.IGNORECASE,
)
_PERIOD: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Figure:
    """A number with the unit written after it (possibly none)."""

    start: int
    end: int
    number: str  # as written: "1.500"
    value: Decimal
    unit: str  # as written, spaces tidied: "nghìn tỷ đồng", "%/năm", ""

    @property
    def text(self) -> str:
        return f"{self.number} {self.unit}".strip().replace(" %", "%")

    @property
    def written(self) -> str:
        """The figure as written, unit included only when it is written after the number."""
        return self.text if self.end - self.start > len(self.number) else self.number

    @property
    def parsed_unit(self) -> Unit | None:
        """The unit as the core reads it, or None when the unit table does not know it."""
        return unit_of(self.unit)

    @property
    def base_value(self) -> Decimal | None:
        """The value in base units (đồng, người, …); None when the unit is unknown."""
        unit = self.parsed_unit
        if unit is None:
            return None
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            return (self.value * unit.scale).normalize()


@dataclass(frozen=True)
class Fraction:
    """ "1.717/2.446 thôn", "(2.758 tỷ đồng/12.882 tỷ đồng)": a part of a whole."""

    start: int
    end: int
    numerator: Figure
    denominator: Figure


@dataclass(frozen=True)
class Year:
    start: int
    end: int
    value: int


@dataclass(frozen=True)
class Scan:
    """Everything figure-like in a stretch of text, in order of position."""

    figures: tuple[Figure, ...]
    fractions: tuple[Fraction, ...]
    years: tuple[Year, ...]
    periods: tuple[tuple[int, int, int, int], ...]  # (start, end, first year, last year)

    @functools.cached_property
    def _figure_starts(self) -> list[int]:
        return [f.start for f in self.figures]

    def figures_between(self, start: int, end: int) -> tuple[Figure, ...]:
        """Figures starting in [start, end), found by bisection (long items stay linear)."""
        starts = self._figure_starts
        return self.figures[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _figure(text: str, num_start: int, num: str, unit_text: str | None, end: int) -> Figure:
    return Figure(num_start, end, num, parse_number(num), clean_unit(unit_text or ""))


def _is_year(text: str, match: re.Match[str], start: int) -> bool:
    number = match.group("num")
    unit = (match.group("unit") or "").strip()
    if len(number) != 4 or not number.startswith(("19", "20")):
        return False
    if unit and not SCALE_ONLY.fullmatch(unit):
        return False
    before = text[max(start, match.start() - 16) : match.start()]
    after = text[match.end() : match.end() + 3]
    return _YEAR_WORDS.search(before) is not None or after.lstrip().startswith(("-", "–"))


def scan(text: str, start: int = 0, end: int | None = None) -> Scan:
    """Find figures, fractions, years and periods in ``text[start:end]``."""
    stop = len(text) if end is None else end
    masked = _Mask([(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text, start, stop)])
    fractions: list[Fraction] = []
    for m in _FRACTION.finditer(text, start, stop):
        ua, ub = clean_unit(m.group("ua") or ""), clean_unit(m.group("ub") or "")
        if masked.overlaps(m.start(), m.end()) or (ua and ua.casefold() != ub.casefold()):
            continue
        if "%" in ua or "%" in ub:
            continue
        numerator = _figure(text, m.start("a"), m.group("a"), ub, m.end("ua") if ua else m.end("a"))
        denominator = _figure(text, m.start("b"), m.group("b"), ub, m.end())
        fractions.append(Fraction(m.start(), m.end(), numerator, denominator))
    masked = masked.plus([(f.start, f.end) for f in fractions])
    periods = tuple(
        (m.start(), m.end(), int(m.group(1)), int(m.group(2)))
        for m in _PERIOD.finditer(text, start, stop)
        if int(m.group(1)) <= int(m.group(2)) and not masked.overlaps(m.start(), m.end())
    )
    masked = masked.plus([(p[0], p[1]) for p in periods])
    figures: list[Figure] = []
    years: list[Year] = []
    for m in _FIGURE.finditer(text, start, stop):
        if masked.overlaps(m.start(), m.end()):
            continue
        if _is_year(text, m, start):
            years.append(Year(m.start(), m.end(), int(m.group("num"))))
            continue
        figures.append(_figure(text, m.start(), m.group("num"), m.group("unit"), m.end()))
    return Scan(tuple(figures), tuple(fractions), tuple(years), periods)


class _Mask:
    """Spans that are not figures, merged and sorted so a lookup is a bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.spans = [(a, b) for a, b in merged]
        self.starts = [a for a, _b in self.spans]

    def plus(self, spans: list[tuple[int, int]]) -> _Mask:
        return _Mask(self.spans + spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.spans[i - 1][1] > start


def year_near(years: Sequence[Year], figure: Figure, before: bool) -> Year | None:
    """The year a figure is dated by: "năm 2020 ước đạt X" or "X năm 2015" / "(năm 2015)"."""
    best: Year | None = None
    for year in years:
        if before and figure.start - 40 <= year.end <= figure.start:
            best = year
        if not before and figure.end <= year.start <= figure.end + 14:
            return year
    return best

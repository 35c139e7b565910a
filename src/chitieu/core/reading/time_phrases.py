"""Years and periods as the text states them: "đến năm 2025", "giai đoạn 2021-2025",
"nhiệm kỳ 2020-2025", and the term a set of targets is for."""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "PERIOD_PHRASE",
    "TIME_PHRASE",
    "YEAR_PHRASE",
    "first_period",
    "first_year",
    "infer_term",
    "period_of",
]


# The space belongs to the preposition: a bare "\s*" before "năm" would be tried from
# every position of a run of blank lines, quadratic in its length.
YEAR_PHRASE: Final = re.compile(
    r"(?:(?P<prep>đến|vào|trước|trong|từ|tới|cuối)\s*)?năm\s+(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# A period runs forwards: period_of() drops "giai đoạn 2025-2021".
PERIOD_PHRASE: Final = re.compile(
    r"(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|trong)\s+(?P<a>(?:19|20)\d\d)\s*[-–]\s*"
    r"(?P<b>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)

TIME_PHRASE: Final = re.compile(
    r"(?:,\s*)?(?:(?:đến|vào|trước|trong|tới|cuối)\s+)?năm\s+(?:19|20)\d\d(?!\d)\s*,?"
    r"|(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s*,?",
    re.IGNORECASE,
)


def first_year(text: str, start: int, end: int) -> int | None:
    """The first year named by a year phrase in ``text[start:end]``."""
    match = YEAR_PHRASE.search(text, start, end)
    return int(match.group("year")) if match else None


def first_period(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first period in ``text[start:end]`` that runs forwards."""
    for match in PERIOD_PHRASE.finditer(text, start, end):
        period = period_of(match)
        if period is not None:
            return period
    return None


def period_of(match: re.Match[str]) -> tuple[int, int] | None:
    """The period a period phrase names, or None when it runs backwards."""
    first, last = int(match.group("a")), int(match.group("b"))
    return (first, last) if first <= last else None


def infer_term(text: str, start: int, end: int) -> tuple[tuple[int, int], bool]:
    """The term the targets are set for, and whether the text states it.

    A "giai đoạn 2021-2025" in the targets section wins; then a "nhiệm kỳ 2020-2025"
    anywhere (a term 2020-2025 sets targets for 2021-2025); then the latest "năm YYYY"
    in the section, taken as the last year of a five-year term.
    """
    periods = [
        (int(m.group("a")), int(m.group("b")))
        for m in PERIOD_PHRASE.finditer(text, start, end)
        if int(m.group("b")) - int(m.group("a")) in (4, 5)
    ]
    if periods:
        return max(set(periods), key=periods.count), True
    term = re.search(r"nhiệm\s+kỳ\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", text, re.I)
    if term and int(term.group(2)) > int(term.group(1)):
        return (int(term.group(1)) + 1, int(term.group(2))), True
    years = [int(m.group("year")) for m in YEAR_PHRASE.finditer(text, start, end)]
    last = max(years) if years else 2025
    return (last - 4, last), False

"""Periods of a figure: years, spans of years, and the parts of a year that reports give.

Monthly and quarterly reports state figures for a month ("tháng 9"), a quarter ("quý I"),
a half year ("6 tháng đầu năm") or the months of the year so far ("2 tháng", "11 tháng").
A figure for "9 tháng" and one for the year are different facts, and summing twelve
monthly figures into a year is only right for some indicators, so a period carries its
part of the year explicitly instead of being squeezed into a year number.

Canonical codes (CSV, JSON, API, store): ``2026`` (a year), ``2021-2025`` (several years),
``2026-M01`` (a month), ``2026-Q1`` (a quarter), ``2026-H1`` (a half year) and ``2026-9M``
(January to September: the year to date). The same span has one code: the first three
months are ``Q1``, the first six ``H1``, twelve months the year itself.

A figure's *basis* says what its number is measured against: the level itself, the same
period of the previous year ("so với cùng kỳ"), the year's plan ("bằng …% kế hoạch năm"),
the previous period ("so với tháng trước") or a named year ("gấp 2,1 lần năm 2015").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from chitieu.core.model import Text

__all__ = [
    "LEVEL",
    "PARTS",
    "Basis",
    "BasisKind",
    "Period",
    "PeriodError",
    "parse_basis",
    "parse_period",
]

#: Years a figure may refer to: wide enough for any resolution, narrow enough that a
#: typo ("20255") is caught.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2200

_ROMAN: Final = ("I", "II", "III", "IV")
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class PeriodError(ValueError):
    """A period text that names no period chitieu knows; the message says what was read."""


@dataclass(frozen=True, order=True)
class Period:
    """Years ``first``..``last``, or one part ``part`` of the single year ``first``.

    ``part`` is ``""`` for whole years, ``"M01"``..``"M12"`` for a month, ``"Q1"``..``"Q4"``,
    ``"H1"``/``"H2"``, or ``"2M"``..``"11M"`` for the first *n* months (never ``"3M"``,
    ``"6M"`` or ``"12M"``: those are ``Q1``, ``H1`` and the year).
    """

    first: int
    last: int
    part: str = ""

    def __post_init__(self) -> None:
        for year in (self.first, self.last):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise PeriodError(f"year {year} outside {MIN_YEAR}–{MAX_YEAR}")
        if self.first > self.last:
            raise PeriodError(f"period {self.first}-{self.last} ends before it starts")
        if self.part:
            if self.first != self.last:
                raise PeriodError(f"part of a year {self.part!r} needs a single year")
            if _months_of(self.part) is None:
                raise PeriodError(f"unknown part of a year {self.part!r}")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(year, year)

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        return cls(first, last)

    @classmethod
    def months_to_date(cls, year: int, months: int) -> Period:
        """The first ``months`` months of ``year``, under its one canonical code."""
        if not 1 <= months <= 12:
            raise PeriodError(f"{months} months: a year has 1 to 12")
        part = {1: "M01", 3: "Q1", 6: "H1", 12: ""}.get(months, f"{months}M")
        return cls(year, year, part)

    @property
    def years_span(self) -> tuple[int, int]:
        """(first year, last year): the key the yearly evaluation has always used."""
        return (self.first, self.last)

    @property
    def is_annual(self) -> bool:
        """Whole years (one or several): what a five-year target is judged on."""
        return not self.part

    @property
    def is_sub_annual(self) -> bool:
        return bool(self.part)

    @property
    def months(self) -> tuple[int, int]:
        """First and last month covered within the year (1..12 for whole years)."""
        span = _months_of(self.part)
        assert span is not None  # guaranteed by __post_init__
        return span

    @property
    def month_count(self) -> int:
        a, b = self.months
        return (b - a + 1) * (self.last - self.first + 1)

    @property
    def is_year_to_date(self) -> bool:
        """A part that starts in January: the year so far ("9 tháng", "quý I", "tháng 1")."""
        return bool(self.part) and self.months[0] == 1

    @property
    def code(self) -> str:
        if self.part:
            return f"{self.first}-{self.part}"
        if self.first == self.last:
            return str(self.first)
        return f"{self.first}-{self.last}"

    def label(self, lang: str = "vi") -> str:
        """The period as people write it: "quý I/2026", "9 tháng đầu năm 2026", "2021–2025"."""
        return self.text().get(lang)

    def text(self) -> Text:
        y, part = self.first, self.part
        if not part:
            same = self.first == self.last
            s = str(y) if same else f"{self.first}–{self.last}"
            return Text(s, s)
        if part.startswith("M"):
            m = int(part[1:])
            return Text(f"tháng {m}/{y}", f"{_MONTHS_EN[m - 1]} {y}")
        if part.startswith("Q"):
            q = int(part[1:])
            return Text(f"quý {_ROMAN[q - 1]}/{y}", f"Q{q} {y}")
        if part == "H1":
            return Text(f"6 tháng đầu năm {y}", f"H1 {y}")
        if part == "H2":
            return Text(f"6 tháng cuối năm {y}", f"H2 {y}")
        n = int(part[:-1])
        return Text(f"{n} tháng đầu năm {y}", f"first {n} months of {y}")

    def __str__(self) -> str:
        return self.code


def _months_of(part: str) -> tuple[int, int] | None:
    if part == "":
        return (1, 12)
    if m := re.fullmatch(r"M(0[1-9]|1[0-2])", part):
        month = int(m.group(1))
        return (month, month)
    if m := re.fullmatch(r"Q([1-4])", part):
        q = int(m.group(1))
        return (3 * q - 2, 3 * q)
    if part == "H1":
        return (1, 6)
    if part == "H2":
        return (7, 12)
    if m := re.fullmatch(r"([2-9]|1[01])M", part):
        n = int(m.group(1))
        if n in (3, 6):
            return None  # canonical codes are Q1 and H1
        return (1, n)
    return None


#: Every part of a year a figure may cover, in the order of the months they end on
#: (the store checks its ``part`` column against this list).
PARTS: Final[tuple[str, ...]] = tuple(
    sorted(
        (
            *(f"M{m:02d}" for m in range(1, 13)),
            *(f"Q{q}" for q in range(1, 5)),
            "H1",
            "H2",
            *(f"{n}M" for n in (2, 4, 5, 7, 8, 9, 10, 11)),
        ),
        key=lambda p: (_months_of(p) or (0, 0))[::-1],
    )
)

_ROMAN_VALUE: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR: Final = r"(\d{4})"
# Machine codes first, then the ways Vietnamese reports and spreadsheets write periods.
_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(p, re.IGNORECASE), kind)
    for p, kind in (
        (rf"{_YEAR}", "year"),
        (rf"{_YEAR}\s*[-–]\s*{_YEAR}", "years"),
        (rf"{_YEAR}-M(\d{{1,2}})", "month"),
        (rf"{_YEAR}-(\d{{2}})", "month"),
        (rf"(\d{{1,2}})/{_YEAR}", "month_rev"),
        (rf"tháng\s+(\d{{1,2}})\s*(?:/|năm)\s*{_YEAR}", "month_rev"),
        (rf"{_YEAR}-Q([1-4])", "quarter"),
        (rf"Q([1-4])\s*[/ ]\s*{_YEAR}", "quarter_rev"),
        (rf"quý\s+(I|II|III|IV|[1-4])\s*(?:/|năm)\s*{_YEAR}", "quarter_rev"),
        (rf"{_YEAR}-[HS]([12])", "half"),
        (rf"[HS]([12])\s*[/ ]\s*{_YEAR}", "half_rev"),
        (rf"6\s+tháng\s+đầu\s+năm\s+{_YEAR}", "h1"),
        (rf"6\s+tháng\s+cuối\s+năm\s+{_YEAR}", "h2"),
        (rf"{_YEAR}-(\d{{1,2}})M", "ytd"),
        (rf"(\d{{1,2}})\s*(?:T|tháng)(?:\s+đầu)?(?:\s*/\s*|\s+năm\s+|\s+){_YEAR}", "ytd_rev"),
    )
)


def parse_period(text: str) -> Period:
    """Read a period code or a common written form; raise :class:`PeriodError` otherwise.

    Accepted besides the canonical codes: ``2026-01`` and ``01/2026`` or ``tháng 1/2026``
    (a month), ``Q1/2026`` or ``quý I/2026``, ``2026-S1``/``H1/2026``/``6 tháng đầu năm
    2026``, ``9 tháng 2026``/``9T/2026``/``9 tháng đầu năm 2026`` (the year to date).
    """
    raw = unicodedata.normalize("NFC", text).strip()
    if not raw or len(raw) > 40:
        raise PeriodError(f"not a period: {text!r}")
    for pattern, kind in _PATTERNS:
        m = pattern.fullmatch(raw)
        if m is None:
            continue
        try:
            return _build(kind, m.groups())
        except ValueError as exc:
            raise PeriodError(f"not a period: {text!r} ({exc})") from None
    raise PeriodError(
        f"not a period: {text!r} (expected e.g. 2026, 2021-2025, 2026-M01, 2026-Q1, "
        "2026-H1, 2026-9M)"
    )


def _build(kind: str, groups: tuple[str | None, ...]) -> Period:
    g = [x or "" for x in groups]
    if kind == "year":
        return Period.year(int(g[0]))
    if kind == "years":
        return Period.years(int(g[0]), int(g[1]))
    if kind == "month":
        return _month(int(g[0]), int(g[1]))
    if kind == "month_rev":
        return _month(int(g[1]), int(g[0]))
    if kind == "quarter":
        return Period(int(g[0]), int(g[0]), f"Q{g[1]}")
    if kind == "quarter_rev":
        q = g[0].lower()
        number = _ROMAN_VALUE[q] if q in _ROMAN_VALUE else int(q)
        return Period(int(g[1]), int(g[1]), f"Q{number}")
    if kind == "half":
        return Period(int(g[0]), int(g[0]), f"H{g[1]}")
    if kind == "half_rev":
        return Period(int(g[1]), int(g[1]), f"H{g[0]}")
    if kind == "h1":
        return Period(int(g[0]), int(g[0]), "H1")
    if kind == "h2":
        return Period(int(g[0]), int(g[0]), "H2")
    if kind == "ytd":
        return Period.months_to_date(int(g[0]), int(g[1]))
    if kind == "ytd_rev":
        return Period.months_to_date(int(g[1]), int(g[0]))
    raise AssertionError(kind)  # pragma: no cover - every pattern has a builder


def _month(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"month {month} is not 1..12")
    return Period(year, year, f"M{month:02d}")


class BasisKind(StrEnum):
    """What a figure's number is measured against."""

    LEVEL = "level"
    SAME_PERIOD = "same_period"
    PLAN = "plan"
    PREVIOUS_PERIOD = "previous_period"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class Basis:
    """The basis of a figure; ``year`` only for :attr:`BasisKind.YEAR` ("so với năm 2015").

    * ``level``: the value itself (exports 9 months: 30 tỷ USD);
    * ``same_period``: a change in % against the same period of the previous year, signed
      ("tăng 12,5% so với cùng kỳ" → 12,5; "giảm 3%" → −3);
    * ``plan``: the value as a % of the year's plan or budget estimate ("bằng 75,2% kế
      hoạch năm", "đạt 81% dự toán");
    * ``previous_period``: a change in % against the previous month or quarter;
    * ``year``: against a named year, in the unit written ("gấp 2,1 lần so với năm 2015").
    """

    kind: BasisKind = BasisKind.LEVEL
    year: int | None = None

    def __post_init__(self) -> None:
        if (self.kind is BasisKind.YEAR) != (self.year is not None):
            raise PeriodError("a 'year' basis needs its year, and only it has one")

    @property
    def is_level(self) -> bool:
        return self.kind is BasisKind.LEVEL

    @property
    def code(self) -> str:
        return f"year:{self.year}" if self.kind is BasisKind.YEAR else self.kind.value

    def text(self) -> Text:
        if self.kind is BasisKind.LEVEL:
            return Text("", "")
        if self.kind is BasisKind.SAME_PERIOD:
            return Text("so với cùng kỳ năm trước", "on the same period of the previous year")
        if self.kind is BasisKind.PLAN:
            return Text("so với kế hoạch năm", "of the year's plan")
        if self.kind is BasisKind.PREVIOUS_PERIOD:
            return Text("so với kỳ trước", "on the previous period")
        return Text(f"so với năm {self.year}", f"relative to {self.year}")

    def __str__(self) -> str:
        return self.code


LEVEL: Final = Basis()


def parse_basis(text: str) -> Basis:
    """Read a basis code (``level``, ``same_period``, ``plan``, ``previous_period``,
    ``year:2015``); an empty text is the level."""
    raw = text.strip().lower()
    if not raw:
        return LEVEL
    if m := re.fullmatch(r"year:(\d{4})", raw):
        return Basis(BasisKind.YEAR, int(m.group(1)))
    try:
        kind = BasisKind(raw)
    except ValueError:
        raise PeriodError(
            f"not a basis: {text!r} (expected level, same_period, plan, previous_period "
            "or year:YYYY)"
        ) from None
    if kind is BasisKind.YEAR:
        raise PeriodError("a 'year' basis needs its year: year:2015")
    return Basis(kind)

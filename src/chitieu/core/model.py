"""The target model: resolution → groups → targets → clauses, and the indicators they measure.

Everything here is immutable so that an evaluation can hold references to the exact
definition it judged, and so that the same objects can be shared by CLI, store and web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Direction(StrEnum):
    """Which way is better for an indicator."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Measure(StrEnum):
    """What an indicator's yearly figure is.

    ``level`` is an amount or a ratio observed at a date or over a year (GRDP, exports,
    a share in %); ``growth_rate`` is a yearly rate of change in % (GRDP growth, IIP
    growth). Average-growth targets are judged differently on each (DESIGN §3).
    """

    LEVEL = "level"
    GROWTH_RATE = "growth_rate"


class Aggregation(StrEnum):
    """How an indicator aggregates across areas (flows sum; ratios need parts)."""

    SUM = "sum"
    RATIO = "ratio"
    NONE = "none"


class TimeAggregation(StrEnum):
    """Whether the figures of the parts of a year add up to the year's figure.

    ``sum`` only for flows (exports, budget revenue, investment, tourists): twelve monthly
    figures, four quarters or "9 tháng" plus the fourth quarter make the year. ``none``
    (the default) for everything else — a rate, a share, a stock, a level per person —
    where no sum of sub-annual figures is ever taken for the year.
    """

    SUM = "sum"
    NONE = "none"


class ClauseKind(StrEnum):
    """The clause kinds of DESIGN §2; each is evaluated on its own statistic."""

    LEVEL = "level"
    AVERAGE_GROWTH = "average_growth"
    CUMULATIVE = "cumulative"
    PER_YEAR = "per_year"
    SHARE = "share"
    STRUCTURE = "structure"
    COVERAGE = "coverage"
    MILESTONE = "milestone"
    RANK = "rank"


class BoundKind(StrEnum):
    """How the target value is stated.

    point ("đạt 35 tỷ USD"), at_least ("tối thiểu", "ít nhất"), above ("trên"),
    below ("dưới"), at_most ("không quá", "tối đa"), range ("87-88 %", "40 ÷ 50 %"),
    about ("khoảng").
    """

    POINT = "point"
    AT_LEAST = "at_least"
    ABOVE = "above"
    BELOW = "below"
    AT_MOST = "at_most"
    RANGE = "range"
    ABOUT = "about"


@dataclass(frozen=True)
class Text:
    """A text in Vietnamese with its English counterpart (English may be empty)."""

    vi: str
    en: str = ""

    def get(self, lang: str) -> str:
        if lang == "en" and self.en:
            return self.en
        return self.vi


@dataclass(frozen=True)
class Citation:
    """Where a definition or a figure comes from: a document and a place in it."""

    document: str = ""
    section: str = ""
    line: int | None = None
    url: str = ""
    date: str = ""
    quote: str = ""

    def label(self, lang: str = "vi") -> str:
        parts = [p for p in (self.document, self.section) if p]
        if self.line is not None:
            parts.append(f"line {self.line}" if lang == "en" else f"dòng {self.line}")
        if self.url:
            parts.append(self.url)
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


@dataclass(frozen=True)
class Indicator:
    """What is measured: unit, direction and how it behaves over time and areas."""

    code: str
    name: Text
    unit: str
    direction: Direction = Direction.HIGHER
    measure: Measure = Measure.LEVEL
    aggregation: Aggregation = Aggregation.NONE
    source: Citation = field(default_factory=Citation)
    time_aggregation: TimeAggregation = TimeAggregation.NONE


@dataclass(frozen=True)
class Bound:
    """The target value of a clause, in the clause's unit.

    ``low``/``high`` are the numbers as written: a one-sided bound uses ``low`` for
    at_least/above and ``high`` for below/at_most; point and about use ``low == high``.
    """

    kind: BoundKind
    low: Decimal | None
    high: Decimal | None
    unit: str

    def __post_init__(self) -> None:
        k = self.kind
        if k in (BoundKind.AT_LEAST, BoundKind.ABOVE) and self.low is None:
            raise ValueError(f"bound {k} needs a low value")
        if k in (BoundKind.BELOW, BoundKind.AT_MOST) and self.high is None:
            raise ValueError(f"bound {k} needs a high value")
        if k in (BoundKind.POINT, BoundKind.ABOUT, BoundKind.RANGE) and (
            self.low is None or self.high is None
        ):
            raise ValueError(f"bound {k} needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"bound low {self.low} is greater than high {self.high}")


@dataclass(frozen=True)
class Clause:
    """One quantified requirement of a target.

    ``year`` is the year the requirement refers to (level kinds, milestone due year);
    ``period`` the years it covers (average growth, cumulative, per year). ``base_year``
    and ``base_value`` override the resolution's baseline when the text states one.
    """

    id: str
    text: str
    indicator: str
    kind: ClauseKind
    bound: Bound
    label: Text = field(default_factory=lambda: Text(""))
    year: int | None = None
    period: tuple[int, int] | None = None
    base_year: int | None = None
    base_value: Decimal | None = None
    tolerance: Decimal | None = None
    each_year: bool = False
    source: Citation = field(default_factory=Citation)

    @property
    def end_year(self) -> int:
        if self.period is not None:
            return self.period[1]
        if self.year is None:
            raise ValueError(f"clause {self.id} has neither year nor period")
        return self.year


class Verdict(StrEnum):
    """Final classification (term over) and in-term status, in one vocabulary."""

    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def is_final(self) -> bool:
        return self in (Verdict.EXCEEDED, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED)


@dataclass(frozen=True)
class ExternalAssessment:
    """A verdict somebody else published (e.g. the report itself), kept with its citation.

    Used when the target value is unknown: chitieu never guesses a value, it records
    what the report says and shows it as the report's verdict, not its own.
    """

    verdict: Verdict
    citation: Citation
    met_early_years: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Target:
    """A chỉ tiêu. Counted by its headline clause unless configured otherwise.

    The main targets carry their number ("(1)".."(20)"); targets found in the prose of
    the tasks section have ``number=None`` and are reported apart from the count.
    """

    id: str
    group: str
    text: str
    clauses: tuple[Clause, ...]
    number: int | None = None
    headline: str | None = None
    label: Text = field(default_factory=lambda: Text(""))
    source: Citation = field(default_factory=Citation)
    reported: ExternalAssessment | None = None
    value_known: bool = True

    @property
    def headline_clause(self) -> Clause | None:
        if not self.clauses:
            return None
        if self.headline is None:
            return self.clauses[0]
        for clause in self.clauses:
            if clause.id == self.headline:
                return clause
        raise ValueError(f"target {self.id}: headline clause {self.headline} not found")


@dataclass(frozen=True)
class Group:
    code: str
    name: Text


@dataclass(frozen=True)
class Area:
    """An administrative area with a validity period and its predecessors (lineage)."""

    code: str
    name: Text
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    predecessors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """A five-year resolution: its targets, the indicators they use and its areas."""

    id: str
    title: Text
    body: Text
    base_year: int
    period: tuple[int, int]
    area: str
    groups: tuple[Group, ...]
    targets: tuple[Target, ...]
    indicators: tuple[Indicator, ...]
    areas: tuple[Area, ...] = ()
    source: Citation = field(default_factory=Citation)
    extra_targets: tuple[Target, ...] = ()
    counted_targets: int | None = None
    counted_note: Text = field(default_factory=lambda: Text(""))

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def group(self, code: str) -> Group:
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(code)

    def target(self, key: int | str) -> Target:
        for t in (*self.targets, *self.extra_targets):
            if t.id == str(key):
                return t
        raise KeyError(key)

"""Plausible figures: the limits of each kind of indicator, a figure against its own history,
a per-person figure against its total, and the period a resolution covers.

Two uses, one set of rules:

* :func:`assess` judges one figure as it is entered (form, pasted years, workbook, API,
  command line) and again when a reviewer looks at it. An *impossible* figure (a rate
  outside 0–100 %, a negative amount, a fall of more than 100 %, a year after the term)
  is refused; an *implausible* one (growth far outside the area's own history, a
  level ten times its other years, a per-person figure that moves against its total, a
  period before the previous term) needs a written justification, kept with the figure.
  A figure in another currency than its indicator's (a source publishing GRDP per head in
  đồng) is kept as reported: the data check notes it, the evaluation converts it.
* :func:`plausibility` is the data check of :func:`~chitieu.core.analysis.validation.validate`
  over stored figures: the same limits, as violations (impossible → ``high``, which blocks
  approval), plus units that need an exchange rate and levels ten times their series.

Every message is one sentence about the figure itself ("−3% nằm ngoài …"); the caller
says which figure it is (a form field, a row of a file, a line of the review queue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from statistics import median
from typing import Final

from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.validation.kinds import IndicatorKind, kind_of
from chitieu.core.analysis.validation.values import value_in, yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.explain import qty
from chitieu.core.model import Indicator, Measure, Text
from chitieu.core.observations import Observation, current
from chitieu.core.periods import MAX_YEAR, MIN_YEAR, BasisKind
from chitieu.core.units import UnknownUnitError, compatible, unit_label, uses_rate

__all__ = [
    "SEVERITY_LABEL",
    "FigureContext",
    "Finding",
    "Severity",
    "assess",
    "plausibility",
]

#: A level more than this many times above (or below) the median of its other years.
MAGNITUDE_FACTOR: Final = 10.0
#: A yearly growth rate cannot fall below −100 %: the level would be negative.
GROWTH_FLOOR: Final = -100.0
#: Without three other years to compare with, growth outside this band (in %) is flagged:
#: wider than any province's published yearly growth, narrower than a slipped comma.
GROWTH_BAND: Final = (-30.0, 50.0)
GROWTH_MIN_HISTORY: Final = 3
#: With a history, growth is flagged beyond 3,5 robust standard deviations (median and MAD,
#: as the outlier check) and at least this many points from the median.
GROWTH_Z: Final = 3.5
GROWTH_MIN_DISTANCE: Final = 10.0
#: A per-person figure's yearly change may differ from its total's growth by this many
#: points (population growth, prices and exchange rates): beyond, the units disagree.
PER_PERSON_TOLERANCE: Final = 25.0


class Severity(StrEnum):
    """What happens to a figure with a finding: refused, or kept with a justification."""

    IMPOSSIBLE = "impossible"
    IMPLAUSIBLE = "implausible"


SEVERITY_LABEL = {
    Severity.IMPOSSIBLE: Text("không thể đúng", "impossible"),
    Severity.IMPLAUSIBLE: Text("bất thường", "implausible"),
}


@dataclass(frozen=True)
class Finding:
    """One rule a figure breaks: which, how badly, and one sentence that says why."""

    rule: str  # share_range, not_negative, rank, year, growth_floor, growth_history, …
    severity: Severity
    message: Text

    @property
    def refused(self) -> bool:
        return self.severity is Severity.IMPOSSIBLE


@dataclass(frozen=True)
class FigureContext:
    """What a figure is judged against.

    ``history`` holds the current figures of the same indicator and area for *other*
    years, in the indicator's unit; ``term`` is (base year, last year) of the resolution
    (``None``: no resolution to compare with); ``total_growth`` is, for a per-person
    indicator, the yearly growth (%) of its total, named ``total_name``.
    """

    indicator: Indicator
    term: tuple[int, int] | None = None
    history: Mapping[int, float] = field(default_factory=dict)
    total_growth: Mapping[int, float] = field(default_factory=dict)
    total_name: Text = field(default_factory=lambda: Text(""))


def assess(obs: Observation, context: FigureContext) -> tuple[Finding, ...]:
    """Every plausibility rule ``obs`` breaks, impossible ones first."""
    ind = context.indicator
    kind = kind_of(ind)
    found: list[Finding] = []
    period = _period_finding(obs, context.term)
    if period is not None:
        found.append(period)
    if not obs.basis.is_level:
        found.extend(_comparison_findings(obs))
        found.sort(key=lambda f: 0 if f.refused else 1)
        return tuple(found)
    try:
        needs_rate = uses_rate(obs.unit, ind.unit)
    except UnknownUnitError:
        needs_rate = False
    value = value_in(obs, ind.unit)
    if value is None and not needs_rate:
        found.append(
            Finding(
                "unit",
                Severity.IMPOSSIBLE,
                Text(
                    f"Đơn vị {obs.unit} không đổi được sang {ind.unit} của chỉ tiêu.",
                    f"The unit {obs.unit} does not convert to the indicator's {ind.unit}.",
                ),
            )
        )
    # Signs and ranges hold in any currency: a negative amount is impossible in đồng or USD.
    raw = value if value is not None else (float(obs.value) if needs_rate else None)
    limit = None if raw is None else limit_finding(kind, raw, obs)
    if limit is not None:
        found.append(limit)
    elif value is not None and obs.is_year:
        if kind is IndicatorKind.GROWTH:
            found.extend(_growth_findings(value, obs, context.history))
        elif kind in (IndicatorKind.AMOUNT, IndicatorKind.PER_PERSON, IndicatorKind.OTHER):
            found.extend(_magnitude_findings(value, obs, ind, context.history))
        if kind is IndicatorKind.PER_PERSON:
            found.extend(_per_person_findings(value, obs, ind, context))
    found.sort(key=lambda f: 0 if f.refused else 1)
    return tuple(found)


def _comparison_findings(obs: Observation) -> list[Finding]:
    """A figure stated against something ("tăng 8,2% so với cùng kỳ", "bằng 75% kế hoạch
    năm") is a percentage, not a level in the indicator's unit: the level's limits do not
    apply, but nothing falls by more than 100% and no share of a plan is negative."""
    shown = Text(_q(obs.value, obs.unit, "vi"), _q(obs.value, obs.unit, "en"))
    kind = obs.basis.kind
    if kind is BasisKind.YEAR:  # "gấp 1,5 lần năm 2020": kept in the unit it was written in
        return []
    try:
        percent = bool(compatible(obs.unit, "%"))
    except (UnknownUnitError, ValueError):
        percent = False
    if not percent:
        return [
            Finding(
                "unit",
                Severity.IMPOSSIBLE,
                Text(
                    f"Số liệu so sánh ({obs.basis_label('vi')}) tính bằng %, không phải "
                    f"{obs.unit}.",
                    f"A figure {obs.basis_label('en')} is a percentage, not {obs.unit}.",
                ),
            )
        ]
    value = float(obs.value)
    if kind is BasisKind.PLAN and value < 0:
        return [
            Finding(
                "not_negative",
                Severity.IMPOSSIBLE,
                Text(
                    f"{shown.vi} không thể đúng: phần đã thực hiện của kế hoạch không thể âm.",
                    f"{shown.en} is impossible: the share of a plan carried out cannot be "
                    "negative.",
                ),
            )
        ]
    if kind in (BasisKind.SAME_PERIOD, BasisKind.PREVIOUS_PERIOD) and value <= GROWTH_FLOOR:
        return [
            Finding(
                "growth_floor",
                Severity.IMPOSSIBLE,
                Text(
                    f"{shown.vi} không thể đúng: không thể giảm quá 100%.",
                    f"{shown.en} is impossible: nothing falls by more than 100%.",
                ),
            )
        ]
    return []


def limit_finding(kind: IndicatorKind, value: float, obs: Observation) -> Finding | None:
    """The hard limit of ``kind`` that ``value`` (in the indicator's unit) breaks, if any."""
    shown = Text(_q(obs.value, obs.unit, "vi"), _q(obs.value, obs.unit, "en"))
    if kind is IndicatorKind.SHARE and not 0.0 <= value <= 100.0:
        return Finding(
            "share_range",
            Severity.IMPOSSIBLE,
            Text(
                f"{shown.vi} không thể đúng: một tỷ lệ hay tỷ trọng nằm trong khoảng 0–100%.",
                f"{shown.en} is impossible: a rate or a share lies between 0 and 100%.",
            ),
        )
    if kind in (IndicatorKind.AMOUNT, IndicatorKind.PER_PERSON) and value < 0:
        return Finding(
            "not_negative",
            Severity.IMPOSSIBLE,
            Text(
                f"{shown.vi} không thể đúng: một số lượng hay giá trị không thể âm.",
                f"{shown.en} is impossible: an amount or a count cannot be negative.",
            ),
        )
    if kind is IndicatorKind.RANK and (value < 1 or value != int(value)):
        return Finding(
            "rank",
            Severity.IMPOSSIBLE,
            Text(
                f"{_plain(obs.value, 'vi')} không phải là một thứ hạng: thứ hạng là số nguyên "
                "từ 1 trở lên.",
                f"{_plain(obs.value, 'en')} is not a rank: a rank is a whole number from 1.",
            ),
        )
    if kind is IndicatorKind.YEAR and (not MIN_YEAR <= value <= MAX_YEAR or value != int(value)):
        return Finding(
            "year",
            Severity.IMPOSSIBLE,
            Text(
                f"{_plain(obs.value, 'vi')} không phải là một năm (ví dụ 2023).",
                f"{_plain(obs.value, 'en')} is not a year (e.g. 2023).",
            ),
        )
    if kind is IndicatorKind.GROWTH and value <= GROWTH_FLOOR:
        return Finding(
            "growth_floor",
            Severity.IMPOSSIBLE,
            Text(
                f"{shown.vi} không thể đúng: không thể giảm quá 100% trong một năm.",
                f"{shown.en} is impossible: nothing falls by more than 100% in a year.",
            ),
        )
    return None


def _period_finding(obs: Observation, term: tuple[int, int] | None) -> Finding | None:
    """A period after the term is a slip; one before the previous term (the term the
    report evaluates, whose figures are the base) needs a word; the rest is the term."""
    if term is None:
        return None
    base, end = term
    first, last = obs.period
    label = obs.period_label()
    if last > end:
        return Finding(
            "period",
            Severity.IMPOSSIBLE,
            Text(
                f"Năm {label} nằm sau kỳ của nghị quyết (năm gốc {base} đến {end}); kiểm tra "
                f"lại năm.",
                f"{label} lies after the resolution's term (base year {base} to {end}); check "
                f"the year.",
            ),
        )
    earliest = base - (end - base)
    if first < earliest:
        return Finding(
            "period",
            Severity.IMPLAUSIBLE,
            Text(
                f"Năm {label} nằm trước cả kỳ trước của nghị quyết (năm gốc {base} đến {end}); "
                f"kiểm tra lại năm.",
                f"{label} lies even before the previous term of the resolution (base year "
                f"{base} to {end}); check the year.",
            ),
        )
    return None


def _growth_findings(value: float, obs: Observation, history: Mapping[int, float]) -> list[Finding]:
    others = [v for year, v in history.items() if year != obs.year]
    if len(others) >= GROWTH_MIN_HISTORY:
        med = median(others)
        mad = median(abs(v - med) for v in others)
        spread = max(GROWTH_Z * mad / 0.6745, GROWTH_MIN_DISTANCE)
        if abs(value - med) <= spread:
            return []
        low, high = med - spread, med + spread
        return [
            Finding(
                "growth_history",
                Severity.IMPLAUSIBLE,
                Text(
                    f"{_q(obs.value, obs.unit, 'vi')} khác xa các năm khác của địa bàn (trung "
                    f"vị {fmt(med, 'vi')}%, thường trong khoảng {fmt(low, 'vi')}% đến "
                    f"{fmt(high, 'vi')}%).",
                    f"{_q(obs.value, obs.unit, 'en')} is far from the area's other years "
                    f"(median {fmt(med, 'en')}%, usually between {fmt(low, 'en')}% and "
                    f"{fmt(high, 'en')}%).",
                ),
            )
        ]
    low, high = GROWTH_BAND
    if low <= value <= high:
        return []
    return [
        Finding(
            "growth_history",
            Severity.IMPLAUSIBLE,
            Text(
                f"{_q(obs.value, obs.unit, 'vi')} nằm ngoài khoảng tăng trưởng thường gặp "
                f"({fmt(low, 'vi')}% đến {fmt(high, 'vi')}% một năm).",
                f"{_q(obs.value, obs.unit, 'en')} is outside the usual range of growth "
                f"({fmt(low, 'en')}% to {fmt(high, 'en')}% a year).",
            ),
        )
    ]


def _magnitude_findings(
    value: float, obs: Observation, ind: Indicator, history: Mapping[int, float]
) -> list[Finding]:
    others = [v for year, v in history.items() if year != obs.year]
    if len(others) < 2:
        return []
    med = median(others)
    if med <= 0 or value <= 0:
        return []
    ratio = value / med
    if 1.0 / MAGNITUDE_FACTOR <= ratio <= MAGNITUDE_FACTOR:
        return []
    return [
        Finding(
            "magnitude",
            Severity.IMPLAUSIBLE,
            Text(
                f"{_q(obs.value, obs.unit, 'vi')} gấp {fmt(ratio, 'vi')} lần trung vị các năm "
                f"khác ({_q(Decimal(repr(round(med, 2))), ind.unit, 'vi')}); kiểm tra đơn vị "
                f"(nghìn, triệu, tỷ).",
                f"{_q(obs.value, obs.unit, 'en')} is {fmt(ratio, 'en')} times the median of "
                f"the other years ({_q(Decimal(repr(round(med, 2))), ind.unit, 'en')}); check "
                f"the scale (thousand, million, billion).",
            ),
        )
    ]


def _per_person_findings(
    value: float, obs: Observation, ind: Indicator, context: FigureContext
) -> list[Finding]:
    previous = context.history.get(obs.year - 1)
    growth = context.total_growth.get(obs.year)
    if previous is None or growth is None or previous <= 0:
        return []
    change = (value / previous - 1.0) * 100.0
    if abs(change - growth) <= PER_PERSON_TOLERANCE:
        return []
    total = context.total_name
    return [
        Finding(
            "per_person",
            Severity.IMPLAUSIBLE,
            Text(
                f"{_q(obs.value, obs.unit, 'vi')} thay đổi {fmt(change, 'vi')}% so với năm "
                f"{obs.year - 1} trong khi {total.vi or 'tổng số'} tăng {fmt(growth, 'vi')}%; "
                f"kiểm tra đơn vị (ví dụ triệu đồng hay USD).",
                f"{_q(obs.value, obs.unit, 'en')} changes by {fmt(change, 'en')}% from "
                f"{obs.year - 1} while {total.get('en') or 'the total'} grows by "
                f"{fmt(growth, 'en')}%; check the unit (e.g. million đồng or USD).",
            ),
        )
    ]


def _q(value: Decimal, unit: str, lang: str) -> str:
    try:
        return qty(value, unit, lang)
    except UnknownUnitError:
        return f"{_plain(value, lang)} {unit}".strip()


def _plain(value: Decimal, lang: str) -> str:
    return fmt(float(value), lang, 6)


def _label(unit: str, lang: str) -> str:
    try:
        return unit_label(unit, lang)
    except UnknownUnitError:
        return unit


# -- the data check over stored figures ------------------------------------------------


def plausibility(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> list[Violation]:
    """Units that need a rate or do not convert; the limits of each kind of indicator
    (impossible: high, blocks approval); no figure ten times above or below the median of
    its series."""
    cur = list(current(observations).values())
    out: list[Violation] = []
    for obs in cur:
        ind = indicators.get(obs.indicator)
        if ind is None or not obs.basis.is_level:  # comparisons are judged as they are entered
            continue
        where = f"{obs.indicator}, {obs.area}, {obs.period_label()}"
        try:
            needs_rate = uses_rate(obs.unit, ind.unit)
        except UnknownUnitError:
            needs_rate = False
        if needs_rate:
            out.append(
                Violation(
                    "unit",
                    Importance.LOW,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} khác {ind.unit}; chỉ so sánh được khi có "
                        f"tỷ giá.",
                        f"{where}: unit {obs.unit}, not {ind.unit}; comparable only with an "
                        f"exchange rate.",
                    ),
                )
            )
            continue
        v = value_in(obs, ind.unit)
        if v is None:
            out.append(
                Violation(
                    "unit",
                    Importance.HIGH,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} không đổi được sang {ind.unit}.",
                        f"{where}: unit {obs.unit} cannot be converted to {ind.unit}.",
                    ),
                )
            )
            continue
        limit = limit_finding(kind_of(ind), v, obs)
        if limit is not None:
            out.append(
                Violation(
                    "unit",
                    Importance.HIGH,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(f"{where}: {limit.message.vi}", f"{where}: {limit.message.en}"),
                    v,
                )
            )
    out.extend(_magnitudes(cur, indicators))
    return out


def _magnitudes(cur: list[Observation], indicators: Mapping[str, Indicator]) -> Iterable[Violation]:
    values = yearly_values(cur, indicators)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for (code, area, year), (v, _) in values.items():
        series.setdefault((code, area), []).append((year, v))
    for (code, area), pts in sorted(series.items()):
        if len(pts) < 3 or indicators[code].measure is Measure.GROWTH_RATE:
            continue
        for year, v in sorted(pts):
            others = [x for y, x in pts if y != year]
            med = median(others)
            if med <= 0 or v <= 0:
                continue
            ratio = v / med
            if ratio > MAGNITUDE_FACTOR or ratio < 1.0 / MAGNITUDE_FACTOR:
                yield Violation(
                    "magnitude",
                    Importance.MEDIUM,
                    area,
                    (year, year),
                    (code,),
                    Text(
                        f"{code}, {area}, {year}: {fmt(v, 'vi')} gấp "
                        f"{fmt(ratio, 'vi')} lần trung vị các năm khác ({fmt(med, 'vi')}); "
                        f"kiểm tra đơn vị (nghìn/triệu/tỷ).",
                        f"{code}, {area}, {year}: {fmt(v, 'en')} is {fmt(ratio, 'en')} "
                        f"times the median of the other years ({fmt(med, 'en')}); check "
                        f"the scale (thousand/million/billion).",
                    ),
                    v,
                    med,
                )

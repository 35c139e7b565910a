"""One sentence per in-year status, in Vietnamese and English, with its figures.

Like the yearly explanations (:mod:`chitieu.core.explain`): the figure with its status
(ước, sơ bộ), the year's target as written or the point of the path it came from, the
share of the year elapsed, the ratio the status was read from, and the status in words.
"""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.evaluation.in_year.status import InYearMethod, InYearStatus
from chitieu.core.evaluation.in_year.targets import YearTargetSource
from chitieu.core.explain import bound_phrase, num, outcome, qty, status_note
from chitieu.core.model import ClauseKind, Measure, Resolution, Text
from chitieu.core.numbers import format_number
from chitieu.core.units import UnknownUnitError

__all__ = ["explain_in_year"]


def explain_in_year(resolution: Resolution, status: InYearStatus) -> Text:
    del resolution  # the area is the resolution's own; kept for symmetry with explain()
    return Text(_sentence(status, "vi"), _sentence(status, "en"))


def _pct(share: float | Decimal, lang: str) -> str:
    """A share (0,75) as a percentage for people: "75%"."""
    return f"{num(Decimal(repr(float(share) * 100)), lang, computed=True)}%"


def _ratio(ratio: float, lang: str) -> str:
    """The pace ratio with two decimals, as the yearly thresholds are written (0,95)."""
    return format_number(ratio, decimals=2, lang=lang)


def _quantity(value: Decimal, unit: str, lang: str, computed: bool = False) -> str:
    try:
        return qty(value, unit, lang, computed)
    except UnknownUnitError:  # pragma: no cover - units are checked when figures are loaded
        return f"{num(value, lang, computed)} {unit}"


def _subject(status: InYearStatus, lang: str) -> str:
    name = status.target.indicator.name.get(lang) or status.target.clause.id
    name = name[:1].upper() + name[1:]
    when = status.period.label(lang)
    return f"{name}, {when}," if lang == "en" else f"{name} {when}"


def _target(status: InYearStatus, lang: str) -> str:
    """The year's target as stated, or the point of the path and where the path leads."""
    t = status.target
    en = lang == "en"
    y = t.year
    if t.source is YearTargetSource.CLAUSE:
        phrase = bound_phrase(t.clause.bound, lang)
        return f"the {y} target ({phrase})" if en else f"mục tiêu năm {y} ({phrase})"
    clause = t.clause
    goal = bound_phrase(clause.bound, lang)
    if clause.kind in (ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR):
        a, b = clause.period or (y, y)
        goal_when = f"{a}–{b}"
    else:
        goal_when = str(clause.end_year)
    if t.indicator.measure is Measure.GROWTH_RATE or status.method is InYearMethod.GROWTH:
        assert t.rate is not None or t.indicator.measure is Measure.GROWTH_RATE
        need = t.value if t.indicator.measure is Measure.GROWTH_RATE else t.rate
        assert need is not None
        rate = _quantity(need, "%", lang, computed=True)
        if en:
            return f"the growth {y} needs ({rate}) for the target of {goal} in {goal_when}"
        return f"mức tăng năm {y} cần đạt ({rate}) để đạt mục tiêu {goal} {goal_when}"
    value = _quantity(t.value, t.bound.unit, lang, computed=True)
    if en:
        return f"the {y} point ({value}) of the path to the target of {goal} in {goal_when}"
    return f"mức năm {y} cần đạt ({value}) trên lộ trình tới mục tiêu {goal} năm {goal_when}"


def _elapsed(status: InYearStatus, lang: str) -> str:
    months = status.period.months[1]
    share = _pct(status.elapsed, lang)
    if lang == "en":
        return f"after {months} month{'s' if months > 1 else ''} ({share} of the year)"
    return f"sau {months} tháng ({share} thời gian của năm)"


def _ratio_part(status: InYearStatus, lang: str) -> str:
    if status.ratio is None:
        return ""
    if status.ratio < 0:
        return "; moving away from the target" if lang == "en" else "; đang đi ngược mục tiêu"
    if status.ratio == float("inf"):
        return ""
    r = _ratio(status.ratio, lang)
    return f"; pace ratio {r}" if lang == "en" else f"; tỷ số tiến độ {r}"


def _sentence(status: InYearStatus, lang: str) -> str:
    en = lang == "en"
    method = status.method
    subject = _subject(status, lang)
    note = status_note((status.figure,), lang)
    target = _target(status, lang)
    unit = status.target.bound.unit
    if method is InYearMethod.FLOW_PACE:
        value = _quantity(status.actual, unit, lang, status.actual != status.figure.value)
        share = _pct(status.actual / status.target.value, lang)
        head = (
            f"{subject} reached {value}{note}, {share} of {target}, {_elapsed(status, lang)}"
            if en
            else f"{subject} đạt {value}{note}, bằng {share} {target}, {_elapsed(status, lang)}"
        )
    elif method is InYearMethod.PLAN_SHARE:
        share = f"{num(status.actual, lang)}%"
        head = (
            f"{subject} was {share} of the year's plan{note}, {_elapsed(status, lang)}"
            if en
            else f"{subject} bằng {share} kế hoạch năm{note}, {_elapsed(status, lang)}"
        )
    elif method is InYearMethod.GROWTH:
        head = _growth_head(status, subject, note, target, lang)
    else:
        value = _quantity(status.actual, unit, lang, status.actual != status.figure.value)
        head = (
            f"{subject} was {value}{note}, against {target}"
            if en
            else f"{subject} là {value}{note}, so với {target}"
        )
        previous = status.previous
        if previous is not None and status.ratio is not None:
            was = _quantity(previous.value, unit, lang)
            covered = _pct(status.ratio * float(status.elapsed), lang)
            head += (
                f"; from {was} in {previous.year} it has covered {covered} of the way, "
                f"{_elapsed(status, lang)}"
                if en
                else f"; từ {was} năm {previous.year}, đã đi được {covered} quãng đường, "
                f"{_elapsed(status, lang)}"
            )
    sentence = f"{head}{_ratio_part(status, lang)}: {outcome(status.verdict).get(lang)}."
    if status.superseded:
        y = status.year
        sentence += (
            f" The annual {y} figure exists: the yearly evaluation is the verdict."
            if en
            else f" Đã có số liệu cả năm {y}: đánh giá theo năm là kết luận."
        )
    return sentence


def _growth_head(status: InYearStatus, subject: str, note: str, target: str, lang: str) -> str:
    en = lang == "en"
    r = status.actual
    if status.target.indicator.measure is Measure.GROWTH_RATE:
        rate = _quantity(r, "%", lang)
        return (
            f"{subject} was {rate}{note}, against {target}"
            if en
            else f"{subject} đạt {rate}{note}, so với {target}"
        )
    rate = _quantity(abs(r), "%", lang)
    if en:
        verb = "grew" if r >= 0 else "fell"
        return f"{subject} {verb} {rate} on the same period of the previous year{note}; {target}"
    verb = "tăng" if r >= 0 else "giảm"
    return f"{subject} {verb} {rate} so với cùng kỳ năm trước{note}; {target}"

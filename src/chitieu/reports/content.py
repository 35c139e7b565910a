"""One report model, assembled once from an evaluation and written by every format.

Word, PDF and HTML must say the same thing: if each writer walked the evaluation itself,
the summary in the .docx and in the .html would drift apart the first time someone
touched one of them. Writers only lay out what this module decides to say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chitieu.core.compare import threshold
from chitieu.core.explain import qty, status_note
from chitieu.core.model import BoundKind, ClauseKind, Measure, Resolution, Verdict
from chitieu.core.observations import Observation, ObservationKey, annual_levels, current
from chitieu.core.results import VERDICT_LABEL, ClauseResult, ResolutionResult, TargetResult
from chitieu.core.sources import source_class_label
from chitieu.core.summary import Summary, summarize

RECIPIENTS = {
    "vi": (
        "Thường trực cấp ủy (để báo cáo),",
        "Các cơ quan, đơn vị liên quan,",
        "Lưu Văn phòng.",
    ),
    "en": ("Standing committee (for information),", "Agencies concerned,", "File."),
}
SIGNATURE = {"vi": ("T/M BAN CHẤP HÀNH", "BÍ THƯ"), "en": ("For the committee", "")}
_CHART_KINDS = (ClauseKind.LEVEL, ClauseKind.SHARE, ClauseKind.AVERAGE_GROWTH)


@dataclass(frozen=True)
class TargetRow:
    """One line of the table of targets."""

    number: str
    target: str
    base: str
    latest: str
    verdict: str
    verdict_code: Verdict | None
    explanation: str


@dataclass(frozen=True)
class GroupSection:
    """A group of targets told as flowing sentences, one paragraph per target."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ChartData:
    """What a chart of one headline clause shows; drawing it is ``charts.py``'s job."""

    target_id: str
    title: str
    unit: str
    observed: tuple[tuple[int, float], ...]
    path: tuple[tuple[int, float], ...]
    band: tuple[float, float] | None
    target_value: float
    target_year: int
    projection: tuple[int, float] | None
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceRow:
    """One figure used, for the annex of sources."""

    indicator: str
    area: str
    period: str
    value: str
    status: str
    source: str


@dataclass(frozen=True)
class ReportContent:
    lang: str
    resolution_id: str
    as_of: int
    doc_type: str
    subject: str
    issuer: str
    place: str
    date: dt.date
    date_line: str
    heading: str
    summary: tuple[str, ...]
    rows: tuple[TargetRow, ...]
    sections: tuple[GroupSection, ...]
    charts: tuple[ChartData, ...]
    sources: tuple[SourceRow, ...]
    recipients: tuple[str, ...]
    signature: tuple[str, ...]
    counts: Summary
    labels: dict[str, str]
    # In-term reports: per running clause, its projection, 80 % interval, chance and pace.
    outlook: tuple[OutlookItem, ...] = ()
    # provisional statuses of the year, while it has sub-annual figures only
    in_year: tuple[OutlookItem, ...] = ()


@dataclass(frozen=True)
class OutlookItem:
    """One clause's outlook as the report prints it."""

    clause: str  # "(6) 6a. Kim ngạch xuất khẩu"
    lines: tuple[str, ...]


def _labels(lang: str) -> dict[str, str]:
    if lang == "en":
        return {
            "summary": "Summary",
            "table": "Targets and results",
            "groups": "Results by group",
            "charts": "Headline targets",
            "annex": "Annex: sources of the figures",
            "number": "No.",
            "target": "Target",
            "base": "Base year",
            "latest": "Latest figure",
            "verdict": "Result",
            "explanation": "Explanation",
            "indicator": "Indicator",
            "area": "Area",
            "period": "Period",
            "value": "Value",
            "status": "Status",
            "source": "Source",
            "recipients": "Distribution:",
            "observed": "Observed",
            "path": "Required path",
            "band": "Target",
            "projection": "Projection",
            "outlook": "Outlook: projections and chance of meeting the targets",
            "in_year": "During the year: provisional, from the figures so far",
        }
    return {
        "summary": "Tóm tắt kết quả",
        "table": "Kết quả thực hiện các chỉ tiêu",
        "groups": "Đánh giá theo từng lĩnh vực",
        "charts": "Biểu đồ các chỉ tiêu chủ yếu",
        "annex": "Phụ lục: nguồn số liệu",
        "number": "TT",
        "target": "Chỉ tiêu",
        "base": "Năm gốc",
        "latest": "Số liệu mới nhất",
        "verdict": "Kết quả",
        "explanation": "Diễn giải",
        "indicator": "Chỉ tiêu",
        "area": "Địa bàn",
        "period": "Kỳ",
        "value": "Giá trị",
        "status": "Trạng thái",
        "source": "Nguồn",
        "recipients": "Nơi nhận:",
        "observed": "Thực hiện",
        "path": "Lộ trình cần đạt",
        "band": "Mục tiêu",
        "projection": "Dự báo",
        "outlook": "Dự báo khả năng đạt các chỉ tiêu",
        "in_year": "Tình hình thực hiện trong năm (tạm tính, theo số liệu đến nay)",
    }


def date_line(place: str, date: dt.date, lang: str) -> str:
    """ "Hải Phòng, ngày 05 tháng 02 năm 2026": 36-HD/VPTW writes days below 10 and
    months below 3 with a leading zero."""
    if lang == "en":
        return f"{place}, {date.day:02d}/{date.month:02d}/{date.year}"
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def build(
    result: ResolutionResult,
    observations: Sequence[Observation],
    *,
    lang: str = "vi",
    date: dt.date | None = None,
    place: str | None = None,
    issuer: str | None = None,
    recipients: Sequence[str] | None = None,
    outlook: Sequence[OutlookItem] = (),
    in_year: Sequence[OutlookItem] = (),
) -> ReportContent:
    """Assemble the report; ``observations`` are the stored figures (all revisions). The
    table, the charts and the annex show the yearly figures the evaluation judged (annual
    levels); ``in_year`` carries the provisional statuses of the year."""
    res = result.resolution
    date = date or dt.date.today()
    place = place or _place(res, lang)
    summary = summarize(result)
    cur = [o for o in current(annual_levels(observations)).values() if o.period[1] <= result.as_of]
    lines = [summary.heading(lang), summary.sentence(lang)]
    lines += [s for s in (summary.early_sentence(lang), summary.source_note(lang)) if s]
    shown = [_row(result, t, cur, lang) for t in (*result.targets, *result.extra)]
    if lang == "en":
        doc_type = "REPORT"
        subject = f"Evaluation of the targets of the {res.title.get(lang)}"
    else:
        doc_type = "BÁO CÁO"
        subject = f"Đánh giá kết quả thực hiện các chỉ tiêu {_lower_first(res.title.vi)}"
    return ReportContent(
        lang=lang,
        resolution_id=res.id,
        as_of=result.as_of,
        doc_type=doc_type,
        subject=subject,
        issuer=(issuer or res.body.get(lang)).upper() if lang != "en" else (issuer or ""),
        place=place,
        date=date,
        date_line=date_line(place, date, lang),
        heading=summary.heading(lang),
        summary=tuple(lines),
        rows=tuple(row for row, _ in shown),
        sections=tuple(_sections(result, lang)),
        charts=tuple(_charts(result, cur, lang)),
        sources=tuple(_sources(result, [o for _, obs in shown for o in obs], lang)),
        recipients=tuple(recipients) if recipients is not None else RECIPIENTS[_lang(lang)],
        signature=SIGNATURE[_lang(lang)],
        counts=summary,
        labels=_labels(lang),
        outlook=tuple(outlook),
        in_year=tuple(in_year),
    )


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def _place(res: Resolution, lang: str) -> str:
    """The area's name without the qualifier we add to tell boundaries apart."""
    for a in res.areas:
        if a.code == res.area:
            return re.sub(r"\s*\(.*\)\s*$", "", a.name.get(lang))
    return res.area


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _verdict(t: TargetResult, lang: str) -> str:
    if t.verdict is None:
        return "—"
    label = VERDICT_LABEL[t.verdict].get(lang)
    if t.from_report:
        label += " (report)" if lang == "en" else " (BC)"
    return label


def _figure(obs: Observation | None, lang: str) -> str:
    if obs is None:
        return "—"
    basis = f" {obs.basis_label(lang)}" if not obs.basis.is_level else ""
    value = qty(obs.value, obs.unit, lang)
    return f"{value}{basis} ({obs.period_label(lang)}){status_note([obs], lang)}"


def _series(cur: Iterable[Observation], indicator: str, area: str) -> list[Observation]:
    return sorted(
        (o for o in cur if o.indicator == indicator and o.area == area), key=lambda o: o.period
    )


def _row(
    result: ResolutionResult, t: TargetResult, cur: Sequence[Observation], lang: str
) -> tuple[TargetRow, list[Observation]]:
    """The table row, and the figures it shows (they belong in the annex of sources)."""
    number = f"({t.target.number})" if t.target.number is not None else "–"
    h = t.headline
    base = latest = None
    if h is not None:
        series = _series(cur, h.indicator.code, h.area)
        base = next((o for o in series if o.period[1] == result.resolution.base_year), None)
        later = [o for o in series if o.period[1] > result.resolution.base_year]
        latest = later[-1] if later else None
    text = t.target.text
    explanation = h.explanation.get(lang) if h is not None else ""
    if not explanation and t.reported is not None:
        explanation = t.reported.citation.quote or t.reported.citation.label(lang)
    row = TargetRow(
        number=number,
        target=text,
        base=_figure(base, lang),
        latest=_figure(latest, lang),
        verdict=_verdict(t, lang),
        verdict_code=t.verdict,
        explanation=explanation,
    )
    return row, [o for o in (base, latest) if o is not None]


def _sections(result: ResolutionResult, lang: str) -> Iterable[GroupSection]:
    res = result.resolution
    for group in res.groups:
        paragraphs = []
        for t in result.targets:
            if t.target.group != group.code:
                continue
            number = f"({t.target.number}) " if t.target.number is not None else ""
            head = f"{number}{t.target.label.get(lang) or t.target.text}: {_verdict(t, lang)}."
            sentences = [r.explanation.get(lang) for r in t.clauses if r.explanation.get(lang)]
            sentences += [n.get(lang) for r in t.clauses for n in r.notes if n.get(lang)]
            if not t.clauses and t.reported is not None:
                quote = t.reported.citation.quote
                where = t.reported.citation.label(lang)
                sentences.append(
                    (
                        f"Per the report: “{quote}” ({where})."
                        if lang == "en"
                        else f"Theo báo cáo: “{quote}” ({where})."
                    )
                    if quote
                    else where
                )
            paragraphs.append(" ".join([head, *sentences]))
        if paragraphs:
            yield GroupSection(group.name.get(lang), tuple(paragraphs))
    if result.extra:
        title = (
            "Other quantified targets (not counted)"
            if lang == "en"
            else "Các chỉ tiêu khác trong nhiệm vụ, giải pháp (không tính vào tổng số)"
        )
        paragraphs = []
        for t in result.extra:
            sentences = [r.explanation.get(lang) for r in t.clauses if r.explanation.get(lang)]
            label = t.target.label.get(lang) or t.target.text
            paragraphs.append(" ".join([f"{label}: {_verdict(t, lang)}.", *sentences]))
        yield GroupSection(title, tuple(paragraphs))


def _charts(result: ResolutionResult, cur: Sequence[Observation], lang: str) -> Iterable[ChartData]:
    """A chart per main target whose headline clause has at least two figures in its
    own unit: figures in another unit (đồng for a USD target) are not drawn, since
    converting them needs a rate the reader has not chosen."""
    res = result.resolution
    for t in result.targets:
        h = t.headline
        if h is None or h.clause.kind not in _CHART_KINDS:
            continue
        chart = _chart(res, t, h, cur, lang)
        if chart is not None:
            yield chart


def _chart(
    res: Resolution,
    t: TargetResult,
    h: ClauseResult,
    cur: Sequence[Observation],
    lang: str,
) -> ChartData | None:
    clause, bound = h.clause, h.clause.bound
    unit = bound.unit.strip()
    start, end = res.base_year, clause.end_year
    points = [
        (o.period[1], float(o.value))
        for o in _series(cur, h.indicator.code, h.area)
        if o.is_year and o.unit.strip() == unit and start <= o.period[1] <= end
    ]
    if len(points) < 2:
        return None
    target = float(threshold(bound, h.indicator.direction))
    band: tuple[float, float] | None = None
    if bound.kind is BoundKind.RANGE and bound.low is not None and bound.high is not None:
        band = (float(bound.low), float(bound.high))
    growth_rates = (
        clause.kind is ClauseKind.AVERAGE_GROWTH and h.indicator.measure is Measure.GROWTH_RATE
    )
    path: list[tuple[int, float]] = []
    if growth_rates:
        path = [(y, target) for y in range(start + 1, end + 1)]
    else:
        base = next((v for y, v in points if y == start), None)
        goal = target
        if clause.kind is ClauseKind.AVERAGE_GROWTH and base is not None:
            goal = base * (1 + target / 100) ** (end - start)
        if base is not None:
            path = [
                (y, _along(base, goal, (y - start) / (end - start))) for y in range(start, end + 1)
            ]
        if clause.kind is ClauseKind.AVERAGE_GROWTH:
            target = goal
    projection = None
    if (
        h.projection is not None
        and h.projection_year is not None
        and not growth_rates
        and h.projection_year > points[-1][0]
    ):
        projection = (h.projection_year, float(h.projection))
    number = f"({t.target.number}) " if t.target.number is not None else ""
    name = h.indicator.name.get(lang)
    return ChartData(
        target_id=t.target.id,
        title=f"{number}{name}",
        unit=unit,
        observed=tuple(points),
        path=tuple(path),
        band=band,
        target_value=target,
        target_year=end,
        projection=projection,
        labels=_labels(lang),
    )


def _along(base: float, goal: float, share: float) -> float:
    """The required path: compound growth between positive values, else a straight line."""
    if base > 0 and goal > 0:
        return float(base * (goal / base) ** share)
    return base + (goal - base) * share


def _sources(
    result: ResolutionResult, shown: Sequence[Observation], lang: str
) -> Iterable[SourceRow]:
    """Every figure an explanation used, plus the base-year and latest figures shown."""
    names = {i.code: i.name.get(lang) for i in result.resolution.indicators}
    areas = {a.code: a.name.get(lang) for a in result.resolution.areas}
    used: dict[tuple[ObservationKey, str], Observation] = {
        (o.key(), o.status.value): o for o in shown
    }
    for t in (*result.targets, *result.extra):
        for r in t.clauses:
            for o in r.used:
                used[(o.key(), o.status.value)] = o
            if r.baseline is not None and r.baseline.obs is not None:
                o = r.baseline.obs
                used[(o.key(), o.status.value)] = o
    for o in sorted(used.values(), key=lambda o: (o.indicator, o.area, o.period)):
        basis = f" {o.basis_label(lang)}" if not o.basis.is_level else ""
        yield SourceRow(
            indicator=names.get(o.indicator, o.indicator),
            area=areas.get(o.area, o.area),
            period=o.period_label(lang),
            value=qty(o.value, o.unit, lang) + basis,
            status=o.status.label.get(lang),
            # The class beside the source: a news site is not official statistics.
            source=f"{o.source.label(lang) or '—'} ({source_class_label(o.source, lang)})",
        )

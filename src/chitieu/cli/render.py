"""Terminal rendering with rich: readable in an 80-column terminal, colour never alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from chitieu.core.analysis.outlook import Outlook
from chitieu.core.analysis.wording import outlook_lines
from chitieu.core.evaluation.in_year import InYearStatus
from chitieu.core.explain import QUALIFIER_WORDS, bound_phrase, is_computed, qty, status_note
from chitieu.core.model import Verdict
from chitieu.core.observations import Observation
from chitieu.core.results import (
    VERDICT_LABEL,
    VERDICT_ORDER,
    ClauseResult,
    PaceClass,
    ResolutionResult,
    TargetResult,
)
from chitieu.datasets import Dataset
from chitieu.services import LoadReport
from chitieu.store import Store

STYLE = {
    Verdict.EXCEEDED: "bold green",
    Verdict.ACHIEVED: "green",
    Verdict.NOT_ACHIEVED: "bold red",
    Verdict.ON_TRACK: "green",
    Verdict.AT_RISK: "yellow",
    Verdict.OFF_TRACK: "red",
    Verdict.NOT_ENOUGH_DATA: "dim",
}
SUMMARY_ORDER = VERDICT_ORDER


TREND = {
    PaceClass.SUBSTANTIAL: Verdict.ON_TRACK,
    PaceClass.MODERATE: Verdict.AT_RISK,
    PaceClass.LIMITED: Verdict.OFF_TRACK,
    PaceClass.DETERIORATION: Verdict.OFF_TRACK,
}


def badge(verdict: Verdict | None, lang: str, from_report: bool = False) -> RichText:
    if verdict is None:
        return RichText("—")
    label = VERDICT_LABEL[verdict].get(lang)
    if from_report:
        label += " (BC)" if lang == "vi" else " (report)"
    return RichText(label, style=STYLE[verdict])


def clause_badge(r: ClauseResult, lang: str) -> RichText:
    """The verdict, plus the trend when the final figure is still missing."""
    text = badge(r.verdict, lang)
    if r.verdict is Verdict.NOT_ENOUGH_DATA and r.pace_class is not None:
        trend = TREND[r.pace_class]
        text.append("\n")
        text.append(f"→ {VERDICT_LABEL[trend].get(lang).lower()}", style=STYLE[trend])
    return text


def summary_line(result: ResolutionResult, lang: str) -> RichText:
    counts = result.counts()
    total = len(result.targets)
    line = RichText()
    first = True
    for v in SUMMARY_ORDER:
        if counts.get(v):
            if not first:
                line.append(" · ")
            line.append(f"{VERDICT_LABEL[v].get(lang)}: {counts[v]}/{total}", style=STYLE[v])
            first = False
    return line


def _figure(r: ClauseResult, lang: str) -> str:
    if r.actual is None:
        return "—"
    unit = r.clause.bound.unit
    text = qty(r.actual, unit, lang, computed=is_computed(r))
    if r.basis is not None:
        a, b = r.basis
        text += f" ({a})" if a == b else f" ({a}–{b})"
    return text


def evaluation(
    console: Console,
    result: ResolutionResult,
    lang: str,
    in_year: Mapping[str, InYearStatus] | None = None,
) -> None:
    """The evaluation table; ``in_year`` (clause id → provisional status of the year
    ``as_of`` when its figures are sub-annual only) adds a line under those clauses."""
    res = result.resolution
    provisional = in_year or {}
    en = lang == "en"
    console.print(RichText(res.title.get(lang), style="bold"))
    if en:
        state = "final verdicts" if result.final else "in-term status"
        head = f"Figures up to {result.as_of} · {state}"
    else:
        state = "kết quả cuối kỳ" if result.final else "tình hình giữa kỳ"
        head = f"Số liệu đến năm {result.as_of} · {state}"
    district = next((a for a in res.areas if a.code == res.area and a.parent), None)
    if district is not None:
        head += (" · area: " if en else " · địa bàn: ") + district.name.get(lang)
    console.print(head)
    console.print(summary_line(result, lang))
    counted = res.counted_targets
    if counted is not None and counted != len(result.targets):
        note = res.counted_note.get(lang)
        if en:
            line = f"The source counts {counted} targets; {len(result.targets)} are identified."
        else:
            line = f"Văn bản gốc tính {counted} chỉ tiêu; xác định được {len(result.targets)}."
        console.print(RichText(f"{line} {note}".strip(), style="dim"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Target" if en else "Chỉ tiêu", max_width=36, overflow="fold")
    table.add_column("Figure" if en else "Số liệu", max_width=24, overflow="fold")
    table.add_column("Result" if en else "Kết quả", no_wrap=True)
    group = None
    for t in result.targets:
        if t.target.group != group:
            group = t.target.group
            table.add_row(
                "", RichText(res.group(group).name.get(lang).upper(), style="bold"), "", ""
            )
        _target_rows(table, t, lang, provisional)
    console.print(table)
    if result.extra:
        console.print(
            RichText(
                "Other quantified targets (not counted)"
                if en
                else "Chỉ tiêu khác trong nhiệm vụ, giải pháp (không tính vào tổng số)",
                style="bold",
            )
        )
        extra = Table(show_header=False, box=None, pad_edge=False)
        extra.add_column("#", no_wrap=True)
        extra.add_column("Target", max_width=36, overflow="fold")
        extra.add_column("Figure", max_width=24, overflow="fold")
        extra.add_column("Result", no_wrap=True)
        for t in result.extra:
            _target_rows(extra, t, lang, provisional)
        console.print(extra)
    if provisional:
        in_year_sentences(console, list(provisional.values()), lang)
    hint = (
        "Details: chitieu explain RESOLUTION TARGET"
        if en
        else "Chi tiết từng chỉ tiêu: chitieu explain <nghị quyết> <số chỉ tiêu>"
    )
    console.print(RichText(hint, style="dim"))


def _target_rows(
    table: Table,
    t: TargetResult,
    lang: str,
    provisional: Mapping[str, InYearStatus] | None = None,
) -> None:
    """One row per target; multi-clause targets list their clauses under it; a clause
    followed during the year gets its provisional line under it."""
    number = f"({t.target.number})" if t.target.number is not None else ""
    label = t.target.label.get(lang) or t.target.text
    provisional = provisional or {}
    if len(t.clauses) == 1:
        r = t.clauses[0]
        table.add_row(
            number,
            f"{label}: {bound_phrase(r.clause.bound, lang)}",
            _figure(r, lang),
            clause_badge(r, lang),
        )
        _in_year_row(table, provisional.get(r.clause.id), lang)
        return
    table.add_row(number, RichText(label, style="bold"), "", badge(t.verdict, lang, t.from_report))
    for r in t.clauses:
        name = r.clause.label.get(lang) or r.indicator.name.get(lang)
        mark = "*" if t.headline is r else "·"
        table.add_row(
            "",
            f"{mark} {name}: {bound_phrase(r.clause.bound, lang)}",
            _figure(r, lang),
            clause_badge(r, lang),
        )
        _in_year_row(table, provisional.get(r.clause.id), lang)


def in_year_figure(s: InYearStatus, lang: str) -> str:
    """The sub-annual figure as read: "22,5 tỷ USD (9 tháng đầu năm 2026)", with its basis."""
    o = s.figure
    basis = o.basis_label(lang)
    text = QUALIFIER_WORDS[o.qualifier].get(lang) + qty(o.value, o.unit, lang)
    return (
        f"{text} {basis} ({o.period_label(lang)})" if basis else f"{text} ({o.period_label(lang)})"
    )


def in_year_badge(s: InYearStatus, lang: str) -> RichText:
    text = badge(s.verdict, lang)
    text.append(f" ({s.label.get(lang)})", style="dim")
    return text


def _in_year_row(table: Table, s: InYearStatus | None, lang: str) -> None:
    if s is None:
        return
    table.add_row(
        "",
        RichText("  ↳ " + ("provisional" if lang == "en" else "tạm tính"), style="italic"),
        in_year_figure(s, lang),
        in_year_badge(s, lang),
    )


def in_year_sentences(console: Console, statuses: Sequence[InYearStatus], lang: str) -> None:
    """The one-sentence explanation of each provisional status, under a heading."""
    if not statuses:
        return
    year = statuses[0].year
    head = f"Provisional, {year} so far" if lang == "en" else f"Tạm tính trong năm {year}"
    console.print(RichText(head, style="bold"))
    for s in statuses:
        line = RichText(f"[{s.label.get(lang)}] ", style="dim")
        line.append(s.explanation.get(lang))
        if s.superseded:
            line.stylize("dim")
        console.print(line)


def target_detail(console: Console, result: ResolutionResult, t: TargetResult, lang: str) -> None:
    en = lang == "en"
    number = f"({t.target.number}) " if t.target.number is not None else ""
    console.print(RichText(f"{number}{t.target.label.get(lang)}", style="bold"), end="  ")
    console.print(badge(t.verdict, lang, t.from_report))
    console.print(RichText(t.target.text, style="italic"))
    if t.target.source.label():
        console.print(
            RichText(("Source: " if en else "Nguồn: ") + t.target.source.label(lang), style="dim")
        )
    if t.reported is not None:
        rep = VERDICT_LABEL[t.reported.verdict].get(lang)
        where = t.reported.citation.label(lang)
        quote = f" “{t.reported.citation.quote}”" if t.reported.citation.quote else ""
        console.print(f"{'Report verdict' if en else 'Báo cáo đánh giá'}: {rep}{quote} ({where})")
    for r in t.clauses:
        console.print()
        console.print(RichText(f"{r.clause.id}. {r.clause.text}", style="bold"), end="  ")
        console.print(badge(r.verdict, lang))
        console.print(r.explanation.get(lang))
        for note in r.notes:
            console.print(RichText("· " + note.get(lang), style="dim"))
        for obs in r.used:
            src = obs.source.label(lang)
            fig = qty(obs.value, obs.unit, lang)
            console.print(
                RichText(
                    f"  {obs.period_label()}: {fig}{status_note([obs], lang)}"
                    f" – {src}" + (f" (rev. {obs.revision})" if obs.revision > 1 else ""),
                    style="dim",
                )
            )


def outlooks(console: Console, found: Sequence[Outlook], lang: str) -> None:
    """The projection block of ``explain``: interval, chance and pace, per clause."""
    lines = [(o, outlook_lines(o, lang)) for o in found]
    lines = [(o, ls) for o, ls in lines if ls]
    if not lines:
        return
    console.print()
    console.print(RichText("Dự báo (projection)" if lang == "vi" else "Projection", style="bold"))
    for o, ls in lines:
        console.print(f"{o.clause.id}. " + ls[0])
        for line in ls[1:]:
            console.print(RichText("   " + line, style="dim"))


def load_report(console: Console, report: LoadReport) -> None:
    if report.dry_run:
        console.print(
            "Chạy thử (--dry-run): hợp lệ; không có gì được ghi (valid; nothing written).",
            style="bold",
        )
    if report.resolution is not None and report.saved is not None:
        r = report.resolution
        clauses = sum(len(t.clauses) for t in r.targets)
        state = (
            "mới" if report.saved.created else ("cập nhật" if report.saved.changed else "không đổi")
        )
        console.print(
            f"Nghị quyết {r.id}: phiên bản {report.saved.version} ({state}); "
            f"{len(r.targets)} chỉ tiêu, {clauses} điều kiện, {len(r.extra_targets)} chỉ tiêu khác."
        )
    if report.figures is not None:
        f = report.figures
        console.print(
            f"Số liệu: {f.inserted} mới, {f.revised} sửa đổi (phiên bản mới), "
            f"{f.unchanged} không đổi."
        )
    if report.agencies is not None or report.tasks is not None:
        parts = []
        if report.agencies is not None:
            parts.append(f"{report.agencies} cơ quan (agencies.yaml)")
        if report.tasks is not None:
            parts.append(f"{report.tasks} nhiệm vụ, đột phá (tasks.yaml)")
        console.print("Kèm theo: " + "; ".join(parts) + ".")


def datasets(console: Console, items: Sequence[Dataset]) -> None:
    for d in items:
        console.print(d.name)


def resolutions(console: Console, store: Store) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Nghị quyết")
    table.add_column("Phiên bản", justify="right")
    table.add_column("Nạp lúc (UTC)")
    table.add_column("Nguồn", overflow="fold")
    for rid in store.resolution_ids():
        versions = store.resolution_versions(rid)
        latest = versions[-1]
        table.add_row(
            rid,
            str(latest.version),
            f"{latest.loaded_at:%d/%m/%Y %H:%M}",
            latest.source_name,
        )
    console.print(table)


def figures(console: Console, rows: Sequence[Observation], lang: str, revisions: bool) -> None:
    en = lang == "en"
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Indicator" if en else "Chỉ tiêu", overflow="fold", max_width=22)
    table.add_column("Area" if en else "Địa bàn", overflow="fold", max_width=14)
    table.add_column("Period" if en else "Kỳ", no_wrap=True)
    table.add_column("Figure" if en else "Số liệu", justify="right", overflow="fold")
    table.add_column("Status" if en else "Trạng thái", no_wrap=True)
    if revisions:
        table.add_column("Rev.", justify="right")
    table.add_column("Source" if en else "Nguồn", overflow="fold", max_width=24)
    for o in rows:
        cells = [
            o.indicator,
            o.area,
            o.period_label(lang),
            QUALIFIER_WORDS[o.qualifier].get(lang)
            + qty(o.value, o.unit, lang)
            + (f" {o.basis_label(lang)}" if not o.basis.is_level else ""),
            o.status.label.get(lang),
        ]
        if revisions:
            cells.append(str(o.revision))
        cells.append(o.source.label(lang))
        table.add_row(*cells)
    console.print(table)
    console.print(
        RichText(
            f"{len(rows)} figures" if en else f"{len(rows)} số liệu",
            style="dim",
        )
    )

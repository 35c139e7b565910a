"""Reports of an evaluation (docx, pdf, html, xlsx), shared by the CLI and the web app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu import services
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.results import ResolutionResult
from chitieu.store import Store

if TYPE_CHECKING:
    from chitieu.reports.content import OutlookItem, ReportContent

REPORT_FORMATS = ("docx", "pdf", "xlsx", "html")
# Writers are imported where used: matplotlib and python-docx take a second or more to
# import, and every other chitieu command would pay for them.


def evaluate_for_report(
    store: Store, resolution_id: str, as_of: int | None = None
) -> ResolutionResult:
    if resolution_id not in store.resolution_ids():
        known = ", ".join(store.resolution_ids()) or "—"
        raise KeyError(
            f"chưa nạp nghị quyết '{resolution_id}' (resolution not loaded); đã nạp: {known}"
        )
    resolution = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else services.default_as_of(resolution, dt.date.today().year)
    return services.evaluate(store, resolution_id, EvaluationSettings(as_of=year))


def build_content(
    store: Store,
    resolution_id: str,
    *,
    as_of: int | None = None,
    lang: str = "vi",
    date: dt.date | None = None,
) -> ReportContent:
    from chitieu.reports import content

    result = evaluate_for_report(store, resolution_id, as_of)
    # The report shows each target's headline figures in the area it was evaluated on.
    codes = sorted({i.code for i in result.resolution.indicators})
    observations = store.observations(
        all_revisions=True,
        approved_only=True,
        indicators=codes,
        areas=sorted(_evaluated_areas(result)),
    )
    return content.build(
        result,
        observations,
        lang=lang,
        date=date,
        outlook=outlook(store, result, lang),
        in_year=in_year(store, result, lang),
    )


def _evaluated_areas(result: ResolutionResult) -> set[str]:
    """The resolution's area and any other its clauses were evaluated on (a successor)."""
    here = result.resolution.area
    return {here} | {r.area for t in (*result.targets, *result.extra) for r in t.clauses}


def in_year(store: Store, result: ResolutionResult, lang: str) -> list[OutlookItem]:
    """The provisional status of each clause whose year ``as_of`` has sub-annual figures
    only: "(6) 6a. Kim ngạch xuất khẩu — tạm tính, 9 tháng: Có nguy cơ", and its sentence."""
    from chitieu.core.results import VERDICT_LABEL
    from chitieu.reports.content import OutlookItem
    from chitieu.services import in_year as in_year_service

    tracked = in_year_service.in_year(store, result.resolution.id, result.as_of)
    numbers = {c.id: t.number for t in result.resolution.targets for c in t.clauses}
    items = []
    for s in tracked.shown:
        clause = s.target.clause
        number = numbers.get(clause.id)
        head = f"({number}) " if number is not None else ""
        label = clause.label.get(lang) or s.target.indicator.name.get(lang)
        verdict = VERDICT_LABEL[s.verdict].get(lang)
        items.append(
            OutlookItem(
                f"{head}{clause.id}. {label} — {s.label.get(lang)}: {verdict}",
                (s.explanation.get(lang),),
            )
        )
    return items


def outlook(store: Store, result: ResolutionResult, lang: str) -> list[OutlookItem]:
    """Projections of the running clauses, for in-term reports (none once the term is over)."""
    from chitieu.core.analysis.wording import outlook_lines
    from chitieu.reports.content import OutlookItem
    from chitieu.services import analysis

    if result.final:
        return []
    items = []
    numbers = {c.id: t.number for t in result.resolution.targets for c in t.clauses}
    for o in analysis.project_resolution(store, result.resolution.id, as_of=result.as_of):
        if o.projection is None:
            continue
        number = numbers.get(o.clause.id)
        head = f"({number}) " if number is not None else ""
        label = o.clause.label.get(lang) or o.clause.text
        items.append(OutlookItem(f"{head}{o.clause.id}. {label}", tuple(outlook_lines(o, lang))))
    return items


def write_report(
    store: Store,
    resolution_id: str,
    fmt: str,
    path: Path,
    *,
    as_of: int | None = None,
    lang: str = "vi",
    date: dt.date | None = None,
) -> Path:
    """Write the evaluation report in ``fmt`` (one of ``REPORT_FORMATS``) to ``path``."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {REPORT_FORMATS}")
    if fmt == "xlsx":
        from chitieu.exchange import evaluation_xlsx
        from chitieu.services.dashboard import shown_areas

        result = evaluate_for_report(store, resolution_id, as_of)
        codes = sorted({i.code for i in result.resolution.indicators})
        # The figures a target page lists (the area, the areas beside it and its direct
        # subdivisions): a national store's three million commune figures would not even
        # fit in one sheet.
        areas = shown_areas(result.resolution) | _evaluated_areas(result)
        rows = store.observations(all_revisions=True, indicators=codes, areas=sorted(areas))
        return evaluation_xlsx.write(result, rows, path, lang)
    from chitieu.reports import docx, html, pdf

    if fmt == "pdf":
        pdf.soffice()  # say LibreOffice is missing before evaluating anything
    report = build_content(store, resolution_id, as_of=as_of, lang=lang, date=date)
    writer = {"docx": docx.write, "html": html.write, "pdf": pdf.write}[fmt]
    return writer(report, path)

"""Figures in and out for other systems and for the agencies' Excel sheets.

Every import (xlsx, csv, json; ``chitieu import`` and the upload on the entry page) ends
in :func:`submit_observations`, the one place that writes imported figures: the
plausibility rules first (impossible figures refused, implausible ones kept only with a
justification), then one ``submit_figures`` call, so one transaction, into the approval
workflow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chitieu.core.observations import Observation
from chitieu.core.periods import parse_basis, parse_period
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.exchange import figures_csv, figures_json
from chitieu.services import plausibility
from chitieu.store import AddResult, Store
from chitieu.store.review import Submission

EXPORT_FORMATS = ("xlsx", "sdmx-csv", "csv", "json")
IMPORT_SUFFIXES = (".xlsx", ".csv", ".json")
# The exchange adapters are imported where used: sdmx1, openpyxl and calamine take
# seconds to import, and every other chitieu command would pay for them.


@dataclass(frozen=True)
class ImportReport:
    path: str
    read: int
    added: AddResult
    dry_run: bool


def resolution_observations(store: Store, resolution_id: str) -> list[Observation]:
    """Every revision of the figures of a resolution's indicators."""
    codes = {i.code for i in store.get_resolution(resolution_id).indicators}
    return [o for o in store.observations(all_revisions=True) if o.indicator in codes]


def export(
    store: Store,
    resolution_id: str,
    fmt: str,
    path: Path,
    *,
    as_of: int | None = None,
    lang: str = "vi",
) -> Path:
    """Write the resolution's figures (every revision) in one of ``EXPORT_FORMATS``."""
    from chitieu.exchange import evaluation_xlsx, sdmx_csv
    from chitieu.services.reports import evaluate_for_report

    observations = resolution_observations(store, resolution_id)
    if fmt == "xlsx":
        result = evaluate_for_report(store, resolution_id, as_of)
        return evaluation_xlsx.write(result, observations, path, lang)
    if fmt == "sdmx-csv":
        resolution = store.get_resolution(resolution_id)
        text = sdmx_csv.to_sdmx_csv(resolution, observations, store.areas())
    elif fmt == "csv":
        text = figures_csv.to_csv(observations)
    elif fmt == "json":
        text = figures_json.to_json(observations) + "\n"
    else:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {EXPORT_FORMATS}")
    path.write_text(text, encoding="utf-8")
    return path


def read_agencies(path: Path) -> dict[str, list[str]]:
    """``{"agency": ["indicator code", ...]}`` from a JSON file, until agencies are stored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the agencies file: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(c, str) for c in v)
        for k, v in data.items()
    ):
        raise ValueError(f'{path}: expected {{"agency": ["indicator code", ...]}}')
    return data


def make_template(
    store: Store,
    resolution_id: str,
    path: Path,
    *,
    agency: str | None = None,
    agencies: Mapping[str, Sequence[str]] | None = None,
    years: Sequence[int] | None = None,
    periods: Sequence[str] | None = None,
    basis: str = "level",
) -> Path:
    """A data-entry workbook for one agency's indicators (all when ``agency`` is None),
    one row per indicator × year of the term (or ``years``, or ``periods``: codes such as
    ``2026-Q1`` or written forms such as ``9 tháng 2026``), every row on ``basis``."""
    from chitieu.exchange import template_xlsx

    resolution = store.get_resolution(resolution_id)
    if agencies is None:
        # Who reports what, as loaded with the dataset (agencies.yaml).
        stored: dict[str, list[str]] = {}
        for code, owner in sorted(store.indicator_agencies().items()):
            stored.setdefault(owner, []).append(code)
        agencies = stored or None
    return template_xlsx.write(
        resolution,
        path,
        agency=agency,
        agencies=agencies,
        years=years,
        periods=None if periods is None else [parse_period(p) for p in periods],
        basis=parse_basis(basis),
    )


def read_file(
    store: Store, path: Path, *, this_year: int | None = None, filename: str | None = None
) -> list[Observation]:
    """Read and check a figures file against the stored indicators and areas (no writing).

    ``filename`` is the name its problems are reported under (an upload's own name,
    never the server's temporary copy); the path itself by default."""
    indicators = {i.code: i for i in store.indicators()}
    areas = [a.code for a in store.areas()]
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValueError(f"{path}: không có tệp này (no such file)")
    shown = filename or str(path)
    try:
        if suffix == ".xlsx":
            from chitieu.exchange import template_xlsx

            year = this_year if this_year is not None else dt.date.today().year
            return template_xlsx.read_xlsx(
                path, indicators, areas, this_year=year, filename=filename or path.name
            )
        if suffix == ".csv":
            return figures_csv.load_observations_csv(path, indicators=indicators, areas=areas)
        if suffix == ".json":
            return figures_json.load_observations_json(path, indicators=indicators, areas=areas)
    except DefinitionError as exc:
        if filename is None:
            raise
        raise DefinitionError(
            [dataclasses.replace(p, file=shown) if p.file == str(path) else p for p in exc.problems]
        ) from exc
    raise ValueError(
        f"{path}: không nhận dạng được loại tệp (unknown file type: expected "
        f"{', '.join(IMPORT_SUFFIXES)})"
    )


def submit_observations(
    store: Store,
    observations: Sequence[Observation],
    *,
    recorded_by: str,
    dataset: str,
    dry_run: bool = False,
    reason: str = "",
    justification: str = "",
    resolution_id: str | None = None,
    filename: str = "",
) -> Submission | None:
    """The one write of imported figures: one call, one transaction, all or nothing.

    Imported workbooks and files come from agencies, so they follow the same rules as
    figures typed in the web app: the plausibility rules judge every figure (against the
    term of ``resolution_id``, or of every resolution using the indicator), impossible
    ones are refused and implausible ones need ``justification`` (one text for the
    file, kept with each of them); each new or corrected figure is then *submitted* and
    waits for a reviewer; a correction needs ``reason``; approved figures are locked (see
    :mod:`chitieu.store.review`). Refusals are a :class:`DefinitionError`, one problem
    per figure, named after ``filename``.
    """
    if not observations:
        return None
    findings = plausibility.assess_figures(store, observations, resolution_id)
    decided = plausibility.gate(observations, findings, justification)
    if not decided.passes:
        raise DefinitionError(_gate_problems(store, observations, decided, filename or dataset))
    return store.submit_figures(
        observations,
        actor=recorded_by,
        dataset=dataset,
        dry_run=dry_run,
        reason=reason,
        justifications=decided.justified,
    )


#: The field of the closing advice of a refused batch (what to do, not one more problem).
JUSTIFICATION_FIELD = "justification"


def _gate_problems(
    store: Store, observations: Sequence[Observation], decided: plausibility.Gate, filename: str
) -> list[Problem]:
    indicators = {i.code: i for i in store.indicators()}
    areas = {a.code: a.name for a in store.areas()}
    out: list[Problem] = []
    for n, finding in sorted(decided.refused + decided.unexplained, key=lambda x: x[0]):
        obs = observations[n]
        what = plausibility.describe(obs, indicators, "vi", areas)
        what_en = plausibility.describe(obs, indicators, "en", areas)
        need = "" if finding.refused else " Cần giải trình (justification)."
        out.append(
            Problem(
                filename,
                None,
                f"{obs.indicator}, {obs.area}, {obs.period_label()}, {obs.status}",
                f"{finding.message.vi} ({finding.message.en}){need}",
                vi=f"{what}: {finding.message.vi}",
                en=f"{what_en}: {finding.message.en}",
            )
        )
    if decided.unexplained:
        out.append(
            Problem(
                filename,
                None,
                JUSTIFICATION_FIELD,
                "số liệu bất thường cần giải trình (unusual figures need a justification: "
                "--justification)",
                vi="Có số liệu bất thường: hãy kiểm tra lại, hoặc ghi giải trình vì sao các số "
                "liệu đó đúng.",
                en="Some figures are unusual: check them again, or write why they are right.",
            )
        )
    return out


def apply_observations(
    store: Store,
    observations: Sequence[Observation],
    *,
    recorded_by: str,
    dataset: str,
    dry_run: bool = False,
    reason: str = "",
    justification: str = "",
) -> AddResult:
    """:func:`submit_observations`, for callers that want the counts only."""
    submission = submit_observations(
        store,
        observations,
        recorded_by=recorded_by,
        dataset=dataset,
        dry_run=dry_run,
        reason=reason,
        justification=justification,
    )
    return AddResult(0, 0, 0) if submission is None else submission.added


def import_file(
    store: Store,
    path: Path,
    *,
    recorded_by: str = "cli",
    dry_run: bool = False,
    this_year: int | None = None,
    reason: str = "",
    justification: str = "",
) -> ImportReport:
    """Check every row, then write all of them or none."""
    observations = read_file(store, path, this_year=this_year)
    added = apply_observations(
        store,
        observations,
        recorded_by=recorded_by,
        dataset=path.name,
        dry_run=dry_run,
        reason=reason,
        justification=justification,
    )
    return ImportReport(str(path), len(observations), added, dry_run)

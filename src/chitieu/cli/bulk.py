"""`chitieu evaluate RES --all-areas`: every target in every area, summed up per target.

A national table has thousands of rows per target, so the terminal shows how many
areas got each verdict; ``--format csv`` writes every area × target verdict (one line
each) for a spreadsheet, ``--format json`` the counts. One area's explanation stays
with ``chitieu explain RES TARGET --area CODE``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import click
from rich.table import Table

from chitieu import services
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import VERDICTS
from chitieu.core.model import Verdict
from chitieu.core.numbers import format_number
from chitieu.core.results import VERDICT_LABEL
from chitieu.services.bulk import BulkResult, evaluate_all_areas
from chitieu.store import Store

from .common import console, rates_from
from .render import badge

ORDER = (
    Verdict.EXCEEDED,
    Verdict.ACHIEVED,
    Verdict.NOT_ACHIEVED,
    Verdict.ON_TRACK,
    Verdict.AT_RISK,
    Verdict.OFF_TRACK,
    Verdict.NOT_ENOUGH_DATA,
)

COMMANDS: list[click.Command] = []  # an option of `evaluate`, not a command of its own


def show(
    store: Store,
    resolution_id: str,
    as_of: int | None,
    rates: tuple[str, ...],
    lang: str,
    fmt: str,
) -> None:
    """Evaluate every area of a stored resolution and print the result as asked."""
    if resolution_id not in store.resolution_ids():
        known = ", ".join(store.resolution_ids()) or "—"
        raise KeyError(
            f"chưa nạp nghị quyết '{resolution_id}' (resolution not loaded); đã nạp: {known}."
        )
    resolution = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else services.default_as_of(resolution, dt.date.today().year)
    settings = EvaluationSettings(as_of=year, rates=rates_from(rates))
    result = evaluate_all_areas(store, resolution_id, settings=settings)
    if fmt == "csv":
        click.echo(every_cell_csv(result, lang), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(counts_json(result), ensure_ascii=False, indent=1))
    else:
        _table(result, lang)


def _count(n: int, lang: str) -> str:
    """vi-VN or en digits; an empty cell for zero, so the counts that exist stand out."""
    return format_number(n, lang=lang) if n else ""


def counts_json(result: BulkResult) -> dict[str, object]:
    v = result.verdicts
    return {
        "resolution": v.resolution.id,
        "as_of": v.as_of,
        "areas": len(v.areas),
        "figures": result.figures,
        "referred_cells": v.referred,
        "targets": [
            {
                "id": t.id,
                "label": {"vi": t.label.vi, "en": t.label.en},
                "counts": _target_counts(v.target_verdict[i].tolist()),
            }
            for i, t in enumerate(v.targets)
        ],
    }


def _target_counts(codes: list[int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for code in codes:
        key = VERDICTS[code].value if code >= 0 else "none"
        out[key] = out.get(key, 0) + 1
    return out


def every_cell_csv(result: BulkResult, lang: str) -> str:
    v = result.verdicts
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["area", "target", "verdict", "verdict_label"])
    for a, area in enumerate(v.areas):
        for t, target in enumerate(v.targets):
            code = int(v.target_verdict[t, a])
            verdict = VERDICTS[code] if code >= 0 else None
            label = VERDICT_LABEL[verdict].get(lang) if verdict else ""
            w.writerow([area, target.id, verdict.value if verdict else "", label])
    return buf.getvalue()


def _table(result: BulkResult, lang: str) -> None:
    v = result.verdicts
    out = console()
    seconds = result.scan_seconds + result.evaluate_seconds
    if lang == "en":
        out.print(
            f"{v.resolution.title.get('en')}\nFigures up to {v.as_of} · "
            f"{_count(len(v.areas), 'en')} areas · {_count(result.figures, 'en')} figures · "
            f"{format_number(round(seconds, 2), lang='en')} s"
        )
    else:
        out.print(
            f"{v.resolution.title.vi}\nSố liệu đến năm {v.as_of} · "
            f"{_count(len(v.areas), 'vi')} địa bàn · {_count(result.figures, 'vi')} số liệu · "
            f"{format_number(round(seconds, 2), lang='vi')} giây"
        )
    table = Table(show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("Target" if lang == "en" else "Chỉ tiêu")
    for verdict in ORDER:
        table.add_column(badge(verdict, lang), justify="right")
    for i, target in enumerate(v.targets):
        counts = _target_counts(v.target_verdict[i].tolist())
        table.add_row(
            f"({target.number})" if target.number is not None else "",
            target.label.get(lang) or target.id,
            *(_count(counts.get(verdict.value, 0), lang) or "·" for verdict in ORDER),
        )
    out.print(table)

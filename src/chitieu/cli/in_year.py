"""``chitieu inyear``: where a year stands from its figures so far (provisional).

Thin: one call to :func:`chitieu.services.in_year.in_year`, printed as a table with one
sentence per status, or as JSON.
"""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text as RichText

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.services import in_year as service

from . import render
from .common import RATE_HELP, console, handles_errors, lang_option, rates_from, ready_store


@click.command("inyear")
@click.argument("resolution")
@click.option("--year", type=int, required=True, help="The year to follow (e.g. 2026).")
@click.option("--area", default=None, help="Another area of the resolution (an area code).")
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.pass_context
@handles_errors
def inyear(
    ctx: click.Context,
    resolution: str,
    year: int,
    area: str | None,
    lang: str,
    fmt: str,
    rates: tuple[str, ...],
) -> None:
    """Theo dõi trong năm, tạm tính (follow a year's targets from its figures so far)."""
    store = ready_store(ctx)
    settings = EvaluationSettings(rates=rates_from(rates))
    result = service.in_year(store, resolution, year, area=area, settings=settings)
    if fmt == "json":
        click.echo(json.dumps(service.in_year_dict(result), ensure_ascii=False, indent=2))
        return
    en = lang == "en"
    out = console()
    out.print(RichText(result.resolution.title.get(lang), style="bold"))
    if not result.statuses:
        out.print(
            f"No sub-annual figure of {year} for a target known for that year."
            if en
            else f"Chưa có số liệu trong năm {year} cho chỉ tiêu có mục tiêu năm đó."
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Clause" if en else "Chỉ tiêu", overflow="fold", max_width=30)
    table.add_column("Figure so far" if en else "Số liệu đến nay", overflow="fold", max_width=30)
    table.add_column("Status" if en else "Tình hình", overflow="fold")
    for s in result.statuses:
        name = s.target.clause.label.get(lang) or s.target.indicator.name.get(lang)
        badge = render.in_year_badge(s, lang)
        if s.superseded:
            badge = RichText("annual figure exists" if en else "đã có số liệu cả năm", style="dim")
        table.add_row(f"{s.target.clause.id}. {name}", render.in_year_figure(s, lang), badge)
    out.print(table)
    render.in_year_sentences(out, result.statuses, lang)


COMMANDS = (inyear,)

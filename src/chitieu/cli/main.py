"""The ``chitieu`` command line: a thin layer over :mod:`chitieu.services`.

Commands parse arguments, call one service and format its result. Bad input never
produces a traceback: it is reported with file, line and field and a non-zero exit
(1: data refused by the store, 2: invalid input or usage).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import click

from chitieu import __version__, datasets, services
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.exchange import evaluation_csv, evaluation_json, figures_csv, figures_json
from chitieu.services import analysis as analysis_service
from chitieu.services import in_year as in_year_service

from . import analysis, archive, bulk, in_year, reading, render, reports, review, web
from .common import (
    RATE_HELP,
    console,
    evaluate_stored,
    handles_errors,
    lang_option,
    open_store,
    progress_option,
    rates_from,
    ready_store,
    showing_progress,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chitieu")
@click.option(
    "--database-url",
    envvar="CHITIEU_DATABASE_URL",
    default=None,
    help="SQLAlchemy URL (default: SQLite file in the user data directory).",
)
@click.pass_context
def main(ctx: click.Context, database_url: str | None) -> None:
    """chitieu – theo dõi, đánh giá và giải thích các chỉ tiêu của nghị quyết.

    Track, evaluate and explain the targets of a development resolution.
    """
    ctx.ensure_object(dict)
    ctx.obj["database_url"] = database_url


@main.command()
@click.pass_context
@handles_errors
def init(ctx: click.Context) -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu (create or upgrade the database)."""
    store = open_store(ctx)
    store.init()
    click.echo(f"Cơ sở dữ liệu sẵn sàng (database ready): {store.url}")


@main.command()
@click.argument("source")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check everything (files and database) and report, but write nothing.",
)
@progress_option
@click.pass_context
@handles_errors
def load(ctx: click.Context, source: str, dry_run: bool, show_progress: bool | None) -> None:
    """Nạp bộ dữ liệu có sẵn, tệp định nghĩa .yaml hoặc tệp số liệu .csv.

    SOURCE is a shipped dataset name (see `chitieu datasets`), a definition file
    (.yaml), a figures file (.csv) or a dataset folder.
    """
    store = ready_store(ctx)
    path = Path(source)
    if datasets.get(source) is not None and not path.exists():
        with showing_progress(show_progress):
            report = services.load_dataset(store, source, dry_run=dry_run)
    elif path.exists():
        with showing_progress(show_progress):
            report = services.load_path(store, path, dry_run=dry_run)
    else:
        known = ", ".join(d.name for d in datasets.available())
        raise ValueError(
            f"'{source}': không có tệp hay bộ dữ liệu này (no such file or dataset); có: {known}"
        )
    render.load_report(console(), report)


@main.command("datasets")
def list_datasets() -> None:
    """Liệt kê các bộ dữ liệu đi kèm (list shipped datasets)."""
    render.datasets(console(), datasets.available())


@main.command()
@click.pass_context
@handles_errors
def resolutions(ctx: click.Context) -> None:
    """Liệt kê các nghị quyết đã nạp (list loaded resolutions and their versions)."""
    store = ready_store(ctx)
    render.resolutions(console(), store)


@main.command()
@click.option("--resolution", default=None, help="Only the indicators of this resolution.")
@click.option("--indicator", default=None, help="Only this indicator.")
@click.option("--area", default=None, help="Only this area.")
@click.option(
    "--revisions/--current",
    default=False,
    help="Every revision (history) or only the current figure per period (default).",
)
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="csv writes the same format `chitieu load` reads.",
)
@click.pass_context
@handles_errors
def figures(
    ctx: click.Context,
    resolution: str | None,
    indicator: str | None,
    area: str | None,
    revisions: bool,
    lang: str,
    fmt: str,
) -> None:
    """Số liệu đã lưu, với nguồn và các lần sửa đổi (stored figures with sources, revisions)."""
    store = ready_store(ctx)
    rows = store.observations(indicator, area, all_revisions=True)
    if resolution is not None:
        codes = {i.code for i in store.get_resolution(resolution).indicators}
        rows = [o for o in rows if o.indicator in codes]
    if not revisions:
        rows = services.current_only(rows)
    if fmt == "csv":
        click.echo(figures_csv.to_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(figures_json.to_json(rows))
    else:
        render.figures(console(), rows, lang, revisions)


@main.command()
@click.argument("resolution")
@click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures to use.")
@click.option("--area", default=None, help="Evaluate on one district's figures (an area code).")
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.option(
    "--all-areas", is_flag=True, help="Every area at once: verdict counts per target (csv: all)."
)
@click.pass_context
@handles_errors
def evaluate(
    ctx: click.Context,
    resolution: str,
    as_of: int | None,
    area: str | None,
    lang: str,
    fmt: str,
    rates: tuple[str, ...],
    all_areas: bool = False,
) -> None:
    """Đánh giá các chỉ tiêu của nghị quyết (evaluate a resolution's targets)."""
    store = ready_store(ctx)
    if all_areas:
        return bulk.show(store, resolution, as_of, rates, lang, fmt)
    result = evaluate_stored(store, resolution, as_of, rates, area)
    if fmt == "json":
        click.echo(evaluation_json.to_json(result))
    elif fmt == "csv":
        click.echo(evaluation_csv.to_csv(result, lang), nl=False)
    else:
        # The year evaluated may have only sub-annual figures so far: their provisional
        # status goes under the clause (an annual figure, once there, wins).
        settings = EvaluationSettings(as_of=result.as_of, rates=rates_from(rates))
        tracked = in_year_service.in_year(
            store, resolution, result.as_of, area=area, settings=settings
        )
        render.evaluation(console(), result, lang, in_year_service.shown_by_clause(tracked))


@main.command()
@click.argument("resolution")
@click.argument("target")
@click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures to use.")
@click.option("--area", default=None, help="Evaluate on one district's figures (an area code).")
@lang_option
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.pass_context
@handles_errors
def explain(
    ctx: click.Context,
    resolution: str,
    target: str,
    as_of: int | None,
    area: str | None,
    lang: str,
    rates: tuple[str, ...],
) -> None:
    """Giải thích kết quả một chỉ tiêu (explain one target, clause by clause)."""
    store = ready_store(ctx)
    result = evaluate_stored(store, resolution, as_of, rates, area)
    for t in (*result.targets, *result.extra):
        if t.target.id == target:
            render.target_detail(console(), result, t, lang)
            if not result.final:
                outlooks = analysis_service.project_resolution(
                    store,
                    resolution,
                    target,
                    as_of=result.as_of,
                    area=area,
                    rates=rates_from(rates),
                )
                render.outlooks(console(), outlooks, lang)
            return
    known = ", ".join(t.target.id for t in (*result.targets, *result.extra))
    raise KeyError(f"không có chỉ tiêu '{target}' (no target '{target}'); có: {known}")


# Topic modules each export COMMANDS; registering them here keeps main.py the one index.
_TOPICS: tuple[ModuleType, ...] = (web, reports, reading, analysis, review, archive, in_year)
for _module in _TOPICS:
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()

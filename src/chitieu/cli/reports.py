"""``report``, ``export``, ``template`` and ``import``: documents and figures in and out."""

from __future__ import annotations

from pathlib import Path

import click

from chitieu.core.numbers import format_number
from chitieu.services import exchange, reports
from chitieu.store.errors import StoreError

from .common import (
    handles_errors,
    lang_option,
    progress_option,
    ready_store,
    showing_progress,
)

_as_of = click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures.")
_output = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True
)


@click.command()
@click.argument("resolution")
@_as_of
@lang_option
@click.option("--format", "fmt", type=click.Choice(reports.REPORT_FORMATS), required=True)
@_output
@click.pass_context
@handles_errors
def report(
    ctx: click.Context, resolution: str, as_of: int | None, lang: str, fmt: str, output: Path
) -> None:
    """Báo cáo đánh giá (evaluation report) as .docx, .pdf, .xlsx or .html."""
    store = ready_store(ctx)
    path = reports.write_report(store, resolution, fmt, output, as_of=as_of, lang=lang)
    click.echo(f"Đã ghi (written): {path}")


@click.command("export")
@click.argument("resolution")
@_as_of
@lang_option
@click.option("--format", "fmt", type=click.Choice(exchange.EXPORT_FORMATS), required=True)
@_output
@click.pass_context
@handles_errors
def export(
    ctx: click.Context, resolution: str, as_of: int | None, lang: str, fmt: str, output: Path
) -> None:
    """Xuất số liệu (export figures, every revision) as xlsx, SDMX-CSV, CSV or JSON."""
    store = ready_store(ctx)
    reports.evaluate_for_report(store, resolution, as_of)  # unknown resolution → clear message
    path = exchange.export(store, resolution, fmt, output, as_of=as_of, lang=lang)
    click.echo(f"Đã ghi (written): {path}")


@click.command()
@click.argument("resolution")
@click.option("--agency", default=None, help="Only this agency's indicators.")
@click.option(
    "--agencies",
    "agencies_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help='JSON file {"agency": ["indicator code", ...]} that --agency looks up.',
)
@click.option(
    "--period",
    "periods",
    multiple=True,
    help="A period for the rows (repeat): 2026, 2026-Q1, 2026-9M, '9 tháng 2026'. "
    "Default: the years of the term.",
)
@click.option(
    "--basis",
    default="level",
    show_default=True,
    help="What the figures are measured against: level, same_period, plan, previous_period.",
)
@_output
@click.pass_context
@handles_errors
def template(
    ctx: click.Context,
    resolution: str,
    agency: str | None,
    agencies_file: Path | None,
    periods: tuple[str, ...],
    basis: str,
    output: Path,
) -> None:
    """Biểu nhập số liệu (data-entry workbook) for an agency's indicators and periods."""
    store = ready_store(ctx)
    reports.evaluate_for_report(store, resolution)
    agencies = exchange.read_agencies(agencies_file) if agencies_file is not None else None
    path = exchange.make_template(
        store,
        resolution,
        output,
        agency=agency,
        agencies=agencies,
        periods=list(periods) or None,
        basis=basis,
    )
    click.echo(f"Đã ghi (written): {path}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every cell and report, write nothing.")
@click.option("--reason", default="", help="Lý do sửa (why figures differ from the stored ones).")
@click.option(
    "--justification",
    default="",
    help="Giải trình (why the figures the plausibility rules flag as unusual are right).",
)
@progress_option
@click.pass_context
@handles_errors
def import_(
    ctx: click.Context,
    file: Path,
    dry_run: bool,
    reason: str,
    justification: str,
    show_progress: bool | None,
) -> None:
    """Nhập số liệu (import figures) from a filled template (.xlsx), .csv or .json.

    Impossible figures are refused; unusual ones need --justification; figures that
    correct stored ones need --reason."""
    store = ready_store(ctx)
    try:
        with showing_progress(show_progress):
            done = exchange.import_file(
                store, file, dry_run=dry_run, reason=reason, justification=justification
            )
    except StoreError as exc:
        if exc.code != "correction_reason":
            raise
        raise ValueError(
            f"{file}: có số liệu khác số đã lưu, cần ghi lý do sửa bằng --reason (figures "
            f"differ from the stored ones: give the reason with --reason; {exc})"
        ) from exc
    a = done.added
    n = {
        k: format_number(v)
        for k, v in (("r", done.read), ("i", a.inserted), ("v", a.revised), ("u", a.unchanged))
    }
    head = "Kiểm tra, không ghi (dry run, nothing written)" if dry_run else "Đã nhập (imported)"
    click.echo(
        f"{head}: {done.path}: {n['r']} số liệu; {n['i']} mới, {n['v']} sửa đổi "
        f"(phiên bản mới), {n['u']} không đổi."
    )
    if not dry_run and a.inserted + a.revised:
        click.echo(
            "Số liệu mới đang chờ duyệt: người duyệt phê duyệt tại /review trên ứng dụng web "
            "hoặc bằng `chitieu review approve ID --as NGƯỜI_DUYỆT` (new figures await a "
            "reviewer's approval: /review in the web app, or `chitieu review`)."
        )


COMMANDS: list[click.Command] = [report, export, template, import_]

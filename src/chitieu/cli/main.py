"""The ``chitieu`` command line: a thin layer over :mod:`chitieu.services`.

Commands parse arguments, call one service and format its result. Bad input never
produces a traceback: it is reported with file, line and field and a non-zero exit
(1: data refused by the store, 2: invalid input or usage).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from chitieu import __version__, datasets, services
from chitieu.core.numbers import NumberFormatError, parse_number
from chitieu.core.settings import EvaluationSettings
from chitieu.core.units import ExchangeRates
from chitieu.definitions.errors import DefinitionError
from chitieu.exports import evaluation as export
from chitieu.exports import observations as export_observations
from chitieu.store import Store
from chitieu.store.errors import StoreError

from . import render

F = TypeVar("F", bound=Callable[..., Any])


lang_option = click.option(
    "--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True
)
RATE_HELP = (
    "Exchange rate, repeatable: 'USD=23.160' (đồng per USD, vi-VN number) or "
    "'2021:USD=23.160' for one year's figures."
)


def parse_rate(text: str) -> tuple[str, int | None, Decimal]:
    """'2021:USD=23.160' → ("USD", 2021, 23160): đồng per unit of the currency."""
    year: int | None = None
    spec = text.strip()
    if ":" in spec:
        head, spec = spec.split(":", 1)
        if not head.strip().isdigit():
            raise click.BadParameter(f"{text!r}: the year before ':' must be a number")
        year = int(head)
    if "=" not in spec:
        raise click.BadParameter(f"{text!r}: expected CURRENCY=RATE, e.g. USD=23.160")
    currency, value = (part.strip() for part in spec.split("=", 1))
    try:
        rate = parse_number(value)
    except NumberFormatError as exc:
        raise click.BadParameter(f"{text!r}: {exc}") from exc
    if not currency or rate <= 0:
        raise click.BadParameter(f"{text!r}: expected a currency and a positive rate")
    return currency, year, rate


def _rates(specs: tuple[str, ...]) -> ExchangeRates | None:
    if not specs:
        return None
    rates = ExchangeRates()
    for spec in specs:
        currency, year, rate = parse_rate(spec)
        rates = rates.with_rate(currency, "đồng", rate, year)
    return rates


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=False)


def _fail(message: str, code: int) -> None:
    # Plain echo, never wrapped: "file:line: field" must stay on one line to be clickable.
    click.echo(click.style("Lỗi (error): ", fg="red", bold=True) + message, err=True)
    sys.exit(code)


def handles_errors(func: F) -> F:
    """Turn domain errors into a clear message and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DefinitionError as exc:
            lines = "\n".join(f"  {p}" for p in exc.problems) or str(exc)
            _fail(f"dữ liệu đầu vào không hợp lệ (invalid input):\n{lines}", 2)
        except StoreError as exc:
            _fail(f"cơ sở dữ liệu từ chối ghi, không có gì được ghi (nothing written): {exc}", 1)
        except KeyError as exc:
            _fail(str(exc.args[0]) if exc.args else str(exc), 2)
        except (ValueError, OSError) as exc:
            _fail(str(exc), 2)
        return None

    return wrapper  # type: ignore[return-value]


def _open_store(ctx: click.Context) -> Store:
    url = ctx.obj.get("database_url") if ctx.obj else None
    store = Store.open(url)
    ctx.call_on_close(store.close)
    return store


def _ready_store(ctx: click.Context) -> Store:
    store = _open_store(ctx)
    if not store.is_initialised():
        store.init()
    return store


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
    store = _open_store(ctx)
    store.init()
    click.echo(f"Cơ sở dữ liệu sẵn sàng (database ready): {store.url}")


@main.command()
@click.argument("source")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check everything (files and database) and report, but write nothing.",
)
@click.pass_context
@handles_errors
def load(ctx: click.Context, source: str, dry_run: bool) -> None:
    """Nạp bộ dữ liệu có sẵn, tệp định nghĩa .yaml hoặc tệp số liệu .csv.

    SOURCE is a shipped dataset name (see `chitieu datasets`), a definition file
    (.yaml), a figures file (.csv) or a dataset folder.
    """
    store = _ready_store(ctx)
    path = Path(source)
    if datasets.get(source) is not None and not path.exists():
        report = services.load_dataset(store, source, dry_run=dry_run)
    elif path.exists():
        report = services.load_path(store, path, dry_run=dry_run)
    else:
        known = ", ".join(d.name for d in datasets.available())
        raise ValueError(
            f"'{source}': không có tệp hay bộ dữ liệu này (no such file or dataset); có: {known}"
        )
    render.load_report(_console(), report)


@main.command("datasets")
def list_datasets() -> None:
    """Liệt kê các bộ dữ liệu đi kèm (list shipped datasets)."""
    render.datasets(_console(), datasets.available())


@main.command()
@click.pass_context
@handles_errors
def resolutions(ctx: click.Context) -> None:
    """Liệt kê các nghị quyết đã nạp (list loaded resolutions and their versions)."""
    store = _ready_store(ctx)
    render.resolutions(_console(), store)


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
    store = _ready_store(ctx)
    rows = store.observations(indicator, area, all_revisions=True)
    if resolution is not None:
        codes = {i.code for i in store.get_resolution(resolution).indicators}
        rows = [o for o in rows if o.indicator in codes]
    if not revisions:
        rows = services.current_only(rows)
    if fmt == "csv":
        click.echo(export_observations.to_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(export_observations.to_json(rows))
    else:
        render.figures(_console(), rows, lang, revisions)


@main.command()
@click.argument("resolution")
@click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures to use.")
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.pass_context
@handles_errors
def evaluate(
    ctx: click.Context,
    resolution: str,
    as_of: int | None,
    lang: str,
    fmt: str,
    rates: tuple[str, ...],
) -> None:
    """Đánh giá các chỉ tiêu của nghị quyết (evaluate a resolution's targets)."""
    store = _ready_store(ctx)
    result = _evaluate(store, resolution, as_of, rates)
    if fmt == "json":
        click.echo(export.to_json(result))
    elif fmt == "csv":
        click.echo(export.to_csv(result, lang), nl=False)
    else:
        render.evaluation(_console(), result, lang)


@main.command()
@click.argument("resolution")
@click.argument("target")
@click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures to use.")
@lang_option
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.pass_context
@handles_errors
def explain(
    ctx: click.Context,
    resolution: str,
    target: str,
    as_of: int | None,
    lang: str,
    rates: tuple[str, ...],
) -> None:
    """Giải thích kết quả một chỉ tiêu (explain one target, clause by clause)."""
    store = _ready_store(ctx)
    result = _evaluate(store, resolution, as_of, rates)
    for t in (*result.targets, *result.extra):
        if t.target.id == target:
            render.target_detail(_console(), result, t, lang)
            return
    known = ", ".join(t.target.id for t in (*result.targets, *result.extra))
    raise KeyError(f"không có chỉ tiêu '{target}' (no target '{target}'); có: {known}")


def _evaluate(
    store: Store, resolution_id: str, as_of: int | None, rates: tuple[str, ...] = ()
) -> Any:
    if resolution_id not in store.resolution_ids():
        known = ", ".join(store.resolution_ids()) or "—"
        raise KeyError(
            f"chưa nạp nghị quyết '{resolution_id}' (resolution not loaded); đã nạp: {known}. "
            f"Dùng `chitieu load {resolution_id}`."
        )
    resolution = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else services.default_as_of(resolution, dt.date.today().year)
    settings = EvaluationSettings(as_of=year, rates=_rates(rates))
    return services.evaluate(store, resolution_id, settings)


if __name__ == "__main__":  # pragma: no cover
    main()

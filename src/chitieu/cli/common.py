"""What every ``chitieu`` command shares: options, error handling, the store.

Command modules (``main``, and one module per topic) import from here, never from each
other, so a topic's commands can be added without touching the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

import click
from rich.console import Console
from sqlalchemy import exc as sa_exc

from chitieu import progress, services
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.numbers import NumberFormatError, parse_number
from chitieu.core.results import ResolutionResult
from chitieu.core.units import ExchangeRates
from chitieu.definitions.errors import DefinitionError
from chitieu.store import Store
from chitieu.store.errors import StoreError

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


def rates_from(specs: tuple[str, ...]) -> ExchangeRates | None:
    if not specs:
        return None
    rates = ExchangeRates()
    for spec in specs:
        currency, year, rate = parse_rate(spec)
        rates = rates.with_rate(currency, "đồng", rate, year)
    return rates


progress_option = click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Thanh tiến độ (progress bar) on stderr; default: only on a terminal.",
)


@contextmanager
def showing_progress(show: bool | None) -> Iterator[None]:
    """A bar per step (read, check, write) on stderr while a long load runs; nothing when
    the output is not a terminal (scripts, CI logs) or with ``--no-progress``."""
    err = console(err=True)
    if not (err.is_terminal if show is None else show):
        yield
        return
    if not err.is_terminal:  # asked for explicitly: draw it anyway (a log that wants it)
        err = Console(stderr=True, highlight=False, force_terminal=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def report(task: str, done: int, total: int | None) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total)
            bar.update(tasks[task], completed=done, total=total)

        with progress.reporting(report):
            yield


def console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=False)


def fail(message: str, code: int) -> None:
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
            fail(f"dữ liệu đầu vào không hợp lệ (invalid input):\n{lines}", 2)
        except StoreError as exc:
            fail(f"cơ sở dữ liệu từ chối ghi, không có gì được ghi (nothing written): {exc}", 1)
        except sa_exc.OperationalError as exc:
            # e.g. a PostgreSQL URL naming a database or server that does not exist
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            fail(f"không mở được cơ sở dữ liệu (cannot open the database): {reason}", 1)
        except KeyError as exc:
            fail(str(exc.args[0]) if exc.args else str(exc), 2)
        except (ValueError, OSError) as exc:
            fail(str(exc), 2)
        return None

    return wrapper  # type: ignore[return-value]


def open_store(ctx: click.Context) -> Store:
    url = ctx.obj.get("database_url") if ctx.obj else None
    store = Store.open(url)
    ctx.call_on_close(store.close)
    return store


def ready_store(ctx: click.Context) -> Store:
    store = open_store(ctx)
    if not store.is_initialised():
        store.init()
    return store


def evaluate_stored(
    store: Store,
    resolution_id: str,
    as_of: int | None,
    rates: tuple[str, ...] = (),
    area: str | None = None,
) -> ResolutionResult:
    if resolution_id not in store.resolution_ids():
        known = ", ".join(store.resolution_ids()) or "—"
        raise KeyError(
            f"chưa nạp nghị quyết '{resolution_id}' (resolution not loaded); đã nạp: {known}. "
            f"Dùng `chitieu load {resolution_id}`."
        )
    resolution = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else services.default_as_of(resolution, dt.date.today().year)
    settings = EvaluationSettings(as_of=year, rates=rates_from(rates))
    return services.evaluate(store, resolution_id, settings, area)

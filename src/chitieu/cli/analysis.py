"""``chitieu check | validate | project | backtest``: analysis of targets and figures.

Thin: each command calls one function of :mod:`chitieu.services.analysis` and prints
its result as a table (vi-VN numbers, Vietnamese first) or as JSON.
"""

from __future__ import annotations

import json

import click
from rich.table import Table

from chitieu.core.analysis.feasibility import SEVERITY_LABEL, Assumptions, Feasibility, Severity
from chitieu.core.analysis.figures import approx, fmt, percent, with_unit
from chitieu.core.analysis.outlook import Outlook
from chitieu.core.analysis.validation import IMPORTANCE_LABEL, Importance, Violation
from chitieu.core.analysis.wording import outlook_lines
from chitieu.core.numbers import NumberFormatError, parse_number
from chitieu.services import analysis as service

from .common import RATE_HELP, console, handles_errors, lang_option, rates_from, ready_store

format_option = click.option(
    "--format",
    "fmt_",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)

ASSUME_KEYS = {
    "population": "population_growth",
    "deflator": "deflator",
    "depreciation": "depreciation",
}
SEVERITY_STYLE = {
    Severity.OK: "green",
    Severity.INFO: "cyan",
    Severity.WARNING: "yellow",
    Severity.PROBLEM: "bold red",
}
IMPORTANCE_STYLE = {Importance.HIGH: "bold red", Importance.MEDIUM: "yellow", Importance.LOW: "dim"}


def _json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _pct(x: float | None, lang: str) -> str:
    return "—" if x is None else f"{fmt(x, lang)}%"


def _assumptions(specs: tuple[str, ...]) -> Assumptions | None:
    if not specs:
        return None
    values: dict[str, float] = {}
    for spec in specs:
        key, sep, raw = spec.partition("=")
        field = ASSUME_KEYS.get(key.strip())
        if not sep or field is None:
            raise click.BadParameter(
                f"{spec!r}: expected KEY=PERCENT with KEY one of {', '.join(ASSUME_KEYS)}",
                param_hint="--assume",
            )
        try:
            values[field] = float(parse_number(raw.strip()))
        except NumberFormatError as exc:
            raise click.BadParameter(f"{spec!r}: {exc}", param_hint="--assume") from exc
    return Assumptions(**values)


# -- check -------------------------------------------------------------------------------


@click.command()
@click.argument("resolution")
@click.option(
    "--assume",
    "assume",
    multiple=True,
    help="Assumption in %/year, repeatable: population=1,1  deflator=3  depreciation=1,5 "
    "(vi-VN numbers). With all three, GRDP per head is projected in the target currency.",
)
@lang_option
@format_option
@click.pass_context
@handles_errors
def check(
    ctx: click.Context, resolution: str, assume: tuple[str, ...], lang: str, fmt_: str
) -> None:
    """Kiểm tra tính khả thi, nhất quán của bộ chỉ tiêu (check a target set's consistency)."""
    store = ready_store(ctx)
    result = service.check_resolution(store, resolution, _assumptions(assume))
    if fmt_ == "json":
        _json(service.feasibility_dict(result))
        return
    _render_check(result, lang)


def _render_check(f: Feasibility, lang: str) -> None:
    out = console()
    title = f.resolution.title.get(lang)
    out.print(title, style="bold")
    counts = {s: sum(1 for x in f.findings if x.severity is s) for s in Severity}
    out.print(
        " · ".join(f"{SEVERITY_LABEL[s].get(lang)}: {counts[s]}" for s in Severity if counts[s])
    )
    for x in f.findings:
        out.print()
        out.print(
            f"[{SEVERITY_STYLE[x.severity]}]{SEVERITY_LABEL[x.severity].get(lang)}[/] "
            f"({x.check}; {', '.join(x.clauses)})"
        )
        out.print(x.sentence.get(lang))
        out.print(f"  {x.arithmetic.get(lang)}", style="dim")
    out.print()
    heading = (
        "Nhịp độ cần đạt mỗi năm từ năm gốc, xếp hạng (bên cạnh: nhịp độ nhiệm kỳ trước)"
        if lang == "vi"
        else "Yearly pace each target needs from its baseline, ranked (beside: previous term)"
    )
    table = Table(title=heading, title_justify="left", show_lines=False)
    vi = lang == "vi"
    table.add_column("#")
    table.add_column("Chỉ tiêu" if vi else "Target")
    table.add_column("Gốc" if vi else "Base", justify="right")
    table.add_column("Mục tiêu" if vi else "Target", justify="right")
    table.add_column("Cần %/năm" if vi else "Needs %/yr", justify="right")
    table.add_column("Nhiệm kỳ trước" if vi else "Previous term", justify="right")
    for i, p in enumerate(f.paces, 1):
        unit = p.clause.bound.unit
        base = "—" if p.base is None else f"{with_unit(p.base[1], unit, lang)} ({p.base[0]})"
        prev = "—"
        if p.previous_pct is not None and p.previous_years is not None:
            a, b = p.previous_years
            prev = f"{_pct(p.previous_pct, lang)} ({a}–{b})"
            if p.faster_than_before:
                prev += " ↑"
        table.add_row(
            str(i),
            f"{p.clause.id} {p.clause.label.get(lang)}",
            base,
            with_unit(p.target, unit, lang),
            _pct(p.required_pct, lang),
            prev,
        )
    out.print(table)
    out.print(
        "↑ cần nhanh hơn nhiệm kỳ trước" if vi else "↑ needs to be faster than the previous term",
        style="dim",
    )


# -- validate ----------------------------------------------------------------------------


@click.command()
@click.argument("resolution")
@lang_option
@format_option
@click.pass_context
@handles_errors
def validate(ctx: click.Context, resolution: str, lang: str, fmt_: str) -> None:
    """Kiểm tra số liệu theo các quy tắc (validate figures against the rules)."""
    store = ready_store(ctx)
    found = service.validate_resolution(store, resolution)
    if fmt_ == "json":
        _json([service.violation_dict(v) for v in found])
        return
    _render_violations(found, lang)


def _render_violations(found: list[Violation], lang: str) -> None:
    out = console()
    vi = lang == "vi"
    if not found:
        out.print("Không có vi phạm." if vi else "No violations.")
        return
    counts = {i: sum(1 for v in found if v.importance is i) for i in Importance}
    label = "Vi phạm" if vi else "Violations"
    parts = " · ".join(f"{IMPORTANCE_LABEL[i].get(lang)}: {n}" for i, n in counts.items() if n)
    out.print(f"{label}: {len(found)} ({parts})")
    for v in found:
        period = str(v.period[0]) if v.period[0] == v.period[1] else f"{v.period[0]}–{v.period[1]}"
        out.print(
            f"[{IMPORTANCE_STYLE[v.importance]}]{IMPORTANCE_LABEL[v.importance].get(lang)}[/] "
            f"{v.check} · {v.area} · {period}"
        )
        out.print(f"  {v.message.get(lang)}")
    if counts[Importance.HIGH]:
        out.print(
            "Vi phạm mức cao chặn việc phê duyệt số liệu liên quan."
            if vi
            else "High-importance violations block approval of the figures involved.",
            style="dim",
        )


# -- project -----------------------------------------------------------------------------


@click.command()
@click.argument("resolution")
@click.argument("target", required=False)
@click.option("--as-of", "as_of", type=int, default=None, help="Last year of figures to use.")
@click.option("--area", default=None, help="Area code (a district, say); default: the city.")
@click.option("--rate", "rates", multiple=True, help=RATE_HELP)
@click.option("--all", "show_all", is_flag=True, help="Also list clauses without a projection.")
@lang_option
@format_option
@click.pass_context
@handles_errors
def project(
    ctx: click.Context,
    resolution: str,
    target: str | None,
    as_of: int | None,
    area: str | None,
    rates: tuple[str, ...],
    show_all: bool,
    lang: str,
    fmt_: str,
) -> None:
    """Dự báo cuối kỳ, khoảng 80% và xác suất đạt (projection, 80% interval, probability)."""
    store = ready_store(ctx)
    found = service.project_resolution(store, resolution, target, as_of, area, rates_from(rates))
    if fmt_ == "json":
        _json([service.outlook_dict(o) for o in found])
        return
    shown = found if show_all or target is not None else [o for o in found if o.projection]
    _render_outlooks(shown, lang)


def _render_outlooks(found: list[Outlook], lang: str) -> None:
    out = console()
    if not found:
        out.print("Không có chỉ tiêu nào dự báo được." if lang == "vi" else "Nothing to project.")
        return
    for o in found:
        out.print(f"{o.clause.id}. {o.clause.label.get(lang)}", style="bold")
        for line in outlook_lines(o, lang):
            out.print(f"  {line}")


# -- backtest ----------------------------------------------------------------------------


@click.command()
@click.argument("resolution")
@click.option("--upto", type=int, required=True, help="Use figures up to this year only.")
@click.option("--year", type=int, default=None, help="Year to project (default: term's end).")
@lang_option
@format_option
@click.pass_context
@handles_errors
def backtest(
    ctx: click.Context, resolution: str, upto: int, year: int | None, lang: str, fmt_: str
) -> None:
    """Kiểm định phương pháp dự báo trên số liệu đã biết (backtest the projection)."""
    store = ready_store(ctx)
    b = service.backtest_resolution(store, resolution, upto, year)
    if fmt_ == "json":
        _json(service.backtest_dict(b))
        return
    out = console()
    vi = lang == "vi"
    out.print(
        f"Số liệu đến {b.upto}, dự báo {b.year}: {len(b.cases)} chuỗi"
        if vi
        else f"Figures up to {b.upto}, projecting {b.year}: {len(b.cases)} series",
        style="bold",
    )
    table = Table()
    table.add_column("Chỉ tiêu" if vi else "Indicator")
    table.add_column("Số liệu" if vi else "Figures")
    table.add_column("Dự báo" if vi else "Projected", justify="right")
    table.add_column("Khoảng 80%" if vi else "80% interval", justify="right")
    table.add_column("Thực tế" if vi else "Actual", justify="right")
    table.add_column("Sai số" if vi else "Error", justify="right")
    table.add_column("P(đạt)" if vi else "P(met)", justify="right")
    for c in b.cases:
        iv = c.projection.interval
        table.add_row(
            c.indicator.code + (f" ({c.clause.id})" if c.clause else ""),
            ", ".join(str(y) for y, _ in c.points),
            approx(c.projection.value, lang),
            "—" if iv is None else f"{approx(iv[0], lang)}–{approx(iv[1], lang)}",
            fmt(c.actual, lang),
            f"{fmt(c.pct_error, lang, 1)}%",
            "—"
            if c.probability is None
            else f"{percent(c.probability, lang)} ("
            + (("đạt" if vi else "met") if c.met else ("không đạt" if vi else "missed"))
            + ")",
        )
    out.print(table)
    inside, with_iv = b.coverage
    right, called = b.calls
    mape = "—" if b.mape is None else f"{fmt(b.mape, lang, 1)}%"
    mdape = "—" if b.median_ape is None else f"{fmt(b.median_ape, lang, 1)}%"
    if vi:
        out.print(f"Sai số tuyệt đối bình quân: {mape}; trung vị: {mdape}.")
        out.print(f"Thực tế nằm trong khoảng 80%: {inside}/{with_iv} chuỗi có khoảng.")
        out.print(f"Xác suất ≥ 50% đoán đúng kết quả: {right}/{called}.")
    else:
        out.print(f"Mean absolute % error: {mape}; median: {mdape}.")
        out.print(f"Actual inside the 80% interval: {inside}/{with_iv} series with an interval.")
        out.print(f"Probability ≥ 50% called the outcome right: {right}/{called}.")
    for ind, reason in b.skipped:
        out.print(f"  – {ind.code}: {reason.get(lang)}", style="dim")


COMMANDS: list[click.Command] = [check, validate, project, backtest]

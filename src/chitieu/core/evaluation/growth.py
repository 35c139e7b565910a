"""Average growth: the mean of yearly rates, or the CAGR of a level series."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.evaluation.context import ClauseContext
from chitieu.core.evaluation.pace import (
    compound_factor,
    dec,
    geometric_mean,
    pace_class,
    pace_status,
)
from chitieu.core.evaluation.series import observations_of
from chitieu.core.model import Measure, Text, Verdict
from chitieu.core.numbers import format_number
from chitieu.core.observations import Observation
from chitieu.core.results import ClauseResult, Figure, Required


def evaluate_average_growth(ctx: ClauseContext) -> ClauseResult:
    if ctx.indicator.measure is Measure.LEVEL:
        return _growth_of_levels(ctx)
    first, last = ctx.period()
    n = last - first + 1
    final = ctx.as_of >= last
    span = ctx.series.spans.get((first, last))
    rates = [ctx.series.years[y] for y in range(first, last + 1) if y in ctx.series.years]
    if final and span is not None and (ctx.settings.prefer_period_figures or len(rates) < n):
        verdict = ctx.judge(span.value, span.qualifier)
        notes: tuple[Text, ...] = ()
        if len(rates) == n:
            g = geometric_mean([f.value for f in rates])
            g_vi, g_en = format_number(g, lang="vi"), format_number(g, lang="en")
            notes = (
                Text(
                    f"Trung bình nhân các năm: {g_vi}%/năm.",
                    f"Geometric mean of the yearly figures: {g_en}%/year.",
                ),
            )
        return ctx.result(
            verdict,
            True,
            actual=span.value,
            basis=(first, last),
            qualifier=span.qualifier,
            used=observations_of(span),
            notes=notes,
        )
    if final and len(rates) == n:
        actual = dec(geometric_mean([f.value for f in rates]))
        return ctx.result(
            ctx.judge_growth(compound_factor(f.value for f in rates), Decimal(1), n),
            True,
            actual=actual,
            basis=(first, last),
            used=tuple(o for f in rates for o in observations_of(f)),
        )
    partial = _partial_span(ctx, first, last)
    if not rates and partial is not None:
        k = partial.period[1] - first + 1 if partial.period else 0
        g_obs = float(partial.value)
        used: tuple[Observation, ...] = observations_of(partial)
        basis = (first, first + k - 1)
    elif rates:
        k = len(rates)
        g_obs = geometric_mean([f.value for f in rates])
        used = tuple(o for f in rates for o in observations_of(f))
        basis = (first, rates[-1].year)
    else:
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final)
    thr = float(ctx.thr)
    ratio = ctx.side * g_obs / abs(thr) if thr else (1.0 if g_obs * ctx.side >= 0 else -1.0)
    # Years after the last figure remain to be lived; a missing year before it is taken
    # at the mean so far (and said so in a note), so the requirement covers exactly
    # the years ``required_years`` names.
    lived = basis[1] - first + 1
    remaining = n - lived
    required: Decimal | None = None
    if remaining > 0:
        achieved_factor = (1 + g_obs / 100.0) ** lived
        need = ((1 + thr / 100.0) ** n / achieved_factor) ** (1 / remaining) - 1
        required = dec(need * 100.0)
    missing = [y for y in range(first, basis[1] + 1) if y not in ctx.series.years]
    notes_list: list[Text] = []
    if rates and missing:
        gap = ", ".join(str(y) for y in missing)
        notes_list.append(
            Text(f"Thiếu số liệu các năm {gap}.", f"No figures for {gap}."),
        )
    verdict = Verdict.NOT_ENOUGH_DATA if final else pace_status(ratio, ctx.settings)
    return ctx.result(
        verdict,
        final,
        actual=dec(g_obs),
        basis=basis,
        used=used,
        pace_ratio=ratio,
        pace_class=pace_class(ratio, ctx.settings),
        required=required,
        required_kind=Required.GROWTH if required is not None else None,
        required_years=(basis[1] + 1, last) if remaining > 0 else None,
        projection=dec(g_obs),
        projection_year=last,
        notes=tuple(notes_list),
    )


def _partial_span(ctx: ClauseContext, first: int, last: int) -> Figure | None:
    spans = [f for (a, b), f in ctx.series.spans.items() if a == first and b < last]
    return max(spans, key=lambda f: f.period or (0, 0)) if spans else None


def _growth_of_levels(ctx: ClauseContext) -> ClauseResult:
    """Average growth of a level series at constant prices: CAGR from the base year."""
    first, last = ctx.period()
    base = ctx.baseline() or ctx.series.years.get(first - 1)
    final = ctx.as_of >= last
    known = [y for y in ctx.series.years if first <= y <= min(last, ctx.as_of)]
    if base is None or not known or base.value <= 0:
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base)
    latest = ctx.series.years[max(known)]
    k = latest.year - base.year
    if k <= 0 or latest.value <= 0:
        # a CAGR needs time and positive levels; a negative ratio has no real root
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base)
    g = ((float(latest.value) / float(base.value)) ** (1 / k) - 1) * 100.0
    used = (*observations_of(base), *observations_of(latest))
    if final and latest.year == last:
        actual = dec(g)
        return ctx.result(
            ctx.judge_growth(latest.value, base.value, k),
            True,
            actual=actual,
            basis=(first, last),
            used=used,
            baseline=base,
        )
    thr = float(ctx.thr)
    ratio = ctx.side * g / abs(thr) if thr else 1.0
    remaining = last - latest.year
    horizon = last - base.year  # = n when the base is the year before the period
    need = (
        (float(base.value) * (1 + thr / 100.0) ** horizon / float(latest.value)) ** (1 / remaining)
        - 1
    ) * 100.0
    return ctx.result(
        Verdict.NOT_ENOUGH_DATA if final else pace_status(ratio, ctx.settings),
        final,
        actual=dec(g),
        basis=(first, latest.year),
        used=used,
        baseline=base,
        pace_ratio=ratio,
        pace_class=pace_class(ratio, ctx.settings),
        required=dec(need),
        required_kind=Required.GROWTH,
        required_years=(latest.year + 1, last),
        projection=dec(g),
        projection_year=last,
    )

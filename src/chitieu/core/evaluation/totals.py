"""Totals over a period (cumulative) and yearly means (per year)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from chitieu.core.compare import better_side, satisfied
from chitieu.core.evaluation.context import ClauseContext
from chitieu.core.evaluation.pace import pace_class, pace_status
from chitieu.core.evaluation.series import observations_of
from chitieu.core.model import Text, Verdict
from chitieu.core.observations import Qualifier
from chitieu.core.results import ClauseResult, Figure, Required
from chitieu.core.units import parse_unit


def _reached(ctx: ClauseContext, figs: Sequence[Figure]) -> int | None:
    """First year whose running total already met the requirement."""
    running = Decimal(0)
    for f in figs:
        running += f.value
        if satisfied(ctx.judge(running)):
            return f.year
    return None


def evaluate_cumulative(ctx: ClauseContext) -> ClauseResult:
    return _sum_or_mean(ctx, mean=False)


def evaluate_per_year(ctx: ClauseContext) -> ClauseResult:
    return _sum_or_mean(ctx, mean=True)


def _sum_or_mean(ctx: ClauseContext, *, mean: bool) -> ClauseResult:
    first, last = ctx.period()
    n = last - first + 1
    final = ctx.as_of >= last
    span = ctx.series.spans.get((first, last))
    if final and span is not None:
        value = span.value
        if mean and not _is_per_year(span):
            value = value / n
        if not mean and _is_per_year(span):
            value = value * n
        return ctx.result(
            ctx.judge(value, span.qualifier),
            True,
            actual=value,
            basis=(first, last),
            qualifier=span.qualifier,
            used=observations_of(span),
        )
    figs: list[Figure] = []
    for y in range(first, min(last, ctx.as_of) + 1):
        if y not in ctx.series.years:
            break
        figs.append(ctx.series.years[y])
    if not figs:
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final)
    k = len(figs)
    total = sum((f.value for f in figs), Decimal(0))
    used = tuple(o for f in figs for o in observations_of(f))
    qualifier = _combined_qualifier(figs)
    statistic = total / k if mean else total
    # Only a total that must reach something can be reached early; a cap ("không quá")
    # holds from the first year until it is broken, which is no achievement yet.
    can_reach = not mean and better_side(ctx.clause.bound, ctx.indicator.direction) > 0
    if final and k == n:
        met = _reached(ctx, figs) if can_reach else None
        verdict = ctx.judge(statistic, qualifier)
        return ctx.result(
            verdict,
            True,
            actual=statistic,
            basis=(first, last),
            qualifier=qualifier,
            used=used,
            met_year=met if satisfied(verdict) else None,
            met_early_years=ctx.years_early(met),
        )
    gaps: tuple[Text, ...] = ()
    seen_last = figs[-1].year
    if seen_last < min(last, ctx.as_of):
        nxt = seen_last + 1
        gaps = (Text(f"Thiếu số liệu năm {nxt}.", f"No figure for {nxt}."),)
    thr = ctx.thr
    target_total = thr if not mean else thr * n
    mean_so_far = total / k
    required_per_year = None
    remaining = n - k
    if remaining > 0:
        required_per_year = (target_total - total) / remaining
    if can_reach and not gaps and satisfied(ctx.judge(total, qualifier)):
        return ctx.result(
            Verdict.NOT_ENOUGH_DATA if final else Verdict.ON_TRACK,
            final,
            actual=total,
            basis=(first, seen_last),
            qualifier=qualifier,
            used=used,
            met_year=_reached(ctx, figs),
            notes=gaps,
        )
    allowed = float(target_total) / n
    if ctx.side < 0:
        # a cap: the pace allowed against the pace so far (≥ 1 while under it)
        so_far = float(mean_so_far)
        ratio = allowed / so_far if so_far > 0 else 1.0
    else:
        ratio = float(mean_so_far) / abs(allowed) if thr else 1.0
    verdict = Verdict.NOT_ENOUGH_DATA if final or gaps else pace_status(ratio, ctx.settings)
    return ctx.result(
        verdict,
        final,
        actual=statistic,
        basis=(first, seen_last),
        qualifier=qualifier,
        used=used,
        pace_ratio=ratio,
        pace_class=pace_class(ratio, ctx.settings),
        required=required_per_year,
        required_kind=Required.PER_YEAR if required_per_year is not None else None,
        required_years=(seen_last + 1, last) if remaining > 0 else None,
        projection=(mean_so_far if mean else total + mean_so_far * remaining),
        projection_year=last,
        notes=gaps,
    )


def _is_per_year(fig: Figure) -> bool:
    if fig.obs is None:
        return False
    return parse_unit(fig.obs.unit).per_year


def _combined_qualifier(figs: Sequence[Figure]) -> Qualifier:
    qs = {f.qualifier for f in figs}
    if qs == {Qualifier.EXACT}:
        return Qualifier.EXACT
    if len(qs) == 1:
        return qs.pop()
    if Qualifier.APPROX in qs or (Qualifier.MORE_THAN in qs and Qualifier.LESS_THAN in qs):
        return Qualifier.APPROX
    return Qualifier.MORE_THAN if Qualifier.MORE_THAN in qs else Qualifier.LESS_THAN

"""Clauses on a level: the end-year value, a requirement every year, a dated milestone."""

from __future__ import annotations

from chitieu.core.compare import satisfied
from chitieu.core.evaluation.context import ClauseContext
from chitieu.core.evaluation.pace import dec, pace_class, pace_status, required_path
from chitieu.core.evaluation.series import observations_of
from chitieu.core.model import ClauseKind, Text, Verdict
from chitieu.core.results import ClauseResult


def evaluate_level(ctx: ClauseContext) -> ClauseResult:
    year = ctx.clause.end_year
    if ctx.as_of >= year:
        fig = ctx.series.years.get(year)
        if fig is not None:
            verdict = ctx.judge(fig.value, fig.qualifier)
            met = ctx.met_year(ctx.base_year() + 1, year) if satisfied(verdict) else None
            return ctx.result(
                verdict,
                True,
                actual=fig.value,
                basis=(year, year),
                qualifier=fig.qualifier,
                used=observations_of(fig),
                met_year=met,
                met_early_years=ctx.years_early(met),
            )
    return _level_in_term(ctx, final=ctx.as_of >= year)


def _level_in_term(ctx: ClauseContext, final: bool) -> ClauseResult:
    year = ctx.clause.end_year
    known = [y for y in ctx.series.years if y <= min(ctx.as_of, year)]
    if not known:
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final)
    latest = ctx.series.years[max(known)]
    verdict_now = ctx.judge(latest.value, latest.qualifier)
    common: dict[str, object] = {
        "actual": latest.value,
        "basis": (latest.year, latest.year),
        "qualifier": latest.qualifier,
        "used": observations_of(latest),
    }
    if latest.year <= ctx.base_year():
        # Only figures from before the term: they say where the term started, not how
        # it is going.
        note = Text(
            f"Chỉ có số liệu từ năm gốc {ctx.base_year()} trở về trước.",
            f"Only figures up to the base year {ctx.base_year()}.",
        )
        return ctx.result(
            Verdict.NOT_ENOUGH_DATA, final, baseline=ctx.baseline(), notes=(note,), **common
        )
    if satisfied(verdict_now) and not final:
        met = ctx.met_year(ctx.base_year() + 1, latest.year)
        return ctx.result(Verdict.ON_TRACK, False, met_year=met, **common)
    base = ctx.baseline()
    if ctx.clause.kind is ClauseKind.RANK:
        # A rank has no growth path: judged on the latest position alone.
        status = Verdict.NOT_ENOUGH_DATA if final else Verdict.OFF_TRACK
        return ctx.result(status, final, baseline=base, **common)
    if base is None or latest.year <= base.year:
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base, **common)
    path = required_path(base, latest, ctx.thr, year, ctx.side)
    verdict = Verdict.NOT_ENOUGH_DATA if final else pace_status(path.ratio, ctx.settings)
    return ctx.result(
        verdict,
        final,
        baseline=base,
        pace_ratio=path.ratio,
        pace_class=pace_class(path.ratio, ctx.settings),
        required=dec(path.required) if path.required is not None else None,
        required_kind=path.kind,
        required_years=(latest.year + 1, year) if latest.year < year else None,
        projection=dec(path.projection),
        projection_year=year,
        **common,
    )


def evaluate_each_year(ctx: ClauseContext) -> ClauseResult:
    """Requirements that must hold every year ("luôn là một trong 10 …")."""
    first, last = ctx.period()
    last_seen = min(last, ctx.as_of)
    figs = [ctx.series.years[y] for y in range(first, last_seen + 1) if y in ctx.series.years]
    failures = [f for f in figs if not satisfied(ctx.judge(f.value, f.qualifier))]
    used = tuple(o for f in figs for o in observations_of(f))
    final = ctx.as_of >= last
    if failures:
        worst = failures[0]
        return ctx.result(
            Verdict.NOT_ACHIEVED if final else Verdict.OFF_TRACK,
            final,
            actual=worst.value,
            basis=(worst.year, worst.year),
            used=used,
        )
    complete = len(figs) == last_seen - first + 1
    if not figs or (final and not complete):
        return ctx.result(Verdict.NOT_ENOUGH_DATA, final, used=used)
    latest = figs[-1]
    if final:
        return ctx.result(
            Verdict.ACHIEVED, True, actual=latest.value, basis=(first, last), used=used
        )
    return ctx.result(
        Verdict.ON_TRACK,
        False,
        actual=latest.value,
        basis=(latest.year, latest.year),
        used=used,
    )


# -- milestones ------------------------------------------------------------------


def evaluate_milestone(ctx: ClauseContext) -> ClauseResult:
    """A dated deliverable: the figure is the year it was completed."""
    due = ctx.clause.end_year
    done = sorted(ctx.series.years.values(), key=lambda f: f.value)
    if done:
        fig = done[0]
        year_done = int(fig.value)
        ok = year_done <= due
        return ctx.result(
            Verdict.ACHIEVED if ok else Verdict.NOT_ACHIEVED,
            True,
            actual=fig.value,
            basis=(year_done, year_done),
            used=observations_of(fig),
            met_year=year_done if ok else None,
            met_early_years=ctx.years_early(year_done if ok else None),
        )
    return ctx.result(Verdict.NOT_ENOUGH_DATA, ctx.as_of >= due)

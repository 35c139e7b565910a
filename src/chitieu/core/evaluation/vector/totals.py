"""Totals and yearly means on arrays: consecutive years from the first, no period figures
(:mod:`chitieu.core.evaluation.totals` on all areas at once)."""

from __future__ import annotations

import numpy as np

from chitieu.core.compare import better_side
from chitieu.core.evaluation.vector.arrays import ON, FloatArray, IntArray
from chitieu.core.evaluation.vector.cells import ClauseCells

__all__ = ["evaluate_sum_or_mean"]


def evaluate_sum_or_mean(
    c: ClauseCells, values: FloatArray, years: IntArray, *, mean: bool
) -> None:
    """totals._sum_or_mean without period figures: consecutive years from the first."""
    first, last = c.clause.period or c.resolution.period
    n = last - first + 1
    final = c.as_of >= last
    c.final[:] = final
    upto = min(last, c.as_of)
    sub = values[:, (years >= first) & (years <= upto)]
    width = max(upto - first + 1, 0)
    if sub.shape[1] < width:  # years before the first figure of the data set
        pad = np.full((c.cube.n, width - sub.shape[1]), np.nan)
        sub = np.concatenate([pad, sub], axis=1) if first < c.cube.y0 else sub
    present = ~np.isnan(sub)
    run = np.cumprod(present, axis=1).astype(bool)  # consecutive from the first year
    k = run.sum(axis=1)
    has = k > 0
    total = np.where(run, sub, 0.0).sum(axis=1)
    statistic = np.where(has, total / np.maximum(k, 1), np.nan) if mean else total
    can_reach = not mean and better_side(c.clause.bound, c.direction) > 0
    whole = has & (k == n)
    if final:
        v, tie = c.judge(statistic)
        c.verdict[whole] = v[whole]
        c.refer |= whole & tie
        c.actual[has] = statistic[has]
        return
    c.actual[has] = statistic[has]
    gaps = k < max(upto - first + 1, 0)
    thr = c.thr
    reached = np.zeros(c.cube.n, dtype=bool)
    if can_reach:
        v, tie = c.judge(total)
        reached = has & ~gaps & c.satisfied(v)
        c.refer |= has & ~gaps & tie
        c.verdict[reached] = ON
        c.actual[reached] = total[reached]
    target_total = float(thr if not mean else thr * n)
    allowed = target_total / n
    mean_so_far = total / np.maximum(k, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if c.side < 0:
            ratio = np.where(mean_so_far > 0, allowed / mean_so_far, 1.0)
        elif thr:
            ratio = mean_so_far / abs(allowed)
        else:
            ratio = np.ones(c.cube.n)
    p, tie = c.pace(ratio)
    rest = has & ~reached & ~gaps
    c.verdict[rest] = p[rest]
    c.refer |= rest & tie

"""Average growth on arrays: of yearly rates, or the CAGR of levels from the base year
(:mod:`chitieu.core.evaluation.growth` on all areas at once)."""

from __future__ import annotations

import numpy as np

from chitieu.core.evaluation.vector.arrays import OFF, ON, FloatArray, IntArray, last_present, near
from chitieu.core.evaluation.vector.cells import ClauseCells

__all__ = ["evaluate_growth_of_levels", "evaluate_growth_of_rates"]


def evaluate_growth_of_rates(c: ClauseCells, values: FloatArray, years: IntArray) -> None:
    """growth.evaluate_average_growth on yearly rates (no period figures)."""
    first, last = c.clause.period or c.resolution.period
    n = last - first + 1
    final = c.as_of >= last
    c.final[:] = final
    sub = values[:, (years >= first) & (years <= last)]
    present = ~np.isnan(sub)
    k = present.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        bad = (present & (sub <= -100)).any(axis=1)
        logs = np.where(present, np.log1p(np.where(present, sub, 0.0) / 100.0), 0.0)
        g = (np.exp(logs.sum(axis=1) / np.maximum(k, 1)) - 1.0) * 100.0
    c.refer |= bad
    complete = k == n
    if final:
        whole = complete & ~bad
        factor = np.where(present, 1 + np.where(present, sub, 0.0) / 100, 1.0).prod(axis=1)
        v, tie = c.judge_growth(
            np.where(whole, factor, np.nan),
            np.ones(c.cube.n),
            np.full(c.cube.n, n, dtype=np.int64),
        )
        c.verdict[whole] = v[whole]
        c.refer |= whole & tie
        c.actual[k > 0] = g[k > 0]
        return
    has = k > 0
    c.actual[has] = g[has]
    thr = float(c.thr)
    if thr:
        ratio = c.side * g / abs(thr)
        p, tie = c.pace(ratio)
    else:
        p = np.where(g * c.side >= 0, ON, OFF).astype(np.int8)
        tie = near(g, 0.0)
    c.verdict[has] = p[has]
    c.refer |= has & tie


def evaluate_growth_of_levels(c: ClauseCells, values: FloatArray, years: IntArray) -> None:
    """growth._growth_of_levels: the CAGR from the base year."""
    first, last = c.clause.period or c.resolution.period
    final = c.as_of >= last
    c.final[:] = final
    cube = c.cube
    base_year = c.clause.base_year or c.resolution.base_year
    if c.clause.base_value is not None:
        base = np.full(cube.n, float(c.clause.base_value))
        base_y = np.full(cube.n, base_year)
    else:
        at_base = cube.column(values, base_year)
        before = cube.column(values, first - 1)
        base = np.where(np.isnan(at_base), before, at_base)
        base_y = np.where(np.isnan(at_base), first - 1, base_year)
    window = (years >= first) & (years <= min(last, c.as_of))
    latest_col, latest = last_present(values, window)
    latest_year = np.where(latest_col >= 0, cube.y0 + latest_col, 0)
    k = latest_year - base_y
    with np.errstate(invalid="ignore"):
        ok = (latest_col >= 0) & ~np.isnan(base) & (base > 0) & (k > 0) & (latest > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = ((latest / base) ** (1 / np.where(ok, k, 1)) - 1) * 100.0
    c.actual[ok] = g[ok]
    if final:
        whole = ok & (latest_year == last)
        v, tie = c.judge_growth(np.where(whole, latest, np.nan), base, k)
        c.verdict[whole] = v[whole]
        c.refer |= whole & tie
        return
    thr = float(c.thr)
    if thr:
        p, tie = c.pace(c.side * g / abs(thr))
    else:
        p, tie = np.full(cube.n, ON, dtype=np.int8), np.zeros(cube.n, dtype=bool)
    c.verdict[ok] = p[ok]
    c.refer |= ok & tie

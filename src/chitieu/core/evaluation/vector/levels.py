"""Level clauses on arrays: the end-year level, every year of a period, a milestone year
(:mod:`chitieu.core.evaluation.levels` on all areas at once)."""

from __future__ import annotations

import numpy as np

from chitieu.core.evaluation.vector.arrays import (
    ACH,
    EPS,
    NA,
    NED,
    OFF,
    ON,
    BoolArray,
    FloatArray,
    IntArray,
    last_present,
)
from chitieu.core.evaluation.vector.cells import ClauseCells
from chitieu.core.model import ClauseKind

__all__ = ["evaluate_each_year", "evaluate_level", "evaluate_milestone"]


def evaluate_level(c: ClauseCells, values: FloatArray, raw: BoolArray, years: IntArray) -> None:
    """levels.evaluate_level and _level_in_term."""
    year = c.clause.end_year
    cube = c.cube
    at_year = cube.column(values, year)
    raw_at = cube.column(raw.astype(np.float64), year) == 1.0
    done = (c.as_of >= year) & ~np.isnan(at_year)
    v, tie = c.judge(at_year, raw_at)
    c.set(done, v, True, at_year, tie)
    final = c.as_of >= year
    rest = ~done
    upto = years <= min(c.as_of, year)
    latest_col, latest = last_present(values, upto)
    has = rest & (latest_col >= 0)
    latest_year = np.where(latest_col >= 0, cube.y0 + latest_col, 0)
    base_year = c.clause.base_year or c.resolution.base_year
    raw_latest = raw[np.arange(cube.n), np.maximum(latest_col, 0)] & (latest_col >= 0)
    now, now_tie = c.judge(latest, raw_latest)
    c.actual[has] = latest[has]
    c.final[rest] = final
    early = has & (latest_year <= base_year)
    ok_now = has & ~early & c.satisfied(now) & (not final)
    c.refer |= has & ~early & now_tie
    c.verdict[ok_now] = ON
    pending = has & ~early & ~ok_now
    if c.clause.kind is ClauseKind.RANK:
        c.verdict[pending] = NED if final else OFF
        return
    base = _baseline(c, values, base_year)
    base_v = base
    base_y = float(base_year)
    usable = pending & ~np.isnan(base_v) & (latest_year > base_y)
    if final or not usable.any():
        return
    ratio, tie = _required_ratio(base_v, base_y, latest, latest_year, float(c.thr), year, c.side)
    p, ptie = c.pace(ratio)
    c.verdict[usable] = p[usable]
    c.refer |= usable & (ptie | tie)


def _baseline(c: ClauseCells, values: FloatArray, base_year: int) -> FloatArray:
    if c.clause.base_value is not None:
        return np.full(c.cube.n, float(c.clause.base_value))
    return c.cube.column(values, base_year)


def evaluate_each_year(c: ClauseCells, values: FloatArray, raw: BoolArray, years: IntArray) -> None:
    """levels.evaluate_each_year."""
    first, last = c.clause.period or c.resolution.period
    last_seen = min(last, c.as_of)
    final = c.as_of >= last
    c.final[:] = final
    window = (years >= first) & (years <= last_seen)
    sub = values[:, window]
    if sub.shape[1] == 0:
        return
    present = ~np.isnan(sub)
    v, tie = c.judge(sub, raw[:, window])
    c.refer |= (tie & present).any(axis=1)
    failed = present & ~c.satisfied(v)
    any_failed = failed.any(axis=1)
    first_fail = np.argmax(failed, axis=1)
    rows = np.arange(c.cube.n)
    c.verdict[any_failed] = NA if final else OFF
    c.actual[any_failed] = sub[rows, first_fail][any_failed]
    count = present.sum(axis=1)
    complete = count == last_seen - first + 1
    ok = ~any_failed & (count > 0) & (complete | (not final))
    c.verdict[ok] = ACH if final else ON
    _, latest = last_present(sub, np.ones(sub.shape[1], dtype=bool))
    c.actual[ok] = latest[ok]


def evaluate_milestone(c: ClauseCells, values: FloatArray) -> None:
    """levels.evaluate_milestone: the smallest completion year recorded."""
    due = c.clause.end_year
    done = np.where(np.isnan(values), np.inf, values).min(axis=1, initial=np.inf)
    done[np.isinf(done)] = np.nan
    has = ~np.isnan(done)
    c.final[:] = c.as_of >= due
    c.final[has] = True
    year_done = np.trunc(done)
    c.verdict[has] = np.where(year_done[has] <= due, ACH, NA)
    c.actual[has] = done[has]


def _required_ratio(
    base: FloatArray,
    base_year: float,
    latest: FloatArray,
    latest_year: IntArray,
    target: float,
    year: int,
    side: int,
) -> tuple[FloatArray, BoolArray]:
    """pace.required_path's ratio, and where its required pace is (nearly) zero."""
    elapsed = latest_year - base_year
    horizon = year - base_year
    with np.errstate(invalid="ignore", divide="ignore"):
        compound = (base > 0) & (latest > 0) & (target > 0)
        cagr_obs = (latest / base) ** (1 / np.where(elapsed > 0, elapsed, 1)) - 1
        cagr_req = (target / base) ** (1 / horizon) - 1
        ratio_c = np.where(
            cagr_req != 0,
            side * cagr_obs / np.abs(cagr_req),
            np.where(latest * side >= target * side, 1.0, -1.0),
        )
        slope_obs = (latest - base) / np.where(elapsed > 0, elapsed, 1)
        slope_req = (target - base) / horizon
        ratio_l = np.where(slope_req != 0, side * slope_obs / np.abs(slope_req), 1.0)
    ratio = np.where(compound, ratio_c, ratio_l)
    scale = np.maximum(1.0, np.maximum(np.abs(base), abs(target)))
    tie = np.abs(target - base) <= EPS * scale
    return ratio, tie

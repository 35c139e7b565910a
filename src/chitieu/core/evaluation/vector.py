"""Every clause for every area at once: the evaluation rules of ``evaluate.py`` on arrays.

The reference path (:func:`chitieu.core.evaluation.evaluate_resolution`) judges one area's
clauses on Decimal figures and writes an explanation for each; it is the definition of
the rules. Evaluating a ministry's 3.000 areas × 65 clauses that way costs minutes. Here
each clause is judged for all areas together on a year × area array of float figures
(NumPy), and no explanation is written (ask the reference path for one area when a
reader opens it).

Floats are only trusted away from the edges. Wherever the float statistic lies within
a hair (``EPS``, relative) of a number it is compared with — a bound, a pace threshold,
a required pace of zero — or the figures need something the arrays do not carry (a
period figure such as "2016–2020", a unit converted with an exchange rate, a growth
rate of −100 % or less), that clause × area is handed back to the reference path with
its own Decimal figures (``reference``). So the verdicts are the reference verdicts by
construction, and the property tests (tests/core/evaluation/test_vector_properties.py)
check that on random resolutions and series.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from chitieu.core.compare import about_limits, better_side, threshold
from chitieu.core.evaluation.evaluate import evaluate_clause
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import (
    BoundKind,
    Clause,
    ClauseKind,
    Direction,
    Indicator,
    Measure,
    Resolution,
    Target,
    Verdict,
)
from chitieu.core.observations import Observation, Status
from chitieu.core.units import Quantity, UnknownUnitError, parse_unit, uses_rate

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
CodeArray = npt.NDArray[np.int8]

EPS = 1e-9
#: Verdict codes in the arrays: ``VERDICTS[code]``; -1 is "no verdict" (targets only).
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)
_CODE = {v: np.int8(i) for i, v in enumerate(VERDICTS)}
EXC, ACH, NA = _CODE[Verdict.EXCEEDED], _CODE[Verdict.ACHIEVED], _CODE[Verdict.NOT_ACHIEVED]
ON, RISK, OFF = _CODE[Verdict.ON_TRACK], _CODE[Verdict.AT_RISK], _CODE[Verdict.OFF_TRACK]
NED = _CODE[Verdict.NOT_ENOUGH_DATA]
SPAN_KINDS = (ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR)


@dataclass(frozen=True)
class FigureColumns:
    """Current figures as parallel columns (one entry per indicator × area × period).

    ``indicator``, ``area`` and ``unit`` index ``indicators``, ``areas`` and ``units``;
    ``value`` is the recorded decimal as a float; ``exact`` says the figure is not
    qualified ("khoảng", "hơn", "dưới" are) and is written in at most 15 characters, so
    that its float equals a bound's float only when the decimals are equal: such ties
    are decided on the arrays, every other near tie goes to the reference path.
    ``scanned`` counts the rows read before the current ones were picked. Built by
    :func:`chitieu.store.scan.scan_current` or :func:`from_observations`.
    """

    indicators: tuple[str, ...]
    areas: tuple[str, ...]
    units: tuple[str, ...]
    indicator: IntArray
    area: IntArray
    period_start: IntArray
    period_end: IntArray
    value: FloatArray
    unit: IntArray
    status_rank: IntArray
    revision: IntArray
    exact: BoolArray
    scanned: int

    def __len__(self) -> int:
        return len(self.value)


def from_observations(observations: Sequence[Observation]) -> FigureColumns:
    """Columns of the current figures among ``observations`` (tests, small data sets)."""
    best: dict[tuple[str, str, tuple[int, int]], Observation] = {}
    for obs in observations:
        held = best.get(obs.key())
        if held is None or _authority(obs) > _authority(held):
            best[obs.key()] = obs
    rows = list(best.values())
    indicators = tuple(dict.fromkeys(o.indicator for o in rows))
    areas = tuple(dict.fromkeys(o.area for o in rows))
    units = tuple(dict.fromkeys(o.unit for o in rows))

    def ints(values: list[int]) -> IntArray:
        return np.array(values, dtype=np.int64)

    return FigureColumns(
        indicators,
        areas,
        units,
        ints([indicators.index(o.indicator) for o in rows]),
        ints([areas.index(o.area) for o in rows]),
        ints([o.period[0] for o in rows]),
        ints([o.period[1] for o in rows]),
        np.array([float(o.value) for o in rows], dtype=np.float64),
        ints([units.index(o.unit) for o in rows]),
        ints([Status(o.status).rank for o in rows]),
        ints([o.revision for o in rows]),
        np.array([o.qualifier == "exact" and len(str(o.value)) <= 15 for o in rows], bool),
        len(observations),
    )


def _authority(obs: Observation) -> tuple[int, int, str, int]:
    return (Status(obs.status).rank, obs.revision, obs.recorded_at, obs.id or 0)


@dataclass(frozen=True)
class AreaVerdicts:
    """Verdicts of every clause and target of a resolution for every area.

    ``clause_verdict[c, a]`` is a code into :data:`VERDICTS` for ``clauses[c]`` in
    ``areas[a]``; ``clause_final`` whether it is final; ``clause_actual`` the statistic
    judged (NaN when none). ``target_verdict[t, a]`` follows the headline clause (or the
    report's verdict), -1 when a target has neither. ``referred`` counts the clause ×
    area cells decided by the reference path.
    """

    resolution: Resolution
    as_of: int
    areas: tuple[str, ...]
    clauses: tuple[Clause, ...]
    targets: tuple[Target, ...]
    clause_verdict: CodeArray
    clause_final: BoolArray
    clause_actual: FloatArray
    target_verdict: CodeArray
    referred: int

    def verdict(self, clause_id: str, area: str) -> Verdict:
        c = next(i for i, cl in enumerate(self.clauses) if cl.id == clause_id)
        return VERDICTS[int(self.clause_verdict[c, self.areas.index(area)])]

    def target_counts(self) -> dict[Verdict | None, int]:
        """How many target × area cells have each verdict."""
        counts = Counter(self.target_verdict.ravel().tolist())
        return {(VERDICTS[k] if k >= 0 else None): n for k, n in sorted(counts.items())}

    def clause_counts(self) -> dict[Verdict, int]:
        counts = Counter(self.clause_verdict.ravel().tolist())
        return {VERDICTS[k]: n for k, n in sorted(counts.items())}


#: (area, indicator) pairs → their approved observations, every revision.
Fetch = Callable[[Sequence[tuple[str, str]]], Sequence[Observation]]


def evaluate_all_areas(
    resolution: Resolution,
    figures: FigureColumns,
    settings: EvaluationSettings | None = None,
    reference: Fetch | None = None,
    areas: Sequence[str] | None = None,
) -> AreaVerdicts:
    """Judge every clause of ``resolution`` in every area (default: all its areas).

    ``reference(pairs)`` returns the approved observations (all revisions) of those
    area × indicator pairs, for the cells the float arrays cannot decide; without it
    those cells raise.
    """
    settings = settings or EvaluationSettings()
    as_of = settings.as_of if settings.as_of is not None else resolution.period[1]
    settings = dataclasses.replace(settings, as_of=as_of)
    codes = tuple(areas) if areas is not None else tuple(a.code for a in resolution.areas)
    cube = _Cube(resolution, figures, codes, as_of, settings)
    targets = (*resolution.targets, *resolution.extra_targets)
    clauses = tuple(c for t in targets for c in t.clauses)
    n = len(codes)
    verdict = np.full((len(clauses), n), NED, dtype=np.int8)
    final = np.zeros((len(clauses), n), dtype=bool)
    actual = np.full((len(clauses), n), np.nan)
    referred = np.zeros((len(clauses), n), dtype=bool)
    for i, clause in enumerate(clauses):
        judged = _Clause(resolution, clause, cube, as_of, settings).evaluate()
        verdict[i], final[i], actual[i], referred[i] = judged
    if referred.any():
        _refer(resolution, clauses, codes, referred, verdict, final, actual, settings, reference)
    return AreaVerdicts(
        resolution,
        as_of,
        codes,
        clauses,
        targets,
        verdict,
        final,
        actual,
        _targets(targets, clauses, verdict),
        int(referred.sum()),
    )


def _refer(
    resolution: Resolution,
    clauses: Sequence[Clause],
    codes: Sequence[str],
    referred: BoolArray,
    verdict: CodeArray,
    final: BoolArray,
    actual: FloatArray,
    settings: EvaluationSettings,
    reference: Fetch | None,
) -> None:
    """Decide the referred cells on the reference path, one fetch for all their areas."""
    if reference is None:
        raise ValueError(
            f"{int(referred.sum())} clause × area cells need the reference path "
            "(ties, period figures or rate conversions) and no observations were given"
        )
    columns = np.flatnonzero(referred.any(axis=0)).tolist()
    wanted = sorted(
        {(codes[a], clauses[c].indicator) for c, a in zip(*np.nonzero(referred), strict=True)}
    )
    by_key: dict[tuple[str, str], list[Observation]] = {}
    for obs in reference(wanted):
        by_key.setdefault((obs.area, obs.indicator), []).append(obs)
    for a in columns:
        area = codes[a]
        local = dataclasses.replace(resolution, area=area)
        for c in np.flatnonzero(referred[:, a]).tolist():
            clause = clauses[c]
            result = evaluate_clause(
                local, clause, by_key.get((area, clause.indicator), ()), settings, explained=False
            )
            verdict[c, a] = _CODE[result.verdict]
            final[c, a] = result.final
            actual[c, a] = float(result.actual) if result.actual is not None else np.nan


def _targets(targets: Sequence[Target], clauses: Sequence[Clause], verdict: CodeArray) -> CodeArray:
    """A target takes its headline clause's verdict, or the report's (evaluate_target)."""
    index = {id(c): i for i, c in enumerate(clauses)}
    out = np.full((len(targets), verdict.shape[1]), -1, dtype=np.int8)
    for t, target in enumerate(targets):
        headline = target.headline_clause
        if not target.value_known and target.reported is not None:
            out[t] = _CODE[target.reported.verdict]
        elif headline is not None:
            out[t] = verdict[index[id(headline)]]
        elif target.reported is not None:
            out[t] = _CODE[target.reported.verdict]
    return out


# -- the figures as arrays ---------------------------------------------------------------


class _Cube:
    """Yearly figures per indicator as area × year arrays, in any unit asked for.

    ``dirty[indicator]`` marks areas whose figures the arrays do not carry faithfully
    for the kinds that read period figures (a span such as 2016–2020 exists);
    ``unsure(indicator, unit)`` marks areas with a figure that needs an exchange rate
    or cannot be read in that unit.
    """

    def __init__(
        self,
        resolution: Resolution,
        figures: FigureColumns,
        codes: Sequence[str],
        as_of: int,
        settings: EvaluationSettings,
    ) -> None:
        self.settings = settings
        self.n = len(codes)
        position = {code: i for i, code in enumerate(codes)}
        area_pos = np.array([position.get(code, -1) for code in figures.areas], dtype=np.int64)
        wanted = {i.code for i in resolution.indicators}
        ind_ok = np.array([code in wanted for code in figures.indicators], dtype=bool)
        pos = area_pos[figures.area] if len(figures) else np.zeros(0, dtype=np.int64)
        keep = (pos >= 0) & ind_ok[figures.indicator] if len(figures) else pos >= 0
        keep &= figures.period_end <= as_of
        yearly = keep & (figures.period_start == figures.period_end)
        span = keep & ~yearly
        years = figures.period_end[yearly]
        self.y0 = int(years.min()) if years.size else as_of
        self.y1 = as_of
        width = self.y1 - self.y0 + 1
        self.units = figures.units
        self._values: dict[str, FloatArray] = {}
        self._unit_codes: dict[str, IntArray] = {}
        self._dirty: dict[str, BoolArray] = {}
        self._exact: dict[str, BoolArray] = {}
        # one scatter per array into indicator × area × year blocks; per-indicator views
        shape = (len(figures.indicators), self.n, width)
        at = (figures.indicator[yearly], pos[yearly], years - self.y0)
        values = np.full(shape, np.nan)
        values[at] = figures.value[yearly]
        units = np.full(shape, -1, dtype=np.int64)
        units[at] = figures.unit[yearly]
        exact = np.zeros(shape, dtype=bool)
        exact[at] = figures.exact[yearly]
        dirty = np.zeros(shape[:2], dtype=bool)
        dirty[figures.indicator[span], pos[span]] = True
        for i, code in enumerate(figures.indicators):
            if ind_ok[i]:
                self._values[code], self._unit_codes[code] = values[i], units[i]
                self._exact[code], self._dirty[code] = exact[i], dirty[i]

    def series(self, indicator: str, unit: str) -> tuple[FloatArray, BoolArray, BoolArray]:
        """Figures in ``unit`` (area × year, NaN where none), the areas to refer, and where
        a figure is its recorded decimal exactly as read (``raw``: equality decides ties)."""
        values = self._values.get(indicator)
        shape = (self.n, self.y1 - self.y0 + 1)
        if values is None:
            return np.full(shape, np.nan), np.zeros(self.n, bool), np.zeros(shape, bool)
        codes = self._unit_codes[indicator]
        unsure = np.zeros(self.n, dtype=bool)
        raw = self._exact[indicator].copy()
        out = values.copy()
        for u in np.unique(codes[codes >= 0]).tolist():
            factor = self._factor(self.units[u], unit)
            here = codes == u
            if factor is None:
                unsure |= here.any(axis=1)
            elif factor != 1.0:
                out[here] = values[here] * factor
                raw[here] = False
        return out, unsure, raw

    def dirty(self, indicator: str) -> BoolArray:
        found = self._dirty.get(indicator)
        return found if found is not None else np.zeros(self.n, dtype=bool)

    def _factor(self, source: str, target: str) -> float | None:
        if source == target:
            return 1.0
        try:
            if uses_rate(source, target):
                return None
            return float(Quantity(Decimal(1), parse_unit(source)).to(target).value)
        except (UnknownUnitError, ValueError):
            return None

    def column(self, values: FloatArray, year: int) -> FloatArray:
        if self.y0 <= year <= self.y1:
            return values[:, year - self.y0]
        return np.full(self.n, np.nan)


# -- one clause for all areas -----------------------------------------------------------


class _Clause:
    """One clause judged in every area; ``evaluate`` mirrors the reference modules."""

    def __init__(
        self,
        resolution: Resolution,
        clause: Clause,
        cube: _Cube,
        as_of: int,
        settings: EvaluationSettings,
    ) -> None:
        self.resolution = resolution
        self.clause = clause
        self.cube = cube
        self.as_of = as_of
        self.settings = settings
        self.indicator: Indicator = resolution.indicator(clause.indicator)
        self.direction: Direction = self.indicator.direction
        s = better_side(clause.bound, self.direction)
        self.side = s if s != 0 else 1
        self.thr = threshold(clause.bound, self.direction)
        tol = clause.tolerance if clause.tolerance is not None else settings.about_tolerance_pct
        self.tolerance = tol
        n = cube.n
        self.verdict = np.full(n, NED, dtype=np.int8)
        self.final = np.zeros(n, dtype=bool)
        self.actual = np.full(n, np.nan)
        self.refer = np.zeros(n, dtype=bool)

    def evaluate(self) -> tuple[CodeArray, BoolArray, FloatArray, BoolArray]:
        clause, ind = self.clause, self.indicator
        unit = clause.bound.unit
        if clause.kind is ClauseKind.AVERAGE_GROWTH and ind.measure is Measure.LEVEL:
            unit = ind.unit
        values, unsure, raw = self.cube.series(clause.indicator, unit)
        self.refer |= unsure
        if clause.kind in SPAN_KINDS:
            self.refer |= self.cube.dirty(clause.indicator)
        years = np.arange(self.cube.y0, self.cube.y1 + 1)
        if clause.kind is ClauseKind.MILESTONE:
            self._milestone(values)
        elif clause.kind is ClauseKind.AVERAGE_GROWTH:
            if ind.measure is Measure.LEVEL:
                self._growth_of_levels(values, years)
            else:
                self._growth_of_rates(values, years)
        elif clause.kind in (ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR):
            self._sum_or_mean(values, years, mean=clause.kind is ClauseKind.PER_YEAR)
        elif clause.each_year:
            self._each_year(values, raw, years)
        else:
            self._level(values, raw, years)
        return self.verdict, self.final, self.actual, self.refer

    # -- judging against the bound ---------------------------------------------------

    def _near(self, x: FloatArray, y: float | FloatArray) -> BoolArray:
        with np.errstate(invalid="ignore"):
            near = np.abs(x - y) <= EPS * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
        return np.asarray(near, dtype=bool)

    def judge(self, v: FloatArray, raw: BoolArray | None = None) -> tuple[CodeArray, BoolArray]:
        """compare.judge on an array: the verdict codes, and where it is a near tie that
        floats cannot decide (an exact tie of a ``raw`` figure is decided: equal is equal)."""
        b = self.clause.bound
        kind, low, high = b.kind, b.low, b.high
        if kind is BoundKind.ABOUT:
            low, high = about_limits(b, self.tolerance)
            kind = BoundKind.RANGE
        lo = None if low is None else float(low)
        hi = None if high is None else float(high)
        if raw is not None and not all(_short(d) for d in (low, high) if d is not None):
            raw = None
        return self._judge(v, kind, lo, hi, raw)

    def _judge(
        self,
        v: FloatArray,
        kind: BoundKind,
        lo: float | FloatArray | None,
        hi: float | FloatArray | None,
        raw: BoolArray | None = None,
    ) -> tuple[CodeArray, BoolArray]:
        """The rules of compare.judge; ``lo``/``hi`` may differ per area (growth)."""
        side = better_side(self.clause.bound, self.direction)  # ABOUT and RANGE agree
        out = np.full(v.shape, NA, dtype=np.int8)

        def tie(at: float | FloatArray) -> BoolArray:
            near = self._near(v, at)
            if raw is None:
                return near
            return np.asarray(near & ~(raw & (v == at)), dtype=bool)

        with np.errstate(invalid="ignore"):
            if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE, BoundKind.POINT):
                assert lo is not None
                if kind is BoundKind.AT_LEAST:
                    out[v > lo] = EXC
                    out[v == lo] = ACH
                elif kind is BoundKind.ABOVE:
                    out[v > lo] = ACH
                else:
                    if side != 0:
                        out[(v > lo) if side > 0 else (v < lo)] = EXC
                    out[v == lo] = ACH
                return out, tie(lo)
            if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
                assert hi is not None
                out[(v < hi) if kind is BoundKind.BELOW else (v <= hi)] = ACH
                return out, tie(hi)
            assert lo is not None and hi is not None
            above_lo, below_hi = v >= lo, v <= hi
            out[above_lo & below_hi] = ACH
            if side > 0:
                out[~below_hi] = EXC
            elif side < 0:
                out[~above_lo] = EXC
            return out, tie(lo) | tie(hi)

    def judge_growth(
        self, value: FloatArray, scale: FloatArray, years: IntArray
    ) -> tuple[CodeArray, BoolArray]:
        """ClauseContext.judge_growth: ``value`` against scale × (1 + g/100)^years."""
        b = self.clause.bound
        kind, low, high = b.kind, b.low, b.high
        if kind is BoundKind.ABOUT:
            low, high = about_limits(b, self.tolerance)
            kind = BoundKind.RANGE

        def grow(g: Decimal | None) -> FloatArray | None:
            if g is None:
                return None
            factor = max(0.0, 1 + float(g) / 100)
            with np.errstate(invalid="ignore", over="ignore"):
                return np.asarray(scale * factor ** years.astype(np.float64), dtype=np.float64)

        return self._judge(value, kind, grow(low), grow(high))

    def pace(self, ratio: FloatArray) -> tuple[CodeArray, BoolArray]:
        """pace_status on an array, and where the ratio is too close to a threshold."""
        r = np.round(ratio, 9)
        s = self.settings
        out = np.where(r >= s.on_track, ON, np.where(r >= s.at_risk, RISK, OFF)).astype(np.int8)
        tie = (np.abs(ratio - s.on_track) <= 2e-9) | (np.abs(ratio - s.at_risk) <= 2e-9)
        return out, tie | ~np.isfinite(ratio)

    @staticmethod
    def satisfied(codes: CodeArray) -> BoolArray:
        return np.asarray((codes == EXC) | (codes == ACH), dtype=bool)

    # -- kinds -------------------------------------------------------------------------

    def _level(self, values: FloatArray, raw: BoolArray, years: IntArray) -> None:
        """levels.evaluate_level and _level_in_term."""
        year = self.clause.end_year
        cube = self.cube
        at_year = cube.column(values, year)
        raw_at = cube.column(raw.astype(np.float64), year) == 1.0
        done = (self.as_of >= year) & ~np.isnan(at_year)
        v, tie = self.judge(at_year, raw_at)
        self._set(done, v, True, at_year, tie)
        final = self.as_of >= year
        rest = ~done
        upto = years <= min(self.as_of, year)
        latest_col, latest = _last_present(values, upto)
        has = rest & (latest_col >= 0)
        latest_year = np.where(latest_col >= 0, cube.y0 + latest_col, 0)
        base_year = self.clause.base_year or self.resolution.base_year
        raw_latest = raw[np.arange(cube.n), np.maximum(latest_col, 0)] & (latest_col >= 0)
        now, now_tie = self.judge(latest, raw_latest)
        self.actual[has] = latest[has]
        self.final[rest] = final
        early = has & (latest_year <= base_year)
        ok_now = has & ~early & self.satisfied(now) & (not final)
        self.refer |= has & ~early & now_tie
        self.verdict[ok_now] = ON
        pending = has & ~early & ~ok_now
        if self.clause.kind is ClauseKind.RANK:
            self.verdict[pending] = NED if final else OFF
            return
        base = self._baseline(values, base_year)
        base_v = base
        base_y = float(base_year)
        usable = pending & ~np.isnan(base_v) & (latest_year > base_y)
        if final or not usable.any():
            return
        ratio, tie = _required_ratio(
            base_v, base_y, latest, latest_year, float(self.thr), year, self.side
        )
        p, ptie = self.pace(ratio)
        self.verdict[usable] = p[usable]
        self.refer |= usable & (ptie | tie)

    def _baseline(self, values: FloatArray, base_year: int) -> FloatArray:
        if self.clause.base_value is not None:
            return np.full(self.cube.n, float(self.clause.base_value))
        return self.cube.column(values, base_year)

    def _each_year(self, values: FloatArray, raw: BoolArray, years: IntArray) -> None:
        """levels.evaluate_each_year."""
        first, last = self.clause.period or self.resolution.period
        last_seen = min(last, self.as_of)
        final = self.as_of >= last
        self.final[:] = final
        window = (years >= first) & (years <= last_seen)
        sub = values[:, window]
        if sub.shape[1] == 0:
            return
        present = ~np.isnan(sub)
        v, tie = self.judge(sub, raw[:, window])
        self.refer |= (tie & present).any(axis=1)
        failed = present & ~self.satisfied(v)
        any_failed = failed.any(axis=1)
        first_fail = np.argmax(failed, axis=1)
        rows = np.arange(self.cube.n)
        self.verdict[any_failed] = NA if final else OFF
        self.actual[any_failed] = sub[rows, first_fail][any_failed]
        count = present.sum(axis=1)
        complete = count == last_seen - first + 1
        ok = ~any_failed & (count > 0) & (complete | (not final))
        self.verdict[ok] = ACH if final else ON
        _, latest = _last_present(sub, np.ones(sub.shape[1], dtype=bool))
        self.actual[ok] = latest[ok]

    def _milestone(self, values: FloatArray) -> None:
        """levels.evaluate_milestone: the smallest completion year recorded."""
        due = self.clause.end_year
        done = np.where(np.isnan(values), np.inf, values).min(axis=1, initial=np.inf)
        done[np.isinf(done)] = np.nan
        has = ~np.isnan(done)
        self.final[:] = self.as_of >= due
        self.final[has] = True
        year_done = np.trunc(done)
        self.verdict[has] = np.where(year_done[has] <= due, ACH, NA)
        self.actual[has] = done[has]

    def _growth_of_rates(self, values: FloatArray, years: IntArray) -> None:
        """growth.evaluate_average_growth on yearly rates (no period figures)."""
        first, last = self.clause.period or self.resolution.period
        n = last - first + 1
        final = self.as_of >= last
        self.final[:] = final
        sub = values[:, (years >= first) & (years <= last)]
        present = ~np.isnan(sub)
        k = present.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            bad = (present & (sub <= -100)).any(axis=1)
            logs = np.where(present, np.log1p(np.where(present, sub, 0.0) / 100.0), 0.0)
            g = (np.exp(logs.sum(axis=1) / np.maximum(k, 1)) - 1.0) * 100.0
        self.refer |= bad
        complete = k == n
        if final:
            whole = complete & ~bad
            factor = np.where(present, 1 + np.where(present, sub, 0.0) / 100, 1.0).prod(axis=1)
            v, tie = self.judge_growth(
                np.where(whole, factor, np.nan),
                np.ones(self.cube.n),
                np.full(self.cube.n, n, dtype=np.int64),
            )
            self.verdict[whole] = v[whole]
            self.refer |= whole & tie
            self.actual[k > 0] = g[k > 0]
            return
        has = k > 0
        self.actual[has] = g[has]
        thr = float(self.thr)
        if thr:
            ratio = self.side * g / abs(thr)
            p, tie = self.pace(ratio)
        else:
            p = np.where(g * self.side >= 0, ON, OFF).astype(np.int8)
            tie = self._near(g, 0.0)
        self.verdict[has] = p[has]
        self.refer |= has & tie

    def _growth_of_levels(self, values: FloatArray, years: IntArray) -> None:
        """growth._growth_of_levels: the CAGR from the base year."""
        first, last = self.clause.period or self.resolution.period
        final = self.as_of >= last
        self.final[:] = final
        cube = self.cube
        base_year = self.clause.base_year or self.resolution.base_year
        if self.clause.base_value is not None:
            base = np.full(cube.n, float(self.clause.base_value))
            base_y = np.full(cube.n, base_year)
        else:
            at_base = cube.column(values, base_year)
            before = cube.column(values, first - 1)
            base = np.where(np.isnan(at_base), before, at_base)
            base_y = np.where(np.isnan(at_base), first - 1, base_year)
        window = (years >= first) & (years <= min(last, self.as_of))
        latest_col, latest = _last_present(values, window)
        latest_year = np.where(latest_col >= 0, cube.y0 + latest_col, 0)
        k = latest_year - base_y
        with np.errstate(invalid="ignore"):
            ok = (latest_col >= 0) & ~np.isnan(base) & (base > 0) & (k > 0) & (latest > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            g = ((latest / base) ** (1 / np.where(ok, k, 1)) - 1) * 100.0
        self.actual[ok] = g[ok]
        if final:
            whole = ok & (latest_year == last)
            v, tie = self.judge_growth(np.where(whole, latest, np.nan), base, k)
            self.verdict[whole] = v[whole]
            self.refer |= whole & tie
            return
        thr = float(self.thr)
        if thr:
            p, tie = self.pace(self.side * g / abs(thr))
        else:
            p, tie = np.full(cube.n, ON, dtype=np.int8), np.zeros(cube.n, dtype=bool)
        self.verdict[ok] = p[ok]
        self.refer |= ok & tie

    def _sum_or_mean(self, values: FloatArray, years: IntArray, *, mean: bool) -> None:
        """totals._sum_or_mean without period figures: consecutive years from the first."""
        first, last = self.clause.period or self.resolution.period
        n = last - first + 1
        final = self.as_of >= last
        self.final[:] = final
        upto = min(last, self.as_of)
        sub = values[:, (years >= first) & (years <= upto)]
        width = max(upto - first + 1, 0)
        if sub.shape[1] < width:  # years before the first figure of the data set
            pad = np.full((self.cube.n, width - sub.shape[1]), np.nan)
            sub = np.concatenate([pad, sub], axis=1) if first < self.cube.y0 else sub
        present = ~np.isnan(sub)
        run = np.cumprod(present, axis=1).astype(bool)  # consecutive from the first year
        k = run.sum(axis=1)
        has = k > 0
        total = np.where(run, sub, 0.0).sum(axis=1)
        statistic = np.where(has, total / np.maximum(k, 1), np.nan) if mean else total
        can_reach = not mean and better_side(self.clause.bound, self.direction) > 0
        whole = has & (k == n)
        if final:
            v, tie = self.judge(statistic)
            self.verdict[whole] = v[whole]
            self.refer |= whole & tie
            self.actual[has] = statistic[has]
            return
        self.actual[has] = statistic[has]
        gaps = k < max(upto - first + 1, 0)
        thr = self.thr
        reached = np.zeros(self.cube.n, dtype=bool)
        if can_reach:
            v, tie = self.judge(total)
            reached = has & ~gaps & self.satisfied(v)
            self.refer |= has & ~gaps & tie
            self.verdict[reached] = ON
            self.actual[reached] = total[reached]
        target_total = float(thr if not mean else thr * n)
        allowed = target_total / n
        mean_so_far = total / np.maximum(k, 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            if self.side < 0:
                ratio = np.where(mean_so_far > 0, allowed / mean_so_far, 1.0)
            elif thr:
                ratio = mean_so_far / abs(allowed)
            else:
                ratio = np.ones(self.cube.n)
        p, tie = self.pace(ratio)
        rest = has & ~reached & ~gaps
        self.verdict[rest] = p[rest]
        self.refer |= rest & tie

    def _set(
        self, mask: BoolArray, verdict: CodeArray, final: bool, actual: FloatArray, tie: BoolArray
    ) -> None:
        self.verdict[mask] = verdict[mask]
        self.final[mask] = final
        self.actual[mask] = actual[mask]
        self.refer |= mask & tie


def _short(d: Decimal) -> bool:
    """At most 15 significant digits: distinct such decimals are distinct doubles."""
    return len(d.as_tuple().digits) <= 15


def _last_present(values: FloatArray, columns: BoolArray) -> tuple[IntArray, FloatArray]:
    """Per area: the index of the last year (among ``columns``) with a figure, and it."""
    masked = ~np.isnan(values) & columns[None, :]
    width = values.shape[1]
    rev = np.argmax(masked[:, ::-1], axis=1)
    found = masked.any(axis=1)
    col = np.where(found, width - 1 - rev, -1)
    rows = np.arange(values.shape[0])
    picked = np.where(found, values[rows, np.maximum(col, 0)], np.nan)
    return col.astype(np.int64), picked


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


def summary_counts(result: AreaVerdicts) -> Mapping[str, int]:
    """Verdict name → number of target × area cells (for the CLI summary)."""
    return {("none" if v is None else v.value): n for v, n in result.target_counts().items()}

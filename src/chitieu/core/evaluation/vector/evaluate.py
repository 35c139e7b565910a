"""Every clause of a resolution in every area: the arrays first, the reference path for
the cells they cannot decide, and each target's verdict from its headline clause."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from chitieu.core.evaluation.evaluate import evaluate_clause
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector.arrays import (
    CODE,
    NED,
    SPAN_KINDS,
    VERDICTS,
    BoolArray,
    CodeArray,
    FloatArray,
)
from chitieu.core.evaluation.vector.cells import ClauseCells
from chitieu.core.evaluation.vector.columns import FigureColumns
from chitieu.core.evaluation.vector.cube import Cube
from chitieu.core.evaluation.vector.growth import (
    evaluate_growth_of_levels,
    evaluate_growth_of_rates,
)
from chitieu.core.evaluation.vector.levels import (
    evaluate_each_year,
    evaluate_level,
    evaluate_milestone,
)
from chitieu.core.evaluation.vector.totals import evaluate_sum_or_mean
from chitieu.core.model import Clause, ClauseKind, Measure, Resolution, Target, Verdict
from chitieu.core.observations import Observation

__all__ = ["AreaVerdicts", "Fetch", "evaluate_all_areas", "summary_counts"]


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
    cube = Cube(resolution, figures, codes, as_of, settings)
    targets = (*resolution.targets, *resolution.extra_targets)
    clauses = tuple(c for t in targets for c in t.clauses)
    n = len(codes)
    verdict = np.full((len(clauses), n), NED, dtype=np.int8)
    final = np.zeros((len(clauses), n), dtype=bool)
    actual = np.full((len(clauses), n), np.nan)
    referred = np.zeros((len(clauses), n), dtype=bool)
    for i, clause in enumerate(clauses):
        judged = _evaluate_clause(ClauseCells(resolution, clause, cube, as_of, settings))
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


def _evaluate_clause(c: ClauseCells) -> tuple[CodeArray, BoolArray, FloatArray, BoolArray]:
    """The clause's kind decides which module judges it, as in ``evaluate_clause``."""
    clause, ind = c.clause, c.indicator
    unit = clause.bound.unit
    if clause.kind is ClauseKind.AVERAGE_GROWTH and ind.measure is Measure.LEVEL:
        unit = ind.unit
    values, unsure, raw = c.cube.series(clause.indicator, unit)
    c.refer |= unsure
    if clause.kind in SPAN_KINDS:
        c.refer |= c.cube.dirty(clause.indicator)
    years = np.arange(c.cube.y0, c.cube.y1 + 1)
    if clause.kind is ClauseKind.MILESTONE:
        evaluate_milestone(c, values)
    elif clause.kind is ClauseKind.AVERAGE_GROWTH:
        if ind.measure is Measure.LEVEL:
            evaluate_growth_of_levels(c, values, years)
        else:
            evaluate_growth_of_rates(c, values, years)
    elif clause.kind in (ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR):
        evaluate_sum_or_mean(c, values, years, mean=clause.kind is ClauseKind.PER_YEAR)
    elif clause.each_year:
        evaluate_each_year(c, values, raw, years)
    else:
        evaluate_level(c, values, raw, years)
    return c.verdict, c.final, c.actual, c.refer


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
            verdict[c, a] = CODE[result.verdict]
            final[c, a] = result.final
            actual[c, a] = float(result.actual) if result.actual is not None else np.nan


def _targets(targets: Sequence[Target], clauses: Sequence[Clause], verdict: CodeArray) -> CodeArray:
    """A target takes its headline clause's verdict, or the report's (evaluate_target)."""
    index = {id(c): i for i, c in enumerate(clauses)}
    out = np.full((len(targets), verdict.shape[1]), -1, dtype=np.int8)
    for t, target in enumerate(targets):
        headline = target.headline_clause
        if not target.value_known and target.reported is not None:
            out[t] = CODE[target.reported.verdict]
        elif headline is not None:
            out[t] = verdict[index[id(headline)]]
        elif target.reported is not None:
            out[t] = CODE[target.reported.verdict]
    return out


def summary_counts(result: AreaVerdicts) -> Mapping[str, int]:
    """Verdict name → number of target × area cells (for the CLI summary)."""
    return {("none" if v is None else v.value): n for v, n in result.target_counts().items()}

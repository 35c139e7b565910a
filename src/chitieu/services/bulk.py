"""Every clause of a resolution for every one of its areas, straight from the store.

A ministry follows thousands of provinces and communes: the per-area reference path
(:func:`chitieu.services.evaluate` with ``area``) reads and judges one area at a time and
writes explanations nobody reads in a national table. Here the store hands over its
current approved figures as columns (:mod:`chitieu.store.scan`) and the core judges
every clause × area on arrays (:mod:`chitieu.core.evaluation.vector`); the explanation of
one target in one area is computed only when asked (:func:`explain`).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import AreaVerdicts
from chitieu.core.evaluation.vector import evaluate_all_areas as vector_evaluate
from chitieu.core.observations import Observation
from chitieu.core.results import TargetResult
from chitieu.store import Store
from chitieu.store.scan import observations_for, scan_current


@dataclass(frozen=True)
class BulkResult:
    """The verdicts and what producing them took (for the CLI header and benchmarks)."""

    verdicts: AreaVerdicts
    figures: int  # current figures used
    scanned: int  # approved rows read
    scan_seconds: float
    evaluate_seconds: float


def evaluate_all_areas(
    store: Store,
    resolution_id: str,
    as_of: int | None = None,
    settings: EvaluationSettings | None = None,
) -> BulkResult:
    """Judge every clause of a stored resolution in every area it lists.

    Only approved figures count (the rule of :func:`chitieu.services.evaluate`).
    """
    resolution = store.get_resolution(resolution_id)
    settings = settings or EvaluationSettings()
    if as_of is not None:
        settings = dataclasses.replace(settings, as_of=as_of)
    codes = [i.code for i in resolution.indicators]
    started = time.perf_counter()
    figures = scan_current(store, codes)
    scanned = time.perf_counter()

    def reference(pairs: Sequence[tuple[str, str]]) -> list[Observation]:
        return observations_for(store, pairs)

    verdicts = vector_evaluate(resolution, figures, settings, reference)
    done = time.perf_counter()
    return BulkResult(verdicts, len(figures), figures.scanned, scanned - started, done - scanned)


def explain(
    store: Store,
    resolution_id: str,
    area: str,
    target_id: str,
    settings: EvaluationSettings | None = None,
) -> TargetResult:
    """One target in one area with its explanation: the reference path, on demand."""
    from chitieu.services import evaluate

    result = evaluate(store, resolution_id, settings, area)
    for target in (*result.targets, *result.extra):
        if target.target.id == target_id:
            return target
    raise KeyError(f"không có chỉ tiêu '{target_id}' (no target '{target_id}')")

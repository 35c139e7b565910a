"""In-year tracking of a stored resolution: where a year stands from the figures so far.

The CLI (``chitieu inyear``, and the provisional lines of ``chitieu evaluate --as-of``),
the target page and the API all ask here, so they show the same statuses. Only approved
figures count, as for the yearly evaluation; the rule itself is the core's
(:mod:`chitieu.core.evaluation.in_year`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from chitieu.core.evaluation.in_year import InYearStatus, track_year
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Resolution, Text
from chitieu.core.observations import Observation
from chitieu.services import for_area
from chitieu.store import Store

__all__ = ["InYear", "in_year", "in_year_dict", "shown_by_clause"]


@dataclass(frozen=True)
class InYear:
    """The in-year statuses of one resolution, year and area."""

    resolution: Resolution
    year: int
    statuses: tuple[InYearStatus, ...]

    @property
    def shown(self) -> tuple[InYearStatus, ...]:
        """The statuses that are the year's word: those no annual figure has superseded."""
        return tuple(s for s in self.statuses if not s.superseded)


def in_year(
    store: Store,
    resolution_id: str,
    year: int,
    *,
    area: str | None = None,
    settings: EvaluationSettings | None = None,
    indicators: Collection[str] | None = None,
) -> InYear:
    """Every clause of the resolution whose target for ``year`` is known and that has an
    approved sub-annual figure of ``year`` in the area (default: the resolution's);
    ``indicators`` keeps to those (a target page reads its own indicators only)."""
    resolution = for_area(store.get_resolution(resolution_id), area)
    codes = {i.code for i in resolution.indicators}
    if indicators is not None:
        codes &= set(indicators)
    observations: Sequence[Observation] = store.observations(
        all_revisions=True, approved_only=True, indicators=codes, areas=[resolution.area]
    )
    statuses = track_year(resolution, year, observations, settings)
    return InYear(resolution, year, tuple(statuses))


def shown_by_clause(result: InYear) -> dict[str, InYearStatus]:
    """Clause id → the in-year status a view shows under it (never a superseded one)."""
    return {s.target.clause.id: s for s in result.shown}


def _ratio(ratio: float | None) -> float | None:
    """A ratio for JSON: infinite (a cap not touched yet) has no JSON number."""
    return None if ratio is None or not math.isfinite(ratio) else round(ratio, 6)


def _text(t: Text) -> dict[str, str]:
    return {"vi": t.vi, "en": t.get("en")}


def in_year_dict(result: InYear) -> dict[str, object]:
    """JSON-ready: every status with its figure, target, ratio, label and sentence."""
    return {
        "resolution": result.resolution.id,
        "area": result.resolution.area,
        "year": result.year,
        "statuses": [
            {
                "clause": s.target.clause.id,
                "indicator": s.target.indicator.code,
                "period": s.period.code,
                "method": s.method.value,
                "verdict": s.verdict.value,
                "provisional": True,
                "superseded": s.superseded,
                "label": _text(s.label),
                "figure": {
                    "id": s.figure.id,
                    "value": str(s.figure.value),
                    "unit": s.figure.unit,
                    "basis": s.figure.basis.code,
                    "status": s.figure.status.value,
                },
                "actual": str(s.actual),
                "target": {
                    "source": s.target.source.value,
                    "value": str(s.target.value),
                    "unit": s.target.bound.unit,
                    "rate": None if s.target.rate is None else str(s.target.rate),
                },
                "elapsed": float(round(s.elapsed, 6)),
                "ratio": _ratio(s.ratio),
                "explanation": _text(s.explanation),
            }
            for s in result.statuses
        ],
    }

"""All feasibility checks of a resolution's targets, in a fixed order."""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.core.analysis.feasibility.baseline import baseline_side
from chitieu.core.analysis.feasibility.findings import Assumptions, Feasibility
from chitieu.core.analysis.feasibility.levels_vs_growth import investment_icor, per_capita
from chitieu.core.analysis.feasibility.paces import required_paces
from chitieu.core.analysis.feasibility.sector_growth import sector_growth
from chitieu.core.analysis.feasibility.structure import structure_sums
from chitieu.core.analysis.relations import Relations
from chitieu.core.model import Resolution
from chitieu.core.observations import Observation, annual_levels

__all__ = ["check"]


def check(
    resolution: Resolution,
    observations: Sequence[Observation],
    relations: Relations | None = None,
    assumptions: Assumptions | None = None,
) -> Feasibility:
    """All feasibility findings of a resolution's targets, in a fixed order."""
    rel = relations or Relations()
    asm = assumptions or Assumptions()
    observations = annual_levels(observations)
    findings = [
        *structure_sums(resolution, rel),
        *sector_growth(resolution, rel, observations),
        *baseline_side(resolution, observations),
        *per_capita(resolution, rel, observations, asm),
        *investment_icor(resolution, rel, observations),
    ]
    paces = required_paces(resolution, observations)
    return Feasibility(resolution, tuple(findings), tuple(paces), asm)

"""All data checks in one call: rules and built-ins, high importance first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.relations import Relations
from chitieu.core.analysis.validation.areas import area_validity, district_sums
from chitieu.core.analysis.validation.consistency import growth_agrees_with_levels, structure_sums
from chitieu.core.analysis.validation.outliers import outliers
from chitieu.core.analysis.validation.plausibility import plausibility
from chitieu.core.analysis.validation.rules import Rule, check_rules
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Indicator
from chitieu.core.observations import Observation, annual_levels

__all__ = ["validate"]


def validate(
    observations: Sequence[Observation],
    indicators: Mapping[str, Indicator],
    rules: Sequence[Rule] = (),
    relations: Relations | None = None,
    tree: AreaTree | None = None,
) -> list[Violation]:
    """Every rule and built-in check; high importance first, then by area and period.

    The checks compare yearly figures with each other; sub-annual figures and figures on
    another basis are not theirs to judge (:func:`~chitieu.core.observations.annual_levels`).
    """
    observations = annual_levels(observations)
    rel = relations or Relations()
    found = [
        *check_rules(rules, observations, indicators),
        *structure_sums(rel, observations, indicators),
        *growth_agrees_with_levels(rel, observations, indicators),
        *outliers(observations, indicators),
        *plausibility(observations, indicators),
    ]
    if tree is not None:
        found += area_validity(observations, tree)
        found += district_sums(observations, indicators, tree)
    order = {Importance.HIGH: 0, Importance.MEDIUM: 1, Importance.LOW: 2}
    found.sort(key=lambda v: (order[v.importance], v.area, v.period, v.check))
    return found

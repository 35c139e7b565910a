"""The current figures as parallel columns: what the store's scan hands to the fast path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from chitieu.core.evaluation.vector.arrays import BoolArray, FloatArray, IntArray
from chitieu.core.observations import Observation, ObservationKey, Status, annual_levels

__all__ = ["FigureColumns", "from_observations"]


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
    """Columns of the current annual levels among ``observations`` (tests, small data
    sets); :func:`chitieu.store.scan.scan_current` keeps to the same figures in SQL."""
    best: dict[ObservationKey, Observation] = {}
    for obs in annual_levels(observations):
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

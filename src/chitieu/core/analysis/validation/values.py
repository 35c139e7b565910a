"""The figures every check reads: current yearly figures in each indicator's own unit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chitieu.core.model import Indicator
from chitieu.core.observations import Observation, current
from chitieu.core.units import IncompatibleUnitsError, Quantity, UnknownUnitError, parse_unit

__all__ = ["value_in", "yearly_values"]


def value_in(obs: Observation, unit: str) -> float | None:
    """The figure in ``unit``; None when it does not convert (another dimension, another
    currency, a unit the grammar cannot read): the unit checks report those."""
    try:
        return float(Quantity(obs.value, parse_unit(obs.unit)).to(parse_unit(unit)).value)
    except (IncompatibleUnitsError, UnknownUnitError):
        return None


def yearly_values(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> dict[tuple[str, str, int], tuple[float, Observation]]:
    """(indicator, area, year) → current figure in the indicator's unit."""
    out: dict[tuple[str, str, int], tuple[float, Observation]] = {}
    for obs in current(observations).values():
        ind = indicators.get(obs.indicator)
        if ind is None or not obs.is_year:
            continue
        v = value_in(obs, ind.unit)
        if v is not None:
            out[(obs.indicator, obs.area, obs.year)] = (v, obs)
    return out

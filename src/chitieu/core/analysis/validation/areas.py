"""Checks against the area tree: figures within their area's validity, and a parent's
flow equal to the sum of its children."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.validation.values import yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Aggregation, Indicator, Text
from chitieu.core.observations import Observation, current


def area_validity(observations: Iterable[Observation], tree: AreaTree) -> list[Violation]:
    """A figure for a year wholly outside its area's validity (no silent continuation)."""
    out: list[Violation] = []
    for obs in current(observations).values():
        if obs.area not in tree.areas:
            continue
        first, last = obs.period
        if any(tree.valid_in(obs.area, y) for y in range(first, last + 1)):
            continue
        area = tree.areas[obs.area]
        out.append(
            Violation(
                "area_validity",
                Importance.HIGH,
                obs.area,
                obs.period,
                (obs.indicator,),
                Text(
                    f"{obs.indicator}, {obs.period_label()}: {area.name.vi} không tồn tại trong "
                    f"kỳ này (hiệu lực {tree.validity_label(obs.area, 'vi')}).",
                    f"{obs.indicator}, {obs.period_label()}: {area.name.get('en')} did not "
                    f"exist then (valid {tree.validity_label(obs.area, 'en')}).",
                ),
            )
        )
    return out


def district_sums(
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
    tree: AreaTree,
    tolerance_pct: float = 0.5,
) -> list[Violation]:
    """A flow for a parent area equals the sum over its children valid that year."""
    values = yearly_values(observations, indicators)
    out: list[Violation] = []
    for (code, area, year), (v, _) in sorted(values.items()):
        if indicators[code].aggregation is not Aggregation.SUM:
            continue
        children = tree.children(area, year)
        if not children:
            continue
        parts = [values.get((code, c, year)) for c in children]
        if any(p is None for p in parts):
            continue
        total = sum(p[0] for p in parts if p is not None)
        if v and abs(total - v) / abs(v) * 100.0 <= tolerance_pct:
            continue
        out.append(
            Violation(
                "district_sum",
                Importance.MEDIUM,
                area,
                (year, year),
                (code,),
                Text(
                    f"{code} {year}: tổng {len(children)} đơn vị cấp dưới = {fmt(total, 'vi')}, "
                    f"số của {area} = {fmt(v, 'vi')}.",
                    f"{code} {year}: the {len(children)} sub-areas add up to "
                    f"{fmt(total, 'en')}, {area} reports {fmt(v, 'en')}.",
                ),
                total,
                v,
            )
        )
    return out

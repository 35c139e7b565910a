"""Plausible figures: a unit the indicator's converts to, shares within 0–100 %, flows not
negative, no figure ten times above or below the rest of its series."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import median

from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.validation.values import value_in, yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Aggregation, Indicator, Measure, Text
from chitieu.core.observations import Observation, current
from chitieu.core.units import UnknownUnitError, uses_rate

MAGNITUDE_FACTOR = 10.0


def plausibility(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> list[Violation]:
    """Unit compatible with the indicator's; shares within 0–100 %; flows not negative;
    no figure ten times above or below the median of its series."""
    cur = list(current(observations).values())
    out: list[Violation] = []
    for obs in cur:
        ind = indicators.get(obs.indicator)
        if ind is None:
            continue
        where = f"{obs.indicator}, {obs.area}, {obs.period_label()}"
        try:
            needs_rate = uses_rate(obs.unit, ind.unit)
        except UnknownUnitError:
            needs_rate = False
        if needs_rate:
            out.append(
                Violation(
                    "unit",
                    Importance.LOW,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} khác {ind.unit}; chỉ so sánh được khi có "
                        f"tỷ giá (--rate).",
                        f"{where}: unit {obs.unit}, not {ind.unit}; comparable only with an "
                        f"exchange rate (--rate).",
                    ),
                )
            )
            continue
        v = value_in(obs, ind.unit)
        if v is None:
            out.append(
                Violation(
                    "unit",
                    Importance.HIGH,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} không đổi được sang {ind.unit}.",
                        f"{where}: unit {obs.unit} cannot be converted to {ind.unit}.",
                    ),
                )
            )
            continue
        is_share = ind.unit.strip() == "%" and ind.measure is Measure.LEVEL
        if is_share and not 0.0 <= v <= 100.0:
            out.append(_range_violation(obs, where, v, "0–100%"))
        elif ind.aggregation is Aggregation.SUM and v < 0:
            out.append(_range_violation(obs, where, v, "≥ 0"))
    values = yearly_values(cur, indicators)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for (code, area, year), (v, _) in values.items():
        series.setdefault((code, area), []).append((year, v))
    for (code, area), pts in sorted(series.items()):
        if len(pts) < 3 or indicators[code].measure is Measure.GROWTH_RATE:
            continue
        for year, v in sorted(pts):
            others = [x for y, x in pts if y != year]
            med = median(others)
            if med <= 0 or v <= 0:
                continue
            ratio = v / med
            if ratio > MAGNITUDE_FACTOR or ratio < 1.0 / MAGNITUDE_FACTOR:
                out.append(
                    Violation(
                        "magnitude",
                        Importance.MEDIUM,
                        area,
                        (year, year),
                        (code,),
                        Text(
                            f"{code}, {area}, {year}: {fmt(v, 'vi')} gấp "
                            f"{fmt(ratio, 'vi')} lần trung vị các năm khác ({fmt(med, 'vi')}); "
                            f"kiểm tra đơn vị (nghìn/triệu/tỷ).",
                            f"{code}, {area}, {year}: {fmt(v, 'en')} is {fmt(ratio, 'en')} "
                            f"times the median of the other years ({fmt(med, 'en')}); check "
                            f"the scale (thousand/million/billion).",
                        ),
                        v,
                        med,
                    )
                )
    return out


def _range_violation(obs: Observation, where: str, v: float, allowed: str) -> Violation:
    return Violation(
        "unit",
        Importance.HIGH,
        obs.area,
        obs.period,
        (obs.indicator,),
        Text(
            f"{where}: {fmt(v, 'vi')} nằm ngoài khoảng hợp lý {allowed}.",
            f"{where}: {fmt(v, 'en')} is outside the plausible range {allowed}.",
        ),
        v,
    )

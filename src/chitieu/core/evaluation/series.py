"""The figures of one indicator for one area, converted to the unit a clause is stated in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.explain import num
from chitieu.core.model import Text
from chitieu.core.numbers import format_number
from chitieu.core.observations import Observation, annual_levels, current
from chitieu.core.results import Figure
from chitieu.core.units import (
    IncompatibleUnitsError,
    Quantity,
    UnknownUnitError,
    parse_unit,
    uses_rate,
)


@dataclass
class Series:
    """The figures of one indicator for one area, converted to a clause's unit."""

    years: dict[int, Figure] = field(default_factory=dict)
    spans: dict[tuple[int, int], Figure] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)


def build_series(
    unit: str,
    area: str,
    observations: Sequence[Observation],
    as_of: int,
    settings: EvaluationSettings,
) -> Series:
    series = Series()
    try:
        target_unit = parse_unit(unit)
    except UnknownUnitError as exc:  # pragma: no cover - definitions are validated
        series.notes.append(Text(str(exc), str(exc)))
        return series
    # Callers may pass raw rows: keep only the current figure per period (official over
    # estimate, later revision over earlier), never whichever row happens to come last.
    # Annual levels only: a "9 tháng" figure or a change "so với cùng kỳ" is no point of
    # a yearly series.
    for obs in sorted(current(annual_levels(observations)).values(), key=lambda o: o.period):
        if obs.area != area or obs.period[1] > as_of:
            continue
        try:
            q = Quantity(obs.value, parse_unit(obs.unit)).to(
                target_unit, rates=settings.rates, year=obs.period[1]
            )
        except (IncompatibleUnitsError, UnknownUnitError) as exc:
            series.notes.append(
                Text(
                    f"Bỏ qua số liệu {obs.period_label()} "
                    f"({format_number(obs.value, lang='vi')} {obs.unit}): {exc}",
                    f"Skipped the {obs.period_label()} figure "
                    f"({format_number(obs.value, lang='en')} {obs.unit}): {exc}",
                )
            )
            continue
        if uses_rate(obs.unit, target_unit):
            series.notes.append(
                Text(
                    f"Số liệu {obs.period_label()} "
                    f"({format_number(obs.value, lang='vi')} {obs.unit}) được quy đổi theo "
                    f"tỷ giá đã cho: {num(q.value, 'vi', computed=True)} {target_unit.text}.",
                    f"The {obs.period_label()} figure "
                    f"({format_number(obs.value, lang='en')} {obs.unit}) was converted with "
                    f"the given exchange rate: {num(q.value, 'en', computed=True)} "
                    f"{target_unit.text}.",
                )
            )
        fig = Figure(q.value, obs.period[1], obs, obs.period)
        if obs.is_year:
            series.years[obs.year] = fig
        else:
            series.spans[obs.period] = fig
    return series


def observations_of(fig: Figure) -> tuple[Observation, ...]:
    return (fig.obs,) if fig.obs is not None else ()

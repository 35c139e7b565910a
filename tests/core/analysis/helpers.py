"""Small resolutions and figures built in code, for answers checkable by hand."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.model import (
    Aggregation,
    Area,
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Direction,
    Group,
    Indicator,
    Measure,
    Resolution,
    Target,
    Text,
)
from chitieu.core.observations import Observation, Status


def ind(
    code: str,
    unit: str = "tỷ đồng",
    direction: Direction = Direction.HIGHER,
    measure: Measure = Measure.LEVEL,
    aggregation: Aggregation = Aggregation.SUM,
) -> Indicator:
    return Indicator(code, Text(code, code), unit, direction, measure, aggregation)


def clause(
    cid: str,
    indicator: str,
    value: str | None = None,
    *,
    kind: ClauseKind = ClauseKind.LEVEL,
    bound: BoundKind = BoundKind.POINT,
    unit: str = "tỷ đồng",
    low: str | None = None,
    high: str | None = None,
    year: int | None = 2025,
    period: tuple[int, int] | None = None,
) -> Clause:
    if value is not None:
        v = Decimal(value)
        if bound in (BoundKind.POINT, BoundKind.ABOUT):
            low = high = value
        elif bound in (BoundKind.AT_LEAST, BoundKind.ABOVE):
            low = value
        else:
            high = value
        del v
    b = Bound(
        bound,
        Decimal(low) if low is not None else None,
        Decimal(high) if high is not None else None,
        unit,
    )
    if kind is ClauseKind.AVERAGE_GROWTH or kind is ClauseKind.CUMULATIVE:
        return Clause(cid, cid, indicator, kind, b, Text(cid, cid), period=period or (2021, 2025))
    return Clause(cid, cid, indicator, kind, b, Text(cid, cid), year=year)


def resolution(
    indicators: list[Indicator],
    clauses: list[Clause],
    areas: tuple[Area, ...] = (Area("hp", Text("Hải Phòng")),),
    base_year: int = 2020,
    period: tuple[int, int] = (2021, 2025),
) -> Resolution:
    return Resolution(
        id="test",
        title=Text("Thử", "Test"),
        body=Text("Thử", "Test"),
        base_year=base_year,
        period=period,
        area="hp",
        groups=(Group("g", Text("g")),),
        targets=(Target("1", "g", "…", tuple(clauses), number=1),),
        indicators=tuple(indicators),
        areas=areas,
    )


def obs(
    indicator: str,
    year: int | tuple[int, int],
    value: str | float,
    unit: str = "tỷ đồng",
    area: str = "hp",
    status: Status = Status.OFFICIAL,
) -> Observation:
    period = (year, year) if isinstance(year, int) else year
    return Observation(indicator, area, period, Decimal(str(value)), unit, status)

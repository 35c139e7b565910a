"""A small Hải Phòng definition (two indicators, an area before and after the 2025
merger) and figures for it, shared by the definitions and the figures tests."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from chitieu.core.model import (
    Aggregation,
    Area,
    Citation,
    Direction,
    Indicator,
    Measure,
    Resolution,
    Text,
)
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.store import Store

GRDP = Indicator(
    "grdp",
    Text("Tổng sản phẩm trên địa bàn", "GRDP"),
    "tỷ đồng",
    Direction.HIGHER,
    Measure.LEVEL,
    Aggregation.SUM,
)
GROWTH = Indicator("grdp-growth", Text("Tốc độ tăng trưởng GRDP"), "%", measure=Measure.GROWTH_RATE)
HAIPHONG = Area("haiphong", Text("Hải Phòng"), valid_to="2025-06-30")
HAIPHONG_2025 = Area(
    "haiphong-2025",
    Text("Hải Phòng (sau sáp nhập)", "Hải Phòng (after the merger)"),
    valid_from="2025-07-01",
    predecessors=("haiphong", "haiduong"),
)


def resolution(
    rid: str = "haiphong-xvi-2020-2025",
    indicators: tuple[Indicator, ...] = (GRDP, GROWTH),
    areas: tuple[Area, ...] = (HAIPHONG, HAIPHONG_2025),
) -> Resolution:
    return Resolution(
        id=rid,
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=indicators,
        areas=areas,
    )


def obs(
    value: str,
    year: int = 2021,
    *,
    indicator: str = "grdp-growth",
    area: str = "haiphong",
    status: Status = Status.PRELIMINARY,
    unit: str = "%",
    qualifier: Qualifier = Qualifier.EXACT,
    period: tuple[int, int] | None = None,
) -> Observation:
    return Observation(
        indicator=indicator,
        area=area,
        period=period or (year, year),
        value=Decimal(value),
        unit=unit,
        status=status,
        qualifier=qualifier,
        source=Citation(document="Báo cáo", section="I.1", line=25, url="https://x.vn"),
    )


def count_rows(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())

"""Data written the way an older schema held it, with plain SQL: the table models always
follow the newest migration, so they cannot write into a store at an older revision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from chitieu.store.tables import DecimalText, UTCDateTime

AT = dt.datetime(2024, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)

INDICATORS = sa.table(
    "indicators",
    *(sa.column(c) for c in ("code", "name_vi", "name_en", "unit", "direction", "measure")),
    sa.column("aggregation"),
)
AREAS = sa.table(
    "areas",
    *(sa.column(c) for c in ("code", "name_vi", "name_en", "parent", "valid_from", "valid_to")),
    sa.column("predecessors"),
)
OBSERVATIONS = sa.table(
    "observations",
    sa.column("id", sa.Integer()),
    *(sa.column(c) for c in ("indicator", "area", "period_start", "period_end")),
    sa.column("value", DecimalText()),
    *(sa.column(c) for c in ("unit", "status", "qualifier", "revision", "source_document")),
    *(sa.column(c) for c in ("source_section", "source_line", "source_url", "source_date")),
    *(sa.column(c) for c in ("source_quote", "note", "reason")),
    sa.column("recorded_at", UTCDateTime()),
    sa.column("recorded_by"),
    sa.column("dataset"),
)
REVIEWS = sa.table(
    "observation_reviews",
    sa.column("id", sa.Integer()),
    sa.column("observation_id", sa.Integer()),
    sa.column("action"),
    sa.column("actor"),
    sa.column("at", UTCDateTime()),
    sa.column("comment"),
)

#: (id, indicator, year, value, status, revision): two revisions of one key, an estimate
#: beside a preliminary figure of the same year, a span of years.
FIGURES = (
    (1, "grdp-growth", 2021, "12.38", "preliminary", 1),
    (2, "grdp-growth", 2021, "12.40", "preliminary", 2),
    (3, "grdp-growth", 2021, "12", "estimate", 1),
    (4, "revenue", 2022, "95013.5", "official", 1),
    (5, "grdp-growth", (2016, 2020), "14.02", "official", 1),
)
#: (id, observation id, action, actor): steps of the workflow, referring to the figures.
STEPS = (
    (1, 2, "submitted", "nhap.lieu"),
    (2, 2, "approved", "duyet.mot"),
    (3, 4, "submitted", "nhap.lieu"),
    (4, 4, "returned", "duyet.mot"),
)


def write_figures(conn: sa.Connection) -> None:
    """Indicators, an area, figures and review steps, as revisions 0002 and 0003 hold them."""
    conn.execute(
        INDICATORS.insert(),
        [
            _indicator("grdp-growth", "Tốc độ tăng trưởng GRDP", "%", "growth_rate"),
            _indicator("revenue", "Thu ngân sách nội địa", "tỷ đồng", "level"),
        ],
    )
    conn.execute(
        AREAS.insert(),
        [
            {
                "code": "haiphong",
                "name_vi": "Hải Phòng",
                "name_en": "Hai Phong",
                "parent": None,
                "valid_from": None,
                "valid_to": None,
                "predecessors": "[]",
            }
        ],
    )
    rows: list[dict[str, Any]] = []
    for oid, indicator, year, value, status, revision in FIGURES:
        start, end = year if isinstance(year, tuple) else (year, year)
        rows.append(
            {
                "id": oid,
                "indicator": indicator,
                "area": "haiphong",
                "period_start": start,
                "period_end": end,
                "value": Decimal(value),
                "unit": "%" if indicator == "grdp-growth" else "tỷ đồng",
                "status": status,
                "qualifier": "exact",
                "revision": revision,
                "source_document": "Báo cáo của Cục Thống kê",
                "source_section": "Biểu 1",
                "source_line": None,
                "source_url": "",
                "source_date": "",
                "source_quote": "",
                "note": "",
                "reason": "",
                "recorded_at": AT,
                "recorded_by": "cli",
                "dataset": "cũ",
            }
        )
    conn.execute(OBSERVATIONS.insert(), rows)
    conn.execute(
        REVIEWS.insert(),
        [
            {
                "id": rid,
                "observation_id": oid,
                "action": action,
                "actor": actor,
                "at": AT,
                "comment": "" if action != "returned" else "thiếu nguồn",
            }
            for rid, oid, action, actor in STEPS
        ],
    )
    if conn.dialect.name == "postgresql":  # explicit ids do not move the sequences
        for table in ("observations", "observation_reviews"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT MAX(id) FROM {table}))"
            )


def _indicator(code: str, name: str, unit: str, measure: str) -> dict[str, str]:
    return {
        "code": code,
        "name_vi": name,
        "name_en": "",
        "unit": unit,
        "direction": "higher",
        "measure": measure,
        "aggregation": "none",
    }

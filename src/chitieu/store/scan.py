"""A lean column scan of the current approved figures, for evaluating every area at once.

``Store.observations`` builds one :class:`~chitieu.core.observations.Observation` per row
(ORM object, ``Decimal``, citation): right for a page, far too slow for two million
rows. This scan asks the database for the few columns an evaluation needs, through the
driver's own cursor (no ORM, no per-row type processing), and returns NumPy columns:
codes for indicator, area and unit, periods, float values, status rank, revision and
whether the figure is qualified. The approval rule is the store's own
(:func:`chitieu.store.approval.approved_clause`, compiled into the query); the current
figure per indicator × area × period (status rank, then revision — the rule of
:func:`chitieu.core.observations.current`; the unique key makes ties impossible) is
picked in NumPy with one sort, which costs less than the equivalent window function in
SQLite.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.core.evaluation.vector import FigureColumns, IntArray
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import LEVEL
from chitieu.store.approval import approved_clause
from chitieu.store.figures import to_observation
from chitieu.store.store import Store
from chitieu.store.tables import ObservationRow

_RANK = {s.value: s.rank for s in Status}
ANNUAL = ""  # the part of a whole year

# One integer per row carries period, status rank, qualifier and revision: each cell the
# driver turns into a Python object costs about as much as the database's work on it,
# so five small columns become one (bits: start 12 | end 12 | rank+1 3 | exact 1 | rev 24).
_REV_BITS = 24
_PERIOD = 4096


def scan_statement(
    indicators: Sequence[str] | None = None,
) -> sa.Select[str, str, float, str, int]:
    """The query: approved annual levels; value as a float; the small columns packed.

    Annual levels only, as :func:`chitieu.core.observations.annual_levels` says for the
    reference path: the fast path judges the same figures (a figure for "9 tháng" or a
    change "so với cùng kỳ" is in-year tracking's, never a yearly verdict's).
    """
    o = ObservationRow
    rank = sa.case(*((o.status == status, rank + 1) for status, rank in _RANK.items()), else_=0)
    # "exact": not qualified, and short enough that float equality is decimal equality
    exact = sa.case((sa.and_(o.qualifier == "exact", sa.func.length(o.value) <= 15), 1), else_=0)
    big = sa.BigInteger()
    packed = (((sa.cast(o.period_start, big) * _PERIOD + o.period_end) * 8 + rank) * 2 + exact) * (
        1 << _REV_BITS
    ) + o.revision
    stmt = sa.select(o.indicator, o.area, sa.cast(o.value, sa.Float()), o.unit, packed).where(
        approved_clause(), o.part == ANNUAL, o.basis == LEVEL.code
    )
    if indicators is not None:
        stmt = stmt.where(o.indicator.in_(sorted(set(indicators))))
    return stmt


def compiled_sql(store: Store, stmt: sa.ClauseElement) -> str:
    """The statement as SQL text for the store's dialect, parameters inlined.

    Only codes that passed the definition loader's checks (lower-case ASCII letters,
    digits, "-") and fixed literals are inlined, so the text is safe to run as is.
    """
    return str(stmt.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))


def fetch_rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` on the driver's cursor and fetch every row: the database's own client."""
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        try:
            cur.execute(sql)
            return list(cur.fetchall())
        finally:
            cur.close()
    finally:
        raw.close()


CHUNK = 250_000  # rows per fetchmany: the arrays grow, the Python rows never pile up


def scan_current(store: Store, indicators: Sequence[str] | None = None) -> FigureColumns:
    """The current approved figure per indicator × area × period, as columns.

    Rows are fetched ``CHUNK`` at a time and turned into arrays at once, so the Python
    row objects of the whole table never exist together (at 9 M rows a ``fetchall``
    held 5 GiB). The cyclic garbage collector is paused meanwhile: millions of fresh
    tuples would trigger full collections that walk all of them again and again
    (measured: transposing 1,8 M rows took 3,5 s with it, 1,0 s without).
    """
    sql = compiled_sql(store, scan_statement(indicators))
    was_enabled = gc.isenabled()
    gc.disable()
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        try:
            cur.execute(sql)
            builder = _Builder()
            while rows := cur.fetchmany(CHUNK):
                builder.add(rows)
                del rows
            return builder.columns()
        finally:
            cur.close()
    finally:
        raw.close()
        if was_enabled:
            gc.enable()


def columns_from_rows(rows: list[tuple[Any, ...]]) -> FigureColumns:
    """Columns of fetched rows (indicator, area, value, unit, packed), current figures."""
    builder = _Builder()
    if rows:
        builder.add(rows)
    return builder.columns()


class _Builder:
    """Arrays grown chunk by chunk, with one code table per text column."""

    def __init__(self) -> None:
        self.codes: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        self.parts: list[tuple[IntArray, IntArray, npt.NDArray[np.float64], IntArray, IntArray]]
        self.parts = []

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        n = len(rows)
        ind_col, area_col, value, unit_col, packed_col = zip(*rows, strict=True)
        ind_t, area_t, unit_t = self.codes
        ind, area, unit = _codes(ind_col, ind_t), _codes(area_col, area_t), _codes(unit_col, unit_t)
        value_a = np.fromiter(value, dtype=np.float64, count=n)
        packed = np.fromiter(packed_col, dtype=np.int64, count=n)
        self.parts.append((ind, area, value_a, unit, packed))

    def columns(self) -> FigureColumns:
        indicators, areas, units = (tuple(table) for table in self.codes)
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return FigureColumns(
                indicators, areas, units, empty, empty, empty, empty, np.zeros(0),
                empty, empty, empty, np.zeros(0, dtype=bool), 0,
            )  # fmt: skip
        indicator, area, value, unit, packed = (
            np.concatenate(p) for p in zip(*self.parts, strict=True)
        )
        self.parts.clear()
        revision = packed & ((1 << _REV_BITS) - 1)
        rest = packed >> _REV_BITS
        exact = (rest & 1).astype(bool)
        rank = ((rest >> 1) & 7) - 1
        periods = rest >> 4
        start, end = periods // _PERIOD, periods % _PERIOD
        keep = _current(indicator, area, start, end, rank, revision)
        return FigureColumns(
            indicators,
            areas,
            units,
            indicator[keep],
            area[keep],
            start[keep],
            end[keep],
            value[keep],
            unit[keep],
            rank[keep],
            revision[keep],
            exact[keep],
            len(packed),
        )


def _codes(column: tuple[str, ...], table: dict[str, int]) -> IntArray:
    """Each entry's index in ``table`` (new values appended), at C speed."""
    for name in dict.fromkeys(column):
        if name not in table:
            table[name] = len(table)
    return np.fromiter(map(table.__getitem__, column), dtype=np.int64, count=len(column))


def _current(
    indicator: IntArray,
    area: IntArray,
    start: IntArray,
    end: IntArray,
    rank: IntArray,
    revision: IntArray,
) -> IntArray:
    """Indexes of the most authoritative row per key: sort by key, then by authority."""
    y0 = int(min(start.min(), end.min()))
    span = int(max(start.max(), end.max())) - y0 + 1
    key = ((indicator * (area.max() + 1) + area) * span + (start - y0)) * span + (end - y0)
    authority = rank * (int(revision.max()) + 1) + revision
    order = np.lexsort((authority, key))
    sorted_key = key[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = sorted_key[1:] != sorted_key[:-1]
    return order[last]


def observations_for(store: Store, pairs: Sequence[tuple[str, str]]) -> list[Observation]:
    """Approved observations (every revision) of these area × indicator pairs, in one
    query per 200 pairs: the few cells the arrays refer to the reference path need them,
    and one query per pair cost up to half a second each on PostgreSQL (measured)."""
    o = ObservationRow
    out: list[Observation] = []
    unique = sorted(set(pairs))
    for start in range(0, len(unique), 200):
        chunk = unique[start : start + 200]
        stmt = (
            sa.select(o)
            .where(
                approved_clause(),
                # OR of equalities, not a row-value IN: both databases use the key index
                sa.or_(*(sa.and_(o.indicator == i, o.area == a) for a, i in chunk)),
            )
            .order_by(o.indicator, o.area, o.period_start, o.period_end, o.id)
        )
        with store.engine.connect() as conn:
            session = Session(bind=conn)
            out.extend(to_observation(row) for row in session.scalars(stmt))
            session.close()
    return out

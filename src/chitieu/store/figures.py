"""Figures: observations recorded, corrected by new revisions, and read back.

Observations are append-only: a correction or a better status is a new row (the next
revision of its indicator × area × period × part of the year × basis × status), never an
UPDATE or DELETE. Whether
a figure counts is the review workflow's business (:mod:`chitieu.store.review`); reading
here can keep to approved figures with the shared rule of :mod:`chitieu.store.approval`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from chitieu import progress
from chitieu.core.model import Citation
from chitieu.core.observations import Observation, ObservationKey, Qualifier, Status, current
from chitieu.core.periods import PARTS, Basis, parse_basis
from chitieu.store.approval import approved_clause
from chitieu.store.base import StoreBase, now
from chitieu.store.errors import ConflictError, StoreError
from chitieu.store.inserts import CLASH_MESSAGE, copy_rows
from chitieu.store.records import AddResult, RowKey, WrittenFigure, row_key
from chitieu.store.tables import AreaRow, IndicatorRow, ObservationReviewRow, ObservationRow


class FiguresMixin(StoreBase):
    """Observations: recorded in batches, corrected by new revisions, read back."""

    def add_observations(
        self,
        observations: Sequence[Observation],
        *,
        recorded_by: str = "cli",
        reason: str = "",
        dataset: str = "",
        dry_run: bool = False,
    ) -> AddResult:
        """Record a batch of figures in one transaction (any error: nothing is written).

        Per indicator × area × period (with its part of the year) × basis × status: a new
        key gets revision 1; a figure equal
        to the latest revision in value, unit and qualifier is ``unchanged`` (loading a
        dataset twice is idempotent); anything else is a correction, stored as the next
        revision with ``reason``. The ``revision``, ``id`` and ``recorded_at`` of the given
        observations are ignored: the store assigns them.
        """
        if not observations:
            return AddResult(0, 0, 0)
        with self._write(dry_run) as session:
            return add_figures(
                session, observations, recorded_by=recorded_by, reason=reason, dataset=dataset
            )

    def observations(
        self,
        indicator: str | None = None,
        area: str | None = None,
        *,
        all_revisions: bool = True,
        approved_only: bool = False,
        indicators: Collection[str] | None = None,
        areas: Collection[str] | None = None,
    ) -> list[Observation]:
        """Stored figures, with ``id``, ``revision`` and ``recorded_at`` set.

        ``all_revisions=False`` keeps only the latest revision per indicator × area ×
        period × status. ``approved_only`` leaves out figures waiting for review or
        returned (see :mod:`chitieu.store.review`): what evaluations may use.
        ``indicators`` and ``areas`` keep only those codes, in SQL: a page about one
        province must not read the two million figures of the whole country.
        Ordered by indicator, area, period, then recording order.
        """
        o = ObservationRow
        stmt = sa.select(o)
        if approved_only:
            stmt = stmt.where(approved_clause())
        if not all_revisions:
            keys = (o.indicator, o.area, o.period_start, o.period_end, o.part, o.basis, o.status)
            latest = (
                sa.select(*keys, sa.func.max(o.revision).label("revision"))
                .group_by(*keys)
                .subquery()
            )
            stmt = stmt.join(
                latest,
                sa.and_(
                    o.indicator == latest.c.indicator,
                    o.area == latest.c.area,
                    o.period_start == latest.c.period_start,
                    o.period_end == latest.c.period_end,
                    o.part == latest.c.part,
                    o.basis == latest.c.basis,
                    o.status == latest.c.status,
                    o.revision == latest.c.revision,
                ),
            )
        if indicator is not None:
            stmt = stmt.where(o.indicator == indicator)
        if area is not None:
            stmt = stmt.where(o.area == area)
        if indicators is not None:
            stmt = stmt.where(o.indicator.in_(sorted(set(indicators))))
        if areas is not None:
            stmt = stmt.where(o.area.in_(sorted(set(areas))))
        stmt = stmt.order_by(o.indicator, o.area, o.period_start, o.period_end, o.id)
        with self._read() as session:
            return [to_observation(row) for row in session.scalars(stmt)]

    def pending_count(self, indicators: Collection[str]) -> int:
        """How many figures of these indicators wait for a reviewer: ``len(awaiting_review())``
        in one SQL statement, which walks the (short) review log instead of loading every
        figure of the indicators (two million, nationally)."""
        r, o = ObservationReviewRow, ObservationRow
        newer = aliased(ObservationRow)
        latest = (
            sa.select(r.observation_id, sa.func.max(r.id).label("rid"))
            .group_by(r.observation_id)
            .subquery()
        )
        step = aliased(ObservationReviewRow)
        superseded = (
            sa.select(newer.id)
            .where(
                newer.indicator == o.indicator,
                newer.area == o.area,
                newer.period_start == o.period_start,
                newer.period_end == o.period_end,
                newer.part == o.part,
                newer.basis == o.basis,
                newer.status == o.status,
                newer.revision > o.revision,
            )
            .exists()
        )
        stmt = (
            sa.select(sa.func.count())
            .select_from(latest)
            .join(step, step.id == latest.c.rid)
            .join(o, o.id == latest.c.observation_id)
            .where(
                step.action == "submitted",
                o.indicator.in_(sorted(set(indicators))),
                ~superseded,
            )
        )
        with self._read() as session:
            return int(session.scalar(stmt) or 0)

    def current_observations(
        self, indicator: str | None = None, area: str | None = None
    ) -> dict[ObservationKey, Observation]:
        """The current figure per indicator × area × period × basis
        (:func:`core.observations.current`)."""
        return current(self.observations(indicator, area, all_revisions=False))


def add_figures(
    session: Session,
    observations: Sequence[Observation],
    *,
    recorded_by: str,
    reason: str,
    dataset: str,
    written: list[WrittenFigure] | None = None,
) -> AddResult:
    """Check and write a batch of figures in the caller's transaction (the rules of
    :meth:`FiguresMixin.add_observations`); ``written``, when given, receives each row
    written with its new id (the review workflow records a step per figure)."""
    # A million figures must load in seconds: rows are checked here in plain Python and
    # written with the driver's own bulk path (executemany, COPY) in the session's
    # transaction, never as one ORM object each (the profile in bench/README.md).
    recorded_at = now()
    inserted = revised = unchanged = 0
    indicator_codes = sorted({o.indicator for o in observations})
    area_codes = sorted({o.area for o in observations})
    known_indicators = set(
        session.scalars(sa.select(IndicatorRow.code).where(IndicatorRow.code.in_(indicator_codes)))
    )
    known_areas = set(session.scalars(sa.select(AreaRow.code).where(AreaRow.code.in_(area_codes))))
    latest = _latest_revisions(session, indicator_codes, area_codes)
    seen: dict[RowKey, int] = {}
    rows: list[tuple[Any, ...]] = []
    total = len(observations)
    for number, obs in enumerate(observations, start=1):
        if number % progress.EVERY == 0:
            progress.step(progress.CHECKING, number, total)
        if obs.indicator not in known_indicators:
            raise StoreError(
                f"row {number} ({_describe(obs)}): unknown indicator {obs.indicator!r}"
                " (load a resolution that defines it first)"
            )
        if obs.area not in known_areas:
            raise StoreError(
                f"row {number} ({_describe(obs)}): unknown area {obs.area!r}"
                " (load a resolution that defines it first)"
            )
        status, qualifier, value, basis = _checked(obs, number)
        key = row_key(
            obs.indicator, obs.area, obs.period[0], obs.period[1], obs.part, basis, status
        )
        if key in seen:
            raise StoreError(
                f"row {number} ({_describe(obs)}): the same indicator × area × period ×"
                f" basis × status as row {seen[key]} of this batch"
            )
        seen[key] = number
        held = latest.get(key)
        if held is not None and (held.value, held.unit, held.qualifier) == (
            value,
            obs.unit,
            qualifier,
        ):
            unchanged += 1
            continue
        if held is None:
            revision = 1
            inserted += 1
        else:
            revision = held.revision + 1
            revised += 1
        source = obs.source
        rows.append(
            (
                obs.indicator,
                obs.area,
                obs.period[0],
                obs.period[1],
                obs.part,
                basis,
                value,
                obs.unit,
                status,
                qualifier,
                revision,
                source.document,
                source.section,
                source.line,
                source.url,
                source.date,
                source.quote,
                obs.note,
                reason,
                recorded_at,
                recorded_by,
                dataset,
            )
        )
    progress.step(progress.CHECKING, total, total)
    if rows:
        progress.step(progress.WRITING, 0, len(rows))
        first_id = _insert_observations(session, rows)
        if written is not None:
            written.extend(_written(session, rows, first_id))
        progress.step(progress.WRITING, len(rows), len(rows))
    return AddResult(inserted, revised, unchanged)


def _latest_revisions(
    session: Session, indicators: Sequence[str], areas: Sequence[str]
) -> dict[RowKey, _Latest]:
    o = ObservationRow
    stmt = sa.select(
        o.indicator,
        o.area,
        o.period_start,
        o.period_end,
        o.part,
        o.basis,
        o.status,
        o.revision,
        o.value,
        o.unit,
        o.qualifier,
    ).where(o.indicator.in_(indicators), o.area.in_(areas))
    latest: dict[RowKey, _Latest] = {}
    for row in session.execute(stmt):
        ind, area, start, end, part, basis, status, revision, value, unit, qualifier = row
        key = row_key(ind, area, start, end, part, basis, status)
        held = latest.get(key)
        if held is None or revision > held.revision:
            latest[key] = _Latest(revision, value, unit, qualifier)
    return latest


@dataclass(frozen=True)
class _Latest:
    revision: int
    value: Decimal
    unit: str
    qualifier: str


def _describe(obs: Observation) -> str:
    start, end = obs.period
    period = str(start) if start == end else f"{start}-{end}"
    if obs.part:
        period += f"-{obs.part}"
    basis = "" if obs.basis.is_level else f", {obs.basis.code}"
    return f"{obs.indicator}, {obs.area}, {period}{basis}, {obs.status}"


_STATUSES = {s.value: s.value for s in Status} | {s: s.value for s in Status}
_QUALIFIERS = {q.value: q.value for q in Qualifier} | {q: q.value for q in Qualifier}


_PARTS = frozenset(("", *PARTS))


def _checked(obs: Observation, number: int) -> tuple[str, str, Decimal, str]:
    status = _STATUSES.get(obs.status)
    qualifier = _QUALIFIERS.get(obs.qualifier)
    value: Any = obs.value
    start, end = obs.period
    basis: Any = obs.basis
    if (
        status is None
        or qualifier is None
        or not isinstance(value, Decimal)
        or not value.is_finite()
        or start > end
        or obs.part not in _PARTS
        or (obs.part and start != end)
        or not isinstance(basis, Basis)
    ):
        _refuse(obs, number)
    return status, qualifier, value, basis.code


def _refuse(obs: Observation, number: int) -> NoReturn:
    """Say what is wrong with a figure :func:`_checked` refused (the slow, rare path)."""
    where = f"row {number} ({_describe(obs)})"
    try:
        Status(obs.status)
        Qualifier(obs.qualifier)
    except ValueError as exc:
        raise StoreError(f"{where}: {exc}") from exc
    value: Any = obs.value
    if not isinstance(value, Decimal) or not value.is_finite():
        raise StoreError(f"{where}: value must be a finite Decimal, got {value!r}")
    if obs.part not in _PARTS:
        raise StoreError(
            f"{where}: unknown part of a year {obs.part!r} (known: {', '.join(PARTS)})"
        )
    if obs.part:
        raise StoreError(f"{where}: a part of a year ({obs.part}) needs a single year")
    basis: Any = obs.basis
    if not isinstance(basis, Basis):
        raise StoreError(f"{where}: basis must be a Basis, got {basis!r}")
    raise StoreError(f"{where}: period starts after it ends")


#: The columns of ``observations`` an import writes, in the order of the row tuples.
_INSERT_COLUMNS = (
    "indicator",
    "area",
    "period_start",
    "period_end",
    "part",
    "basis",
    "value",
    "unit",
    "status",
    "qualifier",
    "revision",
    "source_document",
    "source_section",
    "source_line",
    "source_url",
    "source_date",
    "source_quote",
    "note",
    "reason",
    "recorded_at",
    "recorded_by",
    "dataset",
)
_COLUMN = {name: i for i, name in enumerate(_INSERT_COLUMNS)}
_VALUE, _RECORDED_AT = _COLUMN["value"], _COLUMN["recorded_at"]


def _insert_observations(session: Session, rows: Sequence[tuple[Any, ...]]) -> int:
    """Write checked rows with the driver's bulk path, in the session's transaction.

    Values arrive as Python objects (Decimal, aware datetime) and are converted here the
    way the column types would (``DecimalText``: its string; ``UTCDateTime``: per
    dialect). Returns the largest id before the insert: the new rows' ids are above it.
    """
    conn = session.connection()
    dialect = conn.dialect
    before = conn.scalar(sa.select(sa.func.max(ObservationRow.id))) or 0
    stamp_type = ObservationRow.__table__.c.recorded_at.type
    convert = stamp_type.bind_processor(dialect)
    stamps: dict[Any, Any] = {}

    def bound(row: tuple[Any, ...]) -> tuple[Any, ...]:
        at = row[_RECORDED_AT]
        stamp = stamps.get(at)
        if stamp is None:
            stamp = stamps[at] = convert(at) if convert is not None else at
        return (
            *row[:_VALUE],
            str(row[_VALUE]),
            *row[_VALUE + 1 : _RECORDED_AT],
            stamp,
            *row[_RECORDED_AT + 1 :],
        )

    columns = ", ".join(_INSERT_COLUMNS)
    if dialect.name == "postgresql":
        copy_rows(conn, f"COPY observations ({columns}) FROM STDIN", map(bound, rows))
    else:
        marks = ", ".join("?" for _ in _INSERT_COLUMNS)
        try:
            conn.exec_driver_sql(
                f"INSERT INTO observations ({columns}) VALUES ({marks})",
                [bound(r) for r in rows],
            )
        except sa.exc.IntegrityError as exc:
            if _REVISION_CLASH in str(exc.orig) or "UNIQUE constraint failed" in str(exc.orig):
                raise ConflictError(CLASH_MESSAGE) from exc
            raise
    return int(before)


_REVISION_CLASH = "uq_observations_key_revision"


def _written(session: Session, rows: Sequence[tuple[Any, ...]], before: int) -> list[WrittenFigure]:
    """The rows just inserted, with their ids: found by key and revision (unique) among
    the ids above ``before``, so a concurrent writer's rows can never be mistaken for ours."""
    o = ObservationRow
    ids: dict[tuple[Any, ...], int] = {}
    found = session.execute(
        sa.select(
            o.id,
            o.indicator,
            o.area,
            o.period_start,
            o.period_end,
            o.part,
            o.basis,
            o.status,
            o.revision,
        ).where(o.id > before)
    )
    for row_id, *key in found:
        ids[tuple(key)] = row_id
    c = _COLUMN
    return [
        WrittenFigure(
            id=ids[
                (
                    r[c["indicator"]],
                    r[c["area"]],
                    r[c["period_start"]],
                    r[c["period_end"]],
                    r[c["part"]],
                    r[c["basis"]],
                    r[c["status"]],
                    r[c["revision"]],
                )
            ],
            indicator=r[c["indicator"]],
            area=r[c["area"]],
            period_start=r[c["period_start"]],
            period_end=r[c["period_end"]],
            part=r[c["part"]],
            basis=r[c["basis"]],
            status=r[c["status"]],
            value=r[_VALUE],
            unit=r[c["unit"]],
            qualifier=r[c["qualifier"]],
            revision=r[c["revision"]],
        )
        for r in rows
    ]


@functools.lru_cache(maxsize=256)
def _basis(code: str) -> Basis:
    """A stored basis code as a :class:`Basis` (a few distinct codes: read once each)."""
    return parse_basis(code)


def to_observation(row: ObservationRow) -> Observation:
    return Observation(
        indicator=row.indicator,
        area=row.area,
        period=(row.period_start, row.period_end),
        part=row.part,
        basis=_basis(row.basis),
        value=row.value,
        unit=row.unit,
        status=Status(row.status),
        qualifier=Qualifier(row.qualifier),
        source=Citation(
            document=row.source_document,
            section=row.source_section,
            line=row.source_line,
            url=row.source_url,
            date=row.source_date,
            quote=row.source_quote,
        ),
        note=row.note,
        revision=row.revision,
        id=row.id,
        recorded_at=row.recorded_at.isoformat(timespec="microseconds"),
    )

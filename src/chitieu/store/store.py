"""The store: one object behind the CLI and the web app (like ``sqlite_utils.Database``).

All SQL of chitieu lives here. Observations are append-only: a correction or a better
status is a new row, never an UPDATE or DELETE.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, NoReturn, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, aliased

from chitieu import progress
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
from chitieu.core.observations import Observation, Qualifier, Status, current
from chitieu.core.tasks import Agency
from chitieu.settings import Settings
from chitieu.store import db, migrate
from chitieu.store.accounts import AccountsMixin
from chitieu.store.activity import ActivityMixin
from chitieu.store.errors import ConflictError, NotFoundError, StoreError
from chitieu.store.mixin import CLASH_MESSAGE, copy_rows
from chitieu.store.tables import (
    AreaRow,
    IndicatorRow,
    ObservationReviewRow,
    ObservationRow,
    ResolutionRow,
    ResolutionVersionRow,
)
from chitieu.store.workflow import WorkflowMixin, approved_clause

ObservationKey = tuple[str, str, tuple[int, int]]
_RowKey = tuple[str, str, int, int, str]  # indicator, area, period start, end, status


@dataclass(frozen=True)
class SaveResult:
    """What :meth:`Store.save_resolution` did.

    ``created``: the resolution was new. ``changed``: a new version was stored (also
    true when created); false when the text equals the current version's.
    """

    resolution_id: str
    version: int
    created: bool
    changed: bool


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_observations` did, row by row of the batch."""

    inserted: int
    revised: int
    unchanged: int

    @property
    def written(self) -> int:
        return self.inserted + self.revised


@dataclass(frozen=True)
class ResolutionVersion:
    """One stored version of a resolution's definition text (without the text)."""

    resolution_id: str
    version: int
    checksum: str
    source_name: str
    loaded_at: datetime
    loaded_by: str


def checksum(text: str) -> str:
    """The sha256 of a definition text (UTF-8), as stored in ``resolution_versions``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


class Store(AccountsMixin, WorkflowMixin, ActivityMixin):
    """chitieu's database: resolutions (as reviewed text), areas, indicators, observations.

    Open with :meth:`open` (``None`` → ``CHITIEU_DATABASE_URL`` or the default SQLite file),
    create or upgrade the schema with :meth:`init`, and close (or use ``with``).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Write transactions start with BEGIN IMMEDIATE on SQLite (see db.WRITE).
        self._write_engine = engine.execution_options(**{db.WRITE: True})

    # -- lifecycle -------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        if url is None:
            url = Settings.from_env().database_url
        return cls(db.create_engine(url))

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def init(self) -> None:
        """Create the schema or upgrade it to the newest revision (idempotent)."""
        migrate.upgrade(self._engine)

    def schema_revision(self) -> str | None:
        """The migration revision the database is at (``None``: not initialised)."""
        return migrate.current_revision(self._engine)

    def is_initialised(self) -> bool:
        """Whether the schema is at the newest revision shipped with chitieu."""
        return self.schema_revision() == migrate.head_revision()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self, dry_run: bool = False) -> Iterator[Session]:
        """One write transaction; database errors become :class:`StoreError`.

        ``dry_run`` runs every statement and check, then rolls back: a preview that sees
        exactly what the real write would (conflicts, revisions), and changes nothing.
        """
        try:
            with Session(self._write_engine) as session:
                transaction = session.begin()
                try:
                    yield session
                    session.flush()
                except BaseException:
                    transaction.rollback()
                    raise
                if dry_run:
                    transaction.rollback()
                else:
                    transaction.commit()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"database refused the write: {exc.orig}") from exc

    # -- resolutions -----------------------------------------------------------------

    def save_resolution(
        self,
        resolution: Resolution,
        definition_text: str,
        source_name: str,
        *,
        loaded_by: str = "cli",
        dry_run: bool = False,
    ) -> SaveResult:
        """Store a resolution's reviewed definition text, its areas and indicators.

        A text equal to the current version's is not stored again; a changed text becomes
        a new version (old versions are kept). Indicators are shared between resolutions:
        one that differs from the stored indicator in unit, direction or measure raises
        :class:`ConflictError` and nothing is written. One transaction.
        """
        with self._write(dry_run) as session:
            return self._save_resolution(
                session, resolution, definition_text, source_name, loaded_by
            )

    def save_dataset(
        self,
        resolution: Resolution,
        definition_text: str,
        source_name: str,
        observations: Sequence[Observation],
        *,
        loaded_by: str = "cli",
        dataset: str = "",
        dry_run: bool = False,
        agencies: Sequence[Agency] = (),
        assignments: Mapping[str, str] | None = None,
        documents: Sequence[tuple[str, str, str]] = (),
    ) -> tuple[SaveResult, AddResult]:
        """A definition, its figures, agencies and documents (kind, text, source name) in
        ONE transaction: all are written or none."""
        with self._write(dry_run) as session:
            saved = self._save_resolution(
                session, resolution, definition_text, source_name, loaded_by
            )
            session.flush()  # figures reference the indicators and areas just written
            added = self._add_observations(
                session, observations, recorded_by=loaded_by, reason="", dataset=dataset
            )
            if agencies or assignments:
                self._save_agencies(session, agencies, assignments or {}, loaded_by)
            for kind, text, name in documents:
                self._save_document(session, resolution.id, kind, text, name, loaded_by)
        return saved, added

    def _save_resolution(
        self,
        session: Session,
        resolution: Resolution,
        definition_text: str,
        source_name: str,
        loaded_by: str,
    ) -> SaveResult:
        digest = checksum(definition_text)
        self._save_indicators(session, resolution)
        self._save_areas(session, resolution.areas)
        row = session.get(ResolutionRow, resolution.id)
        if row is not None:
            stored = self._version_row(session, resolution.id, row.current_version)
            if stored.checksum == digest:
                return SaveResult(resolution.id, row.current_version, False, False)
            version, created = row.current_version + 1, False
        else:
            version, created = 1, True
            row = ResolutionRow(id=resolution.id)
            session.add(row)
        row.title_vi = resolution.title.vi
        row.title_en = resolution.title.en
        row.period_start, row.period_end = resolution.period
        row.base_year = resolution.base_year
        row.current_version = version
        session.flush()  # the version row's foreign key needs the resolution row
        session.add(
            ResolutionVersionRow(
                resolution_id=resolution.id,
                version=version,
                definition_text=definition_text,
                checksum=digest,
                source_name=source_name,
                loaded_at=_now(),
                loaded_by=loaded_by,
            )
        )
        return SaveResult(resolution.id, version, created, True)

    def _save_indicators(self, session: Session, resolution: Resolution) -> None:
        seen = _stored_rows(session, IndicatorRow, [i.code for i in resolution.indicators])
        for ind in resolution.indicators:
            row = seen.get(ind.code)
            if row is None:
                row = IndicatorRow(code=ind.code)
                session.add(row)
            else:
                stored = (row.unit, row.direction, row.measure)
                given = (ind.unit, str(ind.direction), str(ind.measure))
                diffs = [
                    f"{name} {old!r} (stored) vs {new!r} (in {resolution.id})"
                    for name, old, new in zip(
                        ("unit", "direction", "measure"), stored, given, strict=True
                    )
                    if old != new
                ]
                if diffs:
                    raise ConflictError(
                        f"indicator {ind.code!r} conflicts with the stored indicator: "
                        + "; ".join(diffs)
                        + ". Indicators are shared between resolutions: use another code"
                        " or make the definitions agree."
                    )
            row.name_vi = ind.name.vi
            row.name_en = ind.name.en
            row.unit = ind.unit
            row.direction = str(ind.direction)
            row.measure = str(ind.measure)
            row.aggregation = str(ind.aggregation)
            seen[ind.code] = row

    def _save_areas(self, session: Session, areas: Sequence[Area]) -> None:
        seen = _stored_rows(session, AreaRow, [a.code for a in areas])
        for area in areas:
            row = seen.get(area.code)
            if row is None:
                row = AreaRow(code=area.code)
                session.add(row)
            else:
                # Areas are shared by every resolution: a boundary that changes silently
                # would change the meaning of figures recorded under another resolution.
                stored = (row.parent, row.valid_from, row.valid_to, json.loads(row.predecessors))
                given = (area.parent, area.valid_from, area.valid_to, list(area.predecessors))
                diffs = [
                    f"{name} {old!r} (stored) vs {new!r} (given)"
                    for name, old, new in zip(
                        ("parent", "valid_from", "valid_to", "predecessors"),
                        stored,
                        given,
                        strict=True,
                    )
                    if old != new
                ]
                if diffs:
                    raise ConflictError(
                        f"area {area.code!r} conflicts with the stored area: "
                        + "; ".join(diffs)
                        + ". Areas are shared between resolutions: use another code"
                        " or make the definitions agree."
                    )
            row.name_vi = area.name.vi
            row.name_en = area.name.en
            row.parent = area.parent
            row.valid_from = area.valid_from
            row.valid_to = area.valid_to
            row.predecessors = json.dumps(list(area.predecessors), ensure_ascii=False)
            seen[area.code] = row

    @staticmethod
    def _version_row(session: Session, resolution_id: str, version: int) -> ResolutionVersionRow:
        row = session.scalars(
            sa.select(ResolutionVersionRow).where(
                ResolutionVersionRow.resolution_id == resolution_id,
                ResolutionVersionRow.version == version,
            )
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"resolution {resolution_id!r} has no version {version}")
        return row

    def resolution_ids(self) -> list[str]:
        with self._read() as session:
            return list(session.scalars(sa.select(ResolutionRow.id).order_by(ResolutionRow.id)))

    def _current_version(self, session: Session, resolution_id: str) -> ResolutionVersionRow:
        row = session.get(ResolutionRow, resolution_id)
        if row is None:
            raise NotFoundError(f"no resolution {resolution_id!r} in the store")
        return self._version_row(session, resolution_id, row.current_version)

    def resolution_text(self, resolution_id: str, version: int | None = None) -> str:
        """The definition text of the current (or the given) version."""
        with self._read() as session:
            if version is None:
                return self._current_version(session, resolution_id).definition_text
            if session.get(ResolutionRow, resolution_id) is None:
                raise NotFoundError(f"no resolution {resolution_id!r} in the store")
            return self._version_row(session, resolution_id, version).definition_text

    def resolution_versions(self, resolution_id: str) -> list[ResolutionVersion]:
        """Every stored version of a resolution, oldest first."""
        with self._read() as session:
            if session.get(ResolutionRow, resolution_id) is None:
                raise NotFoundError(f"no resolution {resolution_id!r} in the store")
            rows = session.scalars(
                sa.select(ResolutionVersionRow)
                .where(ResolutionVersionRow.resolution_id == resolution_id)
                .order_by(ResolutionVersionRow.version)
            )
            return [
                ResolutionVersion(
                    r.resolution_id, r.version, r.checksum, r.source_name, r.loaded_at, r.loaded_by
                )
                for r in rows
            ]

    def get_resolution(self, resolution_id: str) -> Resolution:
        """The current version, parsed from its stored text by the definitions loader."""
        from chitieu.definitions.resolution import load_resolution_text  # adapter, loaded lazily

        with self._read() as session:
            row = self._current_version(session, resolution_id)
            text, filename = row.definition_text, row.source_name
        return _parsed_resolution(text, filename, load_resolution_text)

    # -- areas and indicators --------------------------------------------------------

    def indicators(self) -> list[Indicator]:
        with self._read() as session:
            rows = session.scalars(sa.select(IndicatorRow).order_by(IndicatorRow.code))
            return [
                Indicator(
                    code=r.code,
                    name=Text(r.name_vi, r.name_en),
                    unit=r.unit,
                    direction=Direction(r.direction),
                    measure=Measure(r.measure),
                    aggregation=Aggregation(r.aggregation),
                )
                for r in rows
            ]

    def areas(self) -> list[Area]:
        with self._read() as session:
            rows = session.scalars(sa.select(AreaRow).order_by(AreaRow.code))
            return [
                Area(
                    code=r.code,
                    name=Text(r.name_vi, r.name_en),
                    parent=r.parent,
                    valid_from=r.valid_from,
                    valid_to=r.valid_to,
                    predecessors=tuple(json.loads(r.predecessors)),
                )
                for r in rows
            ]

    # -- observations ----------------------------------------------------------------

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

        Per indicator × area × period × status: a new key gets revision 1; a figure equal
        to the latest revision in value, unit and qualifier is ``unchanged`` (loading a
        dataset twice is idempotent); anything else is a correction, stored as the next
        revision with ``reason``. The ``revision``, ``id`` and ``recorded_at`` of the given
        observations are ignored: the store assigns them.
        """
        if not observations:
            return AddResult(0, 0, 0)
        with self._write(dry_run) as session:
            return self._add_observations(
                session, observations, recorded_by=recorded_by, reason=reason, dataset=dataset
            )

    def _add_observations(
        self,
        session: Session,
        observations: Sequence[Observation],
        *,
        recorded_by: str,
        reason: str,
        dataset: str,
        written: list[WrittenFigure] | None = None,
    ) -> AddResult:
        # A million figures must load in seconds: rows are checked here in plain Python and
        # written with the driver's own bulk path (executemany, COPY) in the session's
        # transaction, never as one ORM object each (the profile in bench/README.md).
        now = _now()
        inserted = revised = unchanged = 0
        indicator_codes = sorted({o.indicator for o in observations})
        area_codes = sorted({o.area for o in observations})
        known_indicators = set(
            session.scalars(
                sa.select(IndicatorRow.code).where(IndicatorRow.code.in_(indicator_codes))
            )
        )
        known_areas = set(
            session.scalars(sa.select(AreaRow.code).where(AreaRow.code.in_(area_codes)))
        )
        latest = self._latest_revisions(session, indicator_codes, area_codes)
        seen: dict[_RowKey, int] = {}
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
            status, qualifier, value = _checked(obs, number)
            key: _RowKey = (obs.indicator, obs.area, obs.period[0], obs.period[1], status)
            if key in seen:
                raise StoreError(
                    f"row {number} ({_describe(obs)}): the same indicator × area × period ×"
                    f" status as row {seen[key]} of this batch"
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
                    now,
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

    @staticmethod
    def _latest_revisions(
        session: Session, indicators: Sequence[str], areas: Sequence[str]
    ) -> dict[_RowKey, _Latest]:
        o = ObservationRow
        stmt = sa.select(
            o.indicator,
            o.area,
            o.period_start,
            o.period_end,
            o.status,
            o.revision,
            o.value,
            o.unit,
            o.qualifier,
        ).where(o.indicator.in_(indicators), o.area.in_(areas))
        latest: dict[_RowKey, _Latest] = {}
        for ind, area, start, end, status, revision, value, unit, qualifier in session.execute(
            stmt
        ):
            key = (ind, area, start, end, status)
            held = latest.get(key)
            if held is None or revision > held.revision:
                latest[key] = _Latest(revision, value, unit, qualifier)
        return latest

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
        returned (see :mod:`chitieu.store.workflow`): what evaluations may use.
        ``indicators`` and ``areas`` keep only those codes, in SQL: a page about one
        province must not read the two million figures of the whole country.
        Ordered by indicator, area, period, then recording order.
        """
        o = ObservationRow
        stmt = sa.select(o)
        if approved_only:
            stmt = stmt.where(approved_clause())
        if not all_revisions:
            keys = (o.indicator, o.area, o.period_start, o.period_end, o.status)
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
            return [_to_observation(row) for row in session.scalars(stmt)]

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

    def data_version(self) -> tuple[int, int, int]:
        """Changes whenever anything an evaluation reads changes: the newest figure, review
        step and definition version (all append-only, so their largest ids only grow).
        Three index look-ups: cheap enough to ask on every page (``services.cache``)."""
        stmt = sa.select(
            sa.select(sa.func.max(ObservationRow.id)).scalar_subquery(),
            sa.select(sa.func.max(ObservationReviewRow.id)).scalar_subquery(),
            sa.select(sa.func.max(ResolutionVersionRow.id)).scalar_subquery(),
        )
        with self._engine.connect() as conn:
            row = conn.execute(stmt).one()
        return (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))

    def current_observations(
        self, indicator: str | None = None, area: str | None = None
    ) -> dict[ObservationKey, Observation]:
        """The current figure per indicator × area × period (:func:`core.observations.current`)."""
        return current(self.observations(indicator, area, all_revisions=False))


_PARSED: dict[tuple[str, str], Resolution] = {}
_Coded = TypeVar("_Coded", AreaRow, IndicatorRow)


def _stored_rows(session: Session, table: type[_Coded], codes: Sequence[str]) -> dict[str, _Coded]:
    """The stored rows of these codes, in a few queries: a national definition has 3.700
    areas, and one ``session.get`` each took seconds on PostgreSQL."""
    found: dict[str, _Coded] = {}
    wanted = sorted(set(codes))
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        for row in session.scalars(sa.select(table).where(table.code.in_(chunk))):
            found[row.code] = row
    return found


def _parsed_resolution(text: str, filename: str, load: Any) -> Resolution:
    """Parsing a stored definition costs tens of milliseconds and every page needs it; the
    result is immutable, so one parse per text is kept (a few resolutions per process)."""
    key = (checksum(text), filename)
    found = _PARSED.get(key)
    if found is None:
        found = load(text, filename)
        if len(_PARSED) > 32:
            _PARSED.clear()
        _PARSED[key] = found
    return found


@dataclass(frozen=True)
class _Latest:
    revision: int
    value: Decimal
    unit: str
    qualifier: str


def _describe(obs: Observation) -> str:
    start, end = obs.period
    period = str(start) if start == end else f"{start}-{end}"
    return f"{obs.indicator}, {obs.area}, {period}, {obs.status}"


_STATUSES = {s.value: s.value for s in Status} | {s: s.value for s in Status}
_QUALIFIERS = {q.value: q.value for q in Qualifier} | {q: q.value for q in Qualifier}


def _checked(obs: Observation, number: int) -> tuple[str, str, Decimal]:
    status = _STATUSES.get(obs.status)
    qualifier = _QUALIFIERS.get(obs.qualifier)
    value: Any = obs.value
    start, end = obs.period
    if (
        status is None
        or qualifier is None
        or not isinstance(value, Decimal)
        or not value.is_finite()
        or start > end
    ):
        _refuse(obs, number)
    return status, qualifier, value


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
    raise StoreError(f"{where}: period starts after it ends")


@dataclass(frozen=True, slots=True)
class WrittenFigure:
    """A figure just written by an import, with the id the database gave it (the review
    workflow needs the id; an ORM object per figure would cost more than the insert)."""

    id: int
    indicator: str
    area: str
    period_start: int
    period_end: int
    status: str
    value: Decimal
    unit: str
    qualifier: str
    revision: int


#: The columns of ``observations`` an import writes, in the order of the row tuples.
_INSERT_COLUMNS = (
    "indicator",
    "area",
    "period_start",
    "period_end",
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
_VALUE, _RECORDED_AT = _INSERT_COLUMNS.index("value"), _INSERT_COLUMNS.index("recorded_at")


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
            o.id, o.indicator, o.area, o.period_start, o.period_end, o.status, o.revision
        ).where(o.id > before)
    )
    for row_id, *key in found:
        ids[tuple(key)] = row_id
    return [
        WrittenFigure(
            id=ids[(r[0], r[1], r[2], r[3], r[6], r[8])],
            indicator=r[0],
            area=r[1],
            period_start=r[2],
            period_end=r[3],
            status=r[6],
            value=r[_VALUE],
            unit=r[5],
            qualifier=r[7],
            revision=r[8],
        )
        for r in rows
    ]


def _to_observation(row: ObservationRow) -> Observation:
    return Observation(
        indicator=row.indicator,
        area=row.area,
        period=(row.period_start, row.period_end),
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

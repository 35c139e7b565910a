"""Definitions: resolutions (their reviewed text, every version), the indicators and
areas they define, the agencies responsible for indicators, and the documents kept
beside a resolution (its tasks and agencies files).

Indicators, areas and agencies are shared by every resolution: a definition that
contradicts a stored one is refused as a whole, never half-applied. A definition's
figures may be written with it in one transaction (:meth:`DefinitionsMixin.save_dataset`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.core.agencies import Agency, AgencyKind
from chitieu.core.model import (
    Aggregation,
    Area,
    Direction,
    Indicator,
    Measure,
    Resolution,
    Text,
    TimeAggregation,
)
from chitieu.core.observations import Observation
from chitieu.store.activity import audit
from chitieu.store.base import StoreBase, now
from chitieu.store.errors import ConflictError, NotFoundError, StoreError
from chitieu.store.figures import add_figures
from chitieu.store.records import AddResult
from chitieu.store.tables import (
    AgencyRow,
    AreaRow,
    DocumentRow,
    IndicatorAgencyRow,
    IndicatorRow,
    ResolutionRow,
    ResolutionVersionRow,
)


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


class DefinitionsMixin(StoreBase):
    """Resolutions and their versions, indicators, areas, agencies, and the documents
    kept beside a resolution."""

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
            added = add_figures(
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
                loaded_at=now(),
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
            row.time_aggregation = str(ind.time_aggregation)
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
                    time_aggregation=TimeAggregation(r.time_aggregation),
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

    # -- agencies --------------------------------------------------------------------

    def save_agencies(
        self,
        agencies: Sequence[Agency],
        assignments: Mapping[str, str],
        *,
        actor: str = "cli",
        dry_run: bool = False,
    ) -> None:
        """Add or rename agencies and (re)assign indicators to them, in one transaction."""
        with self._write(dry_run) as session:
            self._save_agencies(session, agencies, assignments, actor)

    @staticmethod
    def _save_agencies(
        session: Session, agencies: Sequence[Agency], assignments: Mapping[str, str], actor: str
    ) -> None:
        for agency in agencies:
            row = session.get(AgencyRow, agency.code)
            if row is None:
                session.add(
                    AgencyRow(
                        code=agency.code,
                        name_vi=agency.name.vi,
                        name_en=agency.name.en,
                        kind=str(agency.kind),
                    )
                )
            else:
                row.name_vi, row.name_en, row.kind = (
                    agency.name.vi,
                    agency.name.en,
                    str(agency.kind),
                )
        session.flush()
        known_agencies = set(session.scalars(sa.select(AgencyRow.code)))
        known_indicators = set(session.scalars(sa.select(IndicatorRow.code)))
        for indicator, agency_code in sorted(assignments.items()):
            if agency_code not in known_agencies:
                raise StoreError(f"indicator {indicator!r}: unknown agency {agency_code!r}")
            if indicator not in known_indicators:
                raise StoreError(f"unknown indicator {indicator!r}")
            assigned = session.get(IndicatorAgencyRow, indicator)
            if assigned is None:
                session.add(IndicatorAgencyRow(indicator=indicator, agency=agency_code))
            elif assigned.agency != agency_code:
                audit(
                    session,
                    actor,
                    "reassign",
                    "indicator",
                    indicator,
                    before={"agency": assigned.agency},
                    after={"agency": agency_code},
                )
                assigned.agency = agency_code

    def agencies(self) -> list[Agency]:
        with self._read() as session:
            rows = session.scalars(sa.select(AgencyRow).order_by(AgencyRow.code))
            return [
                Agency(r.code, Text(r.name_vi, r.name_en), AgencyKind(r.kind or "state"))
                for r in rows
            ]

    def indicator_agencies(self) -> dict[str, str]:
        with self._read() as session:
            rows = session.execute(
                sa.select(IndicatorAgencyRow.indicator, IndicatorAgencyRow.agency)
            )
            return {row.indicator: row.agency for row in rows}

    # -- documents beside a resolution (its tasks and agencies files) ----------------

    def save_document(
        self,
        resolution_id: str,
        kind: str,
        text: str,
        source_name: str,
        *,
        loaded_by: str = "cli",
        dry_run: bool = False,
    ) -> int:
        """Keep a new version of a resolution's tasks/agencies file; unchanged text: no-op."""
        with self._write(dry_run) as session:
            return self._save_document(session, resolution_id, kind, text, source_name, loaded_by)

    @staticmethod
    def _save_document(
        session: Session,
        resolution_id: str,
        kind: str,
        text: str,
        source_name: str,
        loaded_by: str,
    ) -> int:
        digest = checksum(text)
        if session.get(ResolutionRow, resolution_id) is None:
            raise NotFoundError(f"resolution {resolution_id!r} is not loaded")
        latest = session.scalar(
            sa.select(DocumentRow)
            .where(DocumentRow.resolution_id == resolution_id, DocumentRow.kind == kind)
            .order_by(DocumentRow.version.desc())
            .limit(1)
        )
        if latest is not None and latest.checksum == digest:
            return latest.version
        version = 1 if latest is None else latest.version + 1
        session.add(
            DocumentRow(
                resolution_id=resolution_id,
                kind=kind,
                version=version,
                text=text,
                checksum=digest,
                source_name=source_name,
                loaded_at=now(),
                loaded_by=loaded_by,
            )
        )
        return version

    def document(self, resolution_id: str, kind: str) -> tuple[str, str] | None:
        """The newest text of a resolution's document and its source name."""
        with self._read() as session:
            row = session.scalar(
                sa.select(DocumentRow)
                .where(DocumentRow.resolution_id == resolution_id, DocumentRow.kind == kind)
                .order_by(DocumentRow.version.desc())
                .limit(1)
            )
            return None if row is None else (row.text, row.source_name)


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

"""The tables, as SQLAlchemy 2 typed declarative models.

The schema itself is created only by the Alembic migrations in ``migrations/versions``;
these models must match them (``tests/store/test_migrations.py`` compares the two).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chitieu.core.periods import PARTS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class DecimalText(sa.types.TypeDecorator[Decimal]):
    """A :class:`~decimal.Decimal` kept exactly as its string, on every backend.

    SQLite has no exact decimal type; TEXT keeps ``Decimal("12.38")`` and
    ``Decimal("445995")`` (and their written scale) exactly on SQLite and PostgreSQL.
    """

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"expected Decimal, got {type(value).__name__}: {value!r}")
        if not value.is_finite():
            raise ValueError(f"cannot store non-finite value {value}")
        return str(value)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp (SQLite stores it naive, in UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone-aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


#: The SQL checks of the part, basis and time aggregation columns; migration 0004 writes
#: the same text (``tests/store/test_migrations.py`` compares the schemas).
PARTS_SQL = "(" + ", ".join(f"'{p}'" for p in ("", *PARTS)) + ")"
BASIS_SQL = "basis IN ('level', 'same_period', 'plan', 'previous_period') OR basis LIKE 'year:____'"
TIME_AGGREGATIONS = "('sum', 'none')"


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class ResolutionRow(Base):
    __tablename__ = "resolutions"

    id: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    title_vi: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    period_start: Mapped[int] = mapped_column(sa.Integer)
    period_end: Mapped[int] = mapped_column(sa.Integer)
    base_year: Mapped[int] = mapped_column(sa.Integer)
    current_version: Mapped[int] = mapped_column(sa.Integer)


class ResolutionVersionRow(Base):
    __tablename__ = "resolution_versions"
    __table_args__ = (
        sa.UniqueConstraint("resolution_id", "version", name="uq_resolution_versions_version"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    resolution_id: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("resolutions.id"))
    version: Mapped[int] = mapped_column(sa.Integer)
    definition_text: Mapped[str] = mapped_column(sa.Text)
    checksum: Mapped[str] = mapped_column(sa.Text)
    source_name: Mapped[str] = mapped_column(sa.Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    loaded_by: Mapped[str] = mapped_column(sa.Text)


class AreaRow(Base):
    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name_vi: Mapped[str] = mapped_column(sa.Text)
    name_en: Mapped[str] = mapped_column(sa.Text)
    parent: Mapped[str | None] = mapped_column(sa.Text)
    valid_from: Mapped[str | None] = mapped_column(sa.Text)
    valid_to: Mapped[str | None] = mapped_column(sa.Text)
    predecessors: Mapped[str] = mapped_column(sa.Text)  # JSON list of area codes


class IndicatorRow(Base):
    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name_vi: Mapped[str] = mapped_column(sa.Text)
    name_en: Mapped[str] = mapped_column(sa.Text)
    unit: Mapped[str] = mapped_column(sa.Text)
    direction: Mapped[str] = mapped_column(sa.Text)
    measure: Mapped[str] = mapped_column(sa.Text)
    aggregation: Mapped[str] = mapped_column(sa.Text)
    time_aggregation: Mapped[str] = mapped_column(sa.Text, server_default="none")

    __table_args__ = (
        sa.CheckConstraint(
            f"time_aggregation IN {TIME_AGGREGATIONS}", name="time_aggregation_known"
        ),
    )


class ObservationRow(Base):
    """One figure as recorded. Append-only: rows are never updated or deleted.

    ``part`` is the part of the year the figure covers ('' for whole years) and ``basis``
    what its number is measured against ('level' by default): both belong to the key, so
    a figure for "9 tháng" never takes a revision number of the year's figure.
    """

    __tablename__ = "observations"
    __table_args__ = (
        sa.UniqueConstraint(
            "indicator",
            "area",
            "period_start",
            "period_end",
            "part",
            "basis",
            "status",
            "revision",
            name="uq_observations_key_revision",
        ),
        sa.CheckConstraint("revision >= 1", name="revision_positive"),
        sa.CheckConstraint("period_start <= period_end", name="period_ordered"),
        sa.CheckConstraint(f"part IN {PARTS_SQL}", name="part_known"),
        sa.CheckConstraint("part = '' OR period_start = period_end", name="part_of_one_year"),
        sa.CheckConstraint(BASIS_SQL, name="basis_known"),
        sa.CheckConstraint(
            "status IN ('plan', 'estimate', 'preliminary', 'official')", name="status_known"
        ),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'approx', 'more_than', 'less_than')", name="qualifier_known"
        ),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    indicator: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("indicators.code"))
    area: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("areas.code"), index=True)
    period_start: Mapped[int] = mapped_column(sa.Integer)
    period_end: Mapped[int] = mapped_column(sa.Integer)
    part: Mapped[str] = mapped_column(sa.Text, server_default="")
    basis: Mapped[str] = mapped_column(sa.Text, server_default="level")
    value: Mapped[Decimal] = mapped_column(DecimalText)
    unit: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    qualifier: Mapped[str] = mapped_column(sa.Text)
    revision: Mapped[int] = mapped_column(sa.Integer)
    source_document: Mapped[str] = mapped_column(sa.Text)
    source_section: Mapped[str] = mapped_column(sa.Text)
    source_line: Mapped[int | None] = mapped_column(sa.Integer)
    source_url: Mapped[str] = mapped_column(sa.Text)
    source_date: Mapped[str] = mapped_column(sa.Text)
    source_quote: Mapped[str] = mapped_column(sa.Text)
    note: Mapped[str] = mapped_column(sa.Text)
    reason: Mapped[str] = mapped_column(sa.Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(sa.Text)
    dataset: Mapped[str] = mapped_column(sa.Text)


# -- agencies, documents beside a resolution -------------------------------------------


class AgencyRow(Base):
    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name_vi: Mapped[str] = mapped_column(sa.Text)
    name_en: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.Text)


class IndicatorAgencyRow(Base):
    """Which agency reports an indicator: the scope of an editor's data entry."""

    __tablename__ = "indicator_agencies"

    indicator: Mapped[str] = mapped_column(
        sa.Text, sa.ForeignKey("indicators.code"), primary_key=True
    )
    agency: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("agencies.code"))


class DocumentRow(Base):
    """A file that belongs to a resolution (tasks, agencies), kept as reviewed text."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.UniqueConstraint("resolution_id", "kind", "version", name="uq_documents_version"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    resolution_id: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("resolutions.id"))
    kind: Mapped[str] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(sa.Integer)
    text: Mapped[str] = mapped_column(sa.Text)
    checksum: Mapped[str] = mapped_column(sa.Text)
    source_name: Mapped[str] = mapped_column(sa.Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    loaded_by: Mapped[str] = mapped_column(sa.Text)


# -- accounts ----------------------------------------------------------------------------


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("role IN ('admin', 'reviewer', 'editor', 'viewer')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.Text, unique=True)
    display_name: Mapped[str] = mapped_column(sa.Text)
    password_hash: Mapped[str] = mapped_column(sa.Text)
    role: Mapped[str] = mapped_column(sa.Text)
    active: Mapped[bool] = mapped_column(sa.Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Bumped on password change or deactivation: sessions carry it and die with it.
    session_version: Mapped[int] = mapped_column(sa.Integer)


class UserAgencyRow(Base):
    __tablename__ = "user_agencies"

    user_id: Mapped[int] = mapped_column(sa.Integer, sa.ForeignKey("users.id"), primary_key=True)
    agency: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("agencies.code"), primary_key=True)


class ApiTokenRow(Base):
    """A machine client's token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(sa.Integer, sa.ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(sa.Text)
    token_hash: Mapped[str] = mapped_column(sa.Text, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(sa.Boolean)


class AppSettingRow(Base):
    """Installation-wide values that every process must share (the session secret)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)


# -- workflow, tasks, audit --------------------------------------------------------------


class ObservationReviewRow(Base):
    """One step of a figure's approval; the latest step is its state. Append-only."""

    __tablename__ = "observation_reviews"
    __table_args__ = (
        sa.CheckConstraint(
            "action IN ('submitted', 'approved', 'returned', 'reopened', 'withdrawn',"
            " 'superseded')",
            name="action_known",
        ),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    observation_id: Mapped[int] = mapped_column(
        sa.Integer, sa.ForeignKey("observations.id"), index=True
    )
    action: Mapped[str] = mapped_column(sa.Text)
    actor: Mapped[str] = mapped_column(sa.Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(sa.Text)


class ObservationJustificationRow(Base):
    """Why an implausible figure is right, written by whoever entered it. Append-only."""

    __tablename__ = "observation_justifications"

    observation_id: Mapped[int] = mapped_column(
        sa.Integer, sa.ForeignKey("observations.id"), primary_key=True
    )
    text: Mapped[str] = mapped_column(sa.Text)
    rules: Mapped[str] = mapped_column(sa.Text)  # the plausibility rules it broke, "a,b"
    recorded_by: Mapped[str] = mapped_column(sa.Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TaskUpdateRow(Base):
    """A progress report on a task, with its evidence. Append-only."""

    __tablename__ = "task_updates"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    resolution_id: Mapped[str] = mapped_column(sa.Text, sa.ForeignKey("resolutions.id"))
    task_id: Mapped[str] = mapped_column(sa.Text, index=True)
    reported_on: Mapped[str] = mapped_column(sa.Text)  # ISO date the progress refers to
    percent: Mapped[int | None] = mapped_column(sa.Integer)
    milestone: Mapped[str] = mapped_column(sa.Text)
    text: Mapped[str] = mapped_column(sa.Text)
    evidence: Mapped[str] = mapped_column(sa.Text)
    recorded_by: Mapped[str] = mapped_column(sa.Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """Who changed what, when, from which value to which, and why. Append-only."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(sa.Text, index=True)
    action: Mapped[str] = mapped_column(sa.Text)
    entity: Mapped[str] = mapped_column(sa.Text)
    entity_id: Mapped[str] = mapped_column(sa.Text)
    before: Mapped[str] = mapped_column(sa.Text)  # JSON
    after: Mapped[str] = mapped_column(sa.Text)  # JSON
    reason: Mapped[str] = mapped_column(sa.Text)

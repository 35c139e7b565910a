"""What the topic mixins of :class:`~chitieu.store.Store` may rely on.

The store is one object (like ``sqlite_utils.Database``), but its methods are kept in
modules by topic; each mixin gets its transactions from the same two methods.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.store.errors import ConflictError, StoreError
from chitieu.store.tables import AuditRow


class StoreMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...

        def _write(self, dry_run: bool = False) -> AbstractContextManager[Session]: ...


def now() -> datetime:
    return datetime.now(UTC)


def audit(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
    batch: list[dict[str, Any]] | None = None,
) -> None:
    """Record a change in the same transaction as the change itself: both or neither.

    With ``batch``, the row is appended there instead, for :func:`write_audit_batch`: an
    imported workbook audits 100.000 figures, and one ORM object each cost seconds.
    """
    values = audit_values(
        actor, action, entity, entity_id, before=before, after=after, reason=reason, at=at
    )
    if batch is not None:
        batch.append(values)
    else:
        session.add(AuditRow(**values))


def write_audit_batch(session: Session, batch: list[dict[str, Any]]) -> None:
    """Insert the audit rows collected by :func:`audit` in one bulk write."""
    bulk_insert(session, AuditRow.__table__, batch)


def bulk_insert(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows of one table in the session's transaction, by the driver's fastest
    path (SQLite: ``executemany``; PostgreSQL: ``COPY``): an import of 100.000 figures
    writes as many review steps and audit rows, and SQLAlchemy's generic path took seconds.

    Values go through the columns' own types (``UTCDateTime``, ``DecimalText``) first.
    """
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    names = list(rows[0])
    converters = []
    for name in names:
        convert = table.c[name].type.bind_processor(dialect)
        converters.append(convert)
    values = [
        tuple(
            row[name] if convert is None else convert(row[name])
            for name, convert in zip(names, converters, strict=True)
        )
        for row in rows
    ]
    columns = ", ".join(names)
    if dialect.name == "postgresql":
        copy_rows(conn, f"COPY {table.name} ({columns}) FROM STDIN", iter(values))
    else:
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", values)


def copy_rows(conn: sa.Connection, statement: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY, the fastest way in. Its errors become :class:`StoreError` like every
    other refused write (they bypass SQLAlchemy's exception wrapping); a unique key taken by
    a concurrent writer becomes :class:`ConflictError`: reload and look again."""
    import psycopg  # only with PostgreSQL, whose driver it is

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.errors.UniqueViolation as exc:
        raise ConflictError(CLASH_MESSAGE) from exc
    except psycopg.Error as exc:
        raise StoreError(f"database refused the write: {exc}") from exc


# The unique key (indicator, area, period, status, revision) is the last guard: a
# concurrent writer took this revision first. Never overwrite; the caller reloads.
CLASH_MESSAGE = (
    "another submission for the same figure was saved at the same moment;"
    " reload and check the newer figure"
)


def audit_values(
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """An audit row's columns, for bulk inserts of many changes (an imported workbook)."""
    return {
        "at": at or now(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": json.dumps(before or {}, ensure_ascii=False, sort_keys=True, default=str),
        "after": json.dumps(after or {}, ensure_ascii=False, sort_keys=True, default=str),
        "reason": reason,
    }

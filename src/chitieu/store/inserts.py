"""Many rows in one write: the bulk paths of the parts that import figures by the
hundred thousand (the figures, their review steps, their audit rows)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.store.errors import ConflictError, StoreError


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

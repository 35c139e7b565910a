"""Restoring an archive into an empty store, in one transaction: all rows or none.

Every value is checked on the way in (:class:`_Decoder`), and the tables are read back
and hashed again before the commit.
"""

from __future__ import annotations

import hashlib
import json
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from chitieu.store import db
from chitieu.store.archive.contents import BATCH, is_secret_setting, require_head, table_lines
from chitieu.store.archive.format import (
    ArchiveError,
    Manifest,
    StoreNotEmptyError,
    TableEntry,
    bad,
)
from chitieu.store.archive.older import added_columns
from chitieu.store.archive.values import CODECS, column_kind
from chitieu.store.archive.verifying import (
    check_digest,
    matched_tables,
    member_lines,
    open_zip,
    verify,
)
from chitieu.store.errors import StoreError


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    rows: Mapping[str, int]
    dry_run: bool
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class _Decoder:
    """Turns the lines of one table's member into rows to insert, checking every value.

    Built once per table: the per-value work is one dictionary lookup and one loader.
    """

    def __init__(
        self, path: Path, entry: TableEntry, table: sa.Table, added: Mapping[str, Any]
    ) -> None:
        self.path, self.entry = path, entry
        self.added = dict(added)
        archived = [c for c in table.columns if c.name not in added]
        self.names = frozenset(c.name for c in archived)
        self.columns = [(c.name, c.nullable, CODECS[column_kind(c)][1]) for c in archived]

    def __call__(self, number: int, line: bytes) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise self._bad(number, "", "không phải JSON", f"not JSON: {exc}") from exc
        if not isinstance(record, dict) or record.keys() != self.names:
            raise self._bad(number, "", "sai cột", "not an object with the table's columns")
        for name, nullable, load in self.columns:
            value = record[name]
            if value is None:
                if not nullable:
                    raise self._bad(number, name, "thiếu giá trị", "null in a required column")
                continue
            try:
                record[name] = load(value)
            except TypeError as exc:
                raise self._bad(number, name, str(exc), str(exc)) from exc
        if self.added:
            record.update(self.added)  # an older archive: the columns added since
        return record

    def _bad(self, number: int, column: str, vi: str, en: str) -> ArchiveError:
        where = f"{self.entry.file}, dòng {number} (line {number})"
        if column:
            return bad(self.path, f"{where}, cột {column}: {vi}", f"{where}, column {column}: {en}")
        return bad(self.path, f"{where}: {vi}", f"{where}: {en}")


def _counts(conn: sa.Connection, tables: Sequence[sa.Table]) -> dict[str, int]:
    """Rows an archive would hold, per table (secret settings do not count)."""
    counts: dict[str, int] = {}
    for table in tables:
        if table.name == "app_settings":
            keys = conn.scalars(sa.select(table.c.key)).all()
            counts[table.name] = sum(1 for k in keys if not is_secret_setting(k))
        else:
            counts[table.name] = conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0
    return counts


def _reset_sequences(conn: sa.Connection, tables: Sequence[sa.Table]) -> None:
    """Explicit ids do not advance PostgreSQL's sequences: move each past the largest id."""
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        conn.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence(:table, :column),"
                f' COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": table.name, "column": column.name},
        )


def restore(engine: sa.Engine, path: Path, *, dry_run: bool = False) -> RestoreReport:
    """Restore an archive into an empty store, in one transaction: all rows or none.

    The archive is verified first (format, version, schema, checksums); after inserting,
    the tables are read back and hashed again inside the transaction, so a commit means
    the store now holds exactly what was archived. ``dry_run`` does all of it and rolls
    back.
    """
    started = time.perf_counter()
    path = Path(path)
    manifest = verify(path)
    pairs = matched_tables(path, manifest)
    tables = [t for t, _ in pairs]
    writer = engine.execution_options(**{db.WRITE: True})
    try:
        require_head(engine)
        with writer.connect() as conn, open_zip(path) as archive:
            transaction = conn.begin()
            try:
                if engine.dialect.name == "postgresql":
                    names = ", ".join(f'"{t.name}"' for t in tables)
                    conn.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
                held = {name: n for name, n in _counts(conn, tables).items() if n}
                if held:
                    listing = ", ".join(f"{name} {n}" for name, n in held.items())
                    raise StoreNotEmptyError(
                        f"cơ sở dữ liệu đích không trống ({listing} dòng): chỉ khôi phục vào cơ"
                        " sở dữ liệu mới, trống, ví dụ --database-url sqlite:///moi.sqlite3"
                        " (the target store is not empty: restore into a new, empty database)"
                    )
                revision = manifest.schema_revision
                for table, entry in pairs:
                    _insert(conn, path, archive, table, entry, added_columns(revision, table.name))
                if engine.dialect.name == "postgresql":
                    _reset_sequences(conn, tables)
                for table, entry in pairs:
                    digest = hashlib.sha256()
                    count = 0
                    archived = [name for name, _kind in entry.columns]
                    for line in table_lines(conn, table, archived):
                        digest.update(line)
                        count += 1
                    check_digest(
                        path, entry, count, digest.hexdigest(), ("sau khi ghi, ", "read back: ")
                    )
            except BaseException:
                transaction.rollback()
                raise
            if dry_run:
                transaction.rollback()
            else:
                transaction.commit()
    except sa.exc.DBAPIError as exc:
        raise StoreError(
            f"cơ sở dữ liệu từ chối khôi phục (database refused the restore): {exc.orig}"
        ) from exc
    rows = {entry.name: entry.rows for _, entry in pairs}
    return RestoreReport(manifest, rows, dry_run, time.perf_counter() - started)


def _insert(
    conn: sa.Connection,
    path: Path,
    archive: zipfile.ZipFile,
    table: sa.Table,
    entry: TableEntry,
    added: Mapping[str, Any],
) -> None:
    batch: list[dict[str, Any]] = []
    first = 1
    number = 0
    decode = _Decoder(path, entry, table, added)
    for number, line in enumerate(member_lines(path, archive, entry.file), start=1):
        batch.append(decode(number, line))
        if len(batch) >= BATCH:
            _insert_batch(conn, table, batch, first, number)
            batch, first = [], number + 1
    if batch:
        _insert_batch(conn, table, batch, first, number)


def _insert_batch(
    conn: sa.Connection, table: sa.Table, batch: list[dict[str, Any]], first: int, last: int
) -> None:
    try:
        conn.execute(table.insert(), batch)
    except sa.exc.DBAPIError as exc:
        raise StoreError(
            f"bảng {table.name}, dòng {first}–{last}: cơ sở dữ liệu từ chối"
            f" (table {table.name}, lines {first}-{last}: database refused): {exc.orig}"
        ) from exc

"""Writing an archive: every table read in one consistent snapshot, then the manifest.

The zip's members carry a fixed time, so the same rows give the same bytes; a dump to a
file replaces it atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import sqlalchemy as sa

from chitieu import __version__
from chitieu.store.archive.contents import (
    archived_tables,
    excluded_settings,
    require_head,
    table_lines,
)
from chitieu.store.archive.format import (
    FORMAT_VERSION,
    MANIFEST,
    TABLE_FOLDER,
    Manifest,
    TableEntry,
)
from chitieu.store.archive.values import table_columns
from chitieu.store.errors import StoreError

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member time: the same rows give the same bytes
_CHUNK = 1 << 16


def _snapshot(engine: sa.Engine) -> sa.Connection:
    """A connection whose transaction sees one consistent state of every table.

    PostgreSQL's default READ COMMITTED gives each statement its own snapshot: a figure
    approved between two SELECTs would appear without its observation. SQLite's WAL read
    transaction is a snapshot already.
    """
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return conn


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def dump(engine: sa.Engine, stream: IO[bytes]) -> Manifest:
    """Write the archive of the store behind ``engine`` to a binary stream."""
    try:
        return _dump(engine, stream)
    except sa.exc.DBAPIError as exc:
        raise StoreError(
            f"không đọc được cơ sở dữ liệu (cannot read the database): {exc.orig}"
        ) from exc


def _dump(engine: sa.Engine, stream: IO[bytes]) -> Manifest:
    tables = archived_tables()
    revision = require_head(engine)
    entries: list[TableEntry] = []
    with (
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        _snapshot(engine) as conn,
        conn.begin(),
    ):
        for table in tables:
            path = f"{TABLE_FOLDER}/{table.name}.jsonl"
            digest = hashlib.sha256()
            count = size = 0
            with archive.open(_member(path), "w", force_zip64=True) as out:
                buffer: list[bytes] = []
                buffered = 0
                for line in table_lines(conn, table):
                    digest.update(line)
                    count += 1
                    size += len(line)
                    buffer.append(line)
                    buffered += len(line)
                    if buffered >= _CHUNK:
                        out.write(b"".join(buffer))
                        buffer, buffered = [], 0
                out.write(b"".join(buffer))
            entries.append(
                TableEntry(table.name, path, count, size, digest.hexdigest(), table_columns(table))
            )
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            chitieu_version=__version__,
            schema_revision=revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            source_dialect=engine.dialect.name,
            tables=tuple(entries),
            excluded=excluded_settings(conn),
        )
        text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2) + "\n"
        archive.writestr(_member(MANIFEST), text.encode())
    return manifest


def dump_to_file(engine: sa.Engine, path: Path) -> Manifest:
    """Dump to ``path`` atomically: a crash leaves the old file (or none), never half of one."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(
            f"không có thư mục {directory} để ghi {path.name} (no such folder: {directory})"
        )
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as stream:
            manifest = dump(engine, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest

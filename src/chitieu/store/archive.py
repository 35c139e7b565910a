"""Dump and restore: the whole store as one versioned archive (docs/archive-format.md).

A backup must survive a move between SQLite and PostgreSQL and lose nothing: every
version of a definition, every revision of a figure, every review step and audit row,
with their primary keys, so that references between them (and to them, in the audit
log) stay valid. The archive is a zip of one JSON-lines file per table plus a manifest
with row counts and a SHA-256 per table; the payload of a table depends only on its rows,
so dump → restore → dump gives byte-identical tables on either backend.

Secrets are not archived: the session secret (and any setting named like a secret) stays
in the installation it belongs to; a restored installation makes a new one, which ends
every old session. Passwords and API tokens exist in the store only as hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from chitieu import __version__
from chitieu.store import db, migrate
from chitieu.store.errors import ConflictError, StoreError
from chitieu.store.tables import Base, DecimalText, UTCDateTime

FORMAT = "chitieu-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLE_FOLDER = "tables"

#: Every table of the schema, in an order where each table follows those it references.
#: A table missing here makes :func:`archived_tables` (and so every dump) refuse to run:
#: an archive that silently leaves a table out is worse than none.
ARCHIVED_TABLES: tuple[str, ...] = (
    "resolutions",
    "resolution_versions",
    "areas",
    "indicators",
    "agencies",
    "indicator_agencies",
    "documents",
    "observations",
    "observation_reviews",
    "task_updates",
    "users",
    "user_agencies",
    "api_tokens",
    "app_settings",
    "audit_log",
)

#: A setting whose key contains one of these words is a secret and is not archived.
SECRET_WORDS: tuple[str, ...] = ("secret", "password", "token", "private")

_MANIFEST_LIMIT = 1 << 20  # bytes: a manifest is a few kilobytes; refuse a bomb
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member time: the same rows give the same bytes
_BATCH = 1000
# One encoder for every line (json.dumps with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CHUNK = 1 << 16


class ArchiveError(ValueError):
    """The file is not a usable archive (not a zip, truncated, altered, from another version).

    Nothing was written. The message is Vietnamese first, then English in parentheses.
    """


class StoreNotEmptyError(ConflictError):
    """A restore goes into an empty store only: merging two histories would renumber rows."""


def is_secret_setting(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in SECRET_WORDS)


# -- columns ---------------------------------------------------------------------------

_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _dump_decimal(value: Decimal) -> str:
    return str(value)


def _load_decimal(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise TypeError("expected a decimal written as a JSON string")
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise TypeError(f"{value!r} is not a decimal number") from exc
    if not number.is_finite() or str(number) != value:
        raise TypeError(f"{value!r} is not a finite decimal in canonical form")
    return number


def _dump_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _load_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("expected an ISO-8601 time as a JSON string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise TypeError(f"{value!r} is not an ISO-8601 time") from exc
    if parsed.tzinfo is None:
        raise TypeError(f"{value!r} has no time zone (archives hold UTC times)")
    return parsed.astimezone(UTC)


def _same(value: Any) -> Any:
    return value


def _load_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an integer")
    return value


def _load_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _load_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a JSON string")
    return value


_CODECS: dict[str, _Codec] = {
    "decimal": (_dump_decimal, _load_decimal),
    "datetime": (_dump_datetime, _load_datetime),
    "integer": (_same, _load_int),
    "boolean": (_same, _load_bool),
    "text": (_same, _load_text),
}


def column_kind(column: sa.Column[Any]) -> str:
    """The archive's name for a column type; a type without one cannot be archived."""
    kind = column.type
    if isinstance(kind, DecimalText):
        return "decimal"
    if isinstance(kind, UTCDateTime):
        return "datetime"
    if isinstance(kind, sa.Boolean):
        return "boolean"
    if isinstance(kind, sa.Integer):
        return "integer"
    if isinstance(kind, sa.String):  # sa.Text is a String
        return "text"
    raise ArchiveError(
        f"cột {column.table.name}.{column.name} có kiểu {kind!r} chưa có cách ghi vào bản lưu"
        f" (column type has no archive encoding: add one to chitieu.store.archive)"
    )


def archived_tables(metadata: sa.MetaData = Base.metadata) -> list[sa.Table]:
    """The tables to archive, in :data:`ARCHIVED_TABLES` order; refuses an incomplete list."""
    missing = sorted(set(metadata.tables) - set(ARCHIVED_TABLES))
    if missing:
        raise ArchiveError(
            f"bảng {', '.join(missing)} chưa có trong danh sách bản lưu"
            " (tables missing from chitieu.store.archive.ARCHIVED_TABLES: an archive without"
            " them would be incomplete)"
        )
    tables = [metadata.tables[name] for name in ARCHIVED_TABLES if name in metadata.tables]
    position = {t.name: i for i, t in enumerate(tables)}
    for table in tables:
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target != table.name and position.get(target, -1) > position[table.name]:
                raise ArchiveError(
                    f"bảng {table.name} phải đứng sau {target} (ARCHIVED_TABLES order:"
                    f" {table.name} references {target})"
                )
    for table in tables:
        for column in table.columns:
            column_kind(column)
    return tables


# -- manifest --------------------------------------------------------------------------


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    rows: int
    bytes: int
    sha256: str
    columns: tuple[tuple[str, str], ...]  # name, kind


@dataclass(frozen=True)
class Manifest:
    format_version: int
    chitieu_version: str
    schema_revision: str
    created_at: str
    source_dialect: str
    tables: tuple[TableEntry, ...]
    excluded: Mapping[str, tuple[str, ...]]

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "chitieu_version": self.chitieu_version,
            "schema_revision": self.schema_revision,
            "created_at": self.created_at,
            "source_dialect": self.source_dialect,
            "tables": [
                {
                    "name": t.name,
                    "file": t.file,
                    "rows": t.rows,
                    "bytes": t.bytes,
                    "sha256": t.sha256,
                    "columns": [{"name": n, "type": k} for n, k in t.columns],
                }
                for t in self.tables
            ],
            "excluded": {name: list(keys) for name, keys in self.excluded.items()},
        }


def _columns(table: sa.Table) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, column_kind(c)) for c in table.columns)


# -- reading the store ------------------------------------------------------------------


def _rows(conn: sa.Connection, table: sa.Table) -> Iterator[Sequence[Any]]:
    """The kept rows of a table in primary-key order, the same on every backend.

    Integer keys sort alike everywhere; text keys would follow the PostgreSQL database's
    collation, so those (small) tables are sorted here by code point instead.
    """
    keys = list(table.primary_key.columns)
    stmt = sa.select(table)
    if table.name != "app_settings" and all(isinstance(k.type, sa.Integer) for k in keys):
        yield from conn.execute(stmt.order_by(*keys).execution_options(yield_per=_BATCH))
        return
    rows = conn.execute(stmt).all()
    if table.name == "app_settings":
        rows = [r for r in rows if not is_secret_setting(r.key)]
    index = [list(table.columns).index(k) for k in keys]
    yield from sorted(rows, key=lambda r: tuple(r[i] for i in index))


def _lines(conn: sa.Connection, table: sa.Table) -> Iterator[bytes]:
    names = [c.name for c in table.columns]
    dumpers = [_CODECS[column_kind(c)][0] for c in table.columns]
    encode = _ENCODER.encode
    for row in _rows(conn, table):
        record = {
            name: None if value is None else dump(value)
            for name, dump, value in zip(names, dumpers, row, strict=True)
        }
        yield (encode(record) + "\n").encode()


def _excluded(conn: sa.Connection) -> dict[str, tuple[str, ...]]:
    settings = Base.metadata.tables["app_settings"]
    keys = conn.scalars(sa.select(settings.c.key)).all()
    secret = tuple(sorted(k for k in keys if is_secret_setting(k)))
    return {"app_settings": secret} if secret else {}


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


# -- dump ------------------------------------------------------------------------------


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _require_head(engine: sa.Engine) -> str:
    revision = migrate.current_revision(engine)
    head = migrate.head_revision()
    if revision != head:
        raise StoreError(
            f"cơ sở dữ liệu ở lược đồ {revision or '—'}, chitieu này cần {head}; chạy"
            f" `chitieu init` trước (the store is at schema revision {revision or 'none'},"
            f" this chitieu needs {head}: run `chitieu init` first)"
        )
    return head


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
    revision = _require_head(engine)
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
                for line in _lines(conn, table):
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
                TableEntry(table.name, path, count, size, digest.hexdigest(), _columns(table))
            )
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            chitieu_version=__version__,
            schema_revision=revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            source_dialect=engine.dialect.name,
            tables=tuple(entries),
            excluded=_excluded(conn),
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


# -- reading an archive ----------------------------------------------------------------


def _bad(path: Path, vi: str, en: str) -> ArchiveError:
    return ArchiveError(f"'{path}': {vi} ({en})")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise _bad(
            path,
            "không phải bản lưu chitieu: tệp không phải zip hoặc đã bị cắt cụt",
            f"not a chitieu archive: not a zip file, or truncated: {exc}",
        ) from exc


def _need(path: Path, data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(
            path,
            f"{MANIFEST}: {where} thiếu hoặc sai trường '{key}'",
            f"{MANIFEST}: {where} field '{key}' missing or not a {kind.__name__}",
        )
    return value


def read_manifest(path: Path) -> Manifest:
    """The manifest, checked against what this chitieu can restore (format, version, schema)."""
    path = Path(path)
    with _open_zip(path) as archive:
        try:
            info = archive.getinfo(MANIFEST)
        except KeyError:
            raise _bad(
                path,
                f"không phải bản lưu chitieu: thiếu {MANIFEST}",
                f"not a chitieu archive: no {MANIFEST}",
            ) from None
        if info.file_size > _MANIFEST_LIMIT:
            raise _bad(path, f"{MANIFEST} quá lớn", f"{MANIFEST} is too large")
        try:
            data = json.loads(_read_member(path, archive, MANIFEST))
        except ValueError as exc:
            raise _bad(
                path, f"{MANIFEST} không phải JSON hợp lệ", f"{MANIFEST} is not valid JSON: {exc}"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _bad(
                path,
                f"không phải bản lưu chitieu (format khác '{FORMAT}')",
                f"not a chitieu archive: format is not '{FORMAT}'",
            )
        manifest = _parse_manifest(path, data)
        names = set(archive.namelist())
    missing_files = [t.file for t in manifest.tables if t.file not in names]
    if missing_files:
        raise _bad(
            path,
            f"thiếu tệp {', '.join(missing_files)}",
            f"files listed in the manifest are missing: {', '.join(missing_files)}",
        )
    return manifest


def _parse_manifest(path: Path, data: dict[str, Any]) -> Manifest:
    version = _need(path, data, "format_version", int, "")
    written_by = (
        data.get("chitieu_version") if isinstance(data.get("chitieu_version"), str) else "?"
    )
    if version > FORMAT_VERSION:
        raise _bad(
            path,
            f"bản lưu định dạng phiên bản {version}, chitieu {__version__} chỉ đọc đến phiên bản"
            f" {FORMAT_VERSION}; hãy nâng cấp chitieu (ít nhất {written_by}) rồi khôi phục lại",
            f"archive format version {version} is newer than this chitieu {__version__} reads"
            f" ({FORMAT_VERSION}): upgrade chitieu to at least {written_by}, then restore",
        )
    if version < 1:
        raise _bad(
            path, f"phiên bản định dạng {version} không hợp lệ", f"bad format_version {version}"
        )
    revision = _need(path, data, "schema_revision", str, "")
    head = migrate.head_revision()
    if revision != head:
        raise _bad(
            path,
            f"bản lưu ở lược đồ {revision}, chitieu {__version__} ở lược đồ {head}; hãy khôi phục"
            f" bằng chitieu {written_by} (cùng lược đồ), chạy `chitieu init` để nâng cấp, rồi dump"
            " lại",
            f"the archive is at schema revision {revision}, this chitieu {__version__} at"
            f" {head}: restore it with chitieu {written_by} (same schema), run `chitieu init` to"
            " upgrade, then dump again",
        )
    tables: list[TableEntry] = []
    for number, item in enumerate(_need(path, data, "tables", list, ""), start=1):
        where = f"tables[{number}]"
        if not isinstance(item, dict):
            raise _bad(path, f"{MANIFEST}: {where} sai", f"{MANIFEST}: {where} is not an object")
        columns = []
        for col in _need(path, item, "columns", list, where):
            if not isinstance(col, dict):
                raise _bad(path, f"{MANIFEST}: {where} sai", f"{MANIFEST}: {where} bad column")
            columns.append(
                (_need(path, col, "name", str, where), _need(path, col, "type", str, where))
            )
        tables.append(
            TableEntry(
                name=_need(path, item, "name", str, where),
                file=_need(path, item, "file", str, where),
                rows=_need(path, item, "rows", int, where),
                bytes=_need(path, item, "bytes", int, where),
                sha256=_need(path, item, "sha256", str, where),
                columns=tuple(columns),
            )
        )
    excluded_raw = data.get("excluded", {})
    excluded = (
        {k: tuple(str(x) for x in v) for k, v in excluded_raw.items() if isinstance(v, list)}
        if isinstance(excluded_raw, dict)
        else {}
    )
    return Manifest(
        format_version=version,
        chitieu_version=str(written_by),
        schema_revision=revision,
        created_at=str(data.get("created_at", "")),
        source_dialect=str(data.get("source_dialect", "")),
        tables=tuple(tables),
        excluded=excluded,
    )


def _read_member(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _bad(path, f"{name} bị hỏng", f"{name} is damaged: {exc}") from exc


def _member_lines(path: Path, archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The lines of a member; a damaged zip becomes an :class:`ArchiveError` naming it."""
    try:
        with archive.open(name) as member:
            yield from member
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _bad(path, f"{name} bị hỏng", f"{name} is damaged: {exc}") from exc


def _matched_tables(path: Path, manifest: Manifest) -> list[tuple[sa.Table, TableEntry]]:
    """Pair each table of the schema with its entry; same tables, same columns, or refuse."""
    tables = archived_tables()
    entries = {t.name: t for t in manifest.tables}
    expected = {t.name for t in tables}
    missing = sorted(expected - set(entries))
    unknown = sorted(set(entries) - expected)
    if missing or unknown or len(entries) != len(manifest.tables):
        raise _bad(
            path,
            f"danh sách bảng không khớp (thiếu: {', '.join(missing) or '—'};"
            f" lạ: {', '.join(unknown) or '—'})",
            f"the tables do not match this schema (missing: {', '.join(missing) or '-'};"
            f" unknown: {', '.join(unknown) or '-'}; or listed twice)",
        )
    pairs = []
    for table in tables:
        entry = entries[table.name]
        if entry.columns != _columns(table):
            raise _bad(
                path,
                f"cột của bảng {table.name} không khớp lược đồ",
                f"the columns of table {table.name} do not match the schema:"
                f" {list(entry.columns)} vs {list(_columns(table))}",
            )
        if entry.file != f"{TABLE_FOLDER}/{table.name}.jsonl":
            raise _bad(path, f"tên tệp lạ {entry.file!r}", f"unexpected file name {entry.file!r}")
        pairs.append((table, entry))
    return pairs


def verify(path: Path) -> Manifest:
    """Check the manifest and every table's row count and SHA-256, writing nothing."""
    path = Path(path)
    manifest = read_manifest(path)
    pairs = _matched_tables(path, manifest)
    with _open_zip(path) as archive:
        for _table, entry in pairs:
            digest = hashlib.sha256()
            count = 0
            for line in _member_lines(path, archive, entry.file):
                digest.update(line)
                count += 1
            _check_digest(path, entry, count, digest.hexdigest())
    return manifest


def _check_digest(
    path: Path, entry: TableEntry, rows: int, sha: str, when: tuple[str, str] = ("", "")
) -> None:
    if sha != entry.sha256 or rows != entry.rows:
        raise _bad(
            path,
            f"{when[0]}bảng {entry.name}: tổng kiểm tra hoặc số dòng không khớp ({rows} dòng,"
            f" sha256 {sha[:12]}…; bản kê ghi {entry.rows} dòng, {entry.sha256[:12]}…): tệp đã"
            " bị sửa hoặc hỏng",
            f"{when[1]}table {entry.name}: checksum or row count differs from the manifest:"
            " the file was altered or damaged",
        )


# -- restore ---------------------------------------------------------------------------


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

    def __init__(self, path: Path, entry: TableEntry, table: sa.Table) -> None:
        self.path, self.entry = path, entry
        self.names = frozenset(table.columns.keys())
        self.columns = [(c.name, c.nullable, _CODECS[column_kind(c)][1]) for c in table.columns]

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
        return record

    def _bad(self, number: int, column: str, vi: str, en: str) -> ArchiveError:
        where = f"{self.entry.file}, dòng {number} (line {number})"
        if column:
            return _bad(
                self.path, f"{where}, cột {column}: {vi}", f"{where}, column {column}: {en}"
            )
        return _bad(self.path, f"{where}: {vi}", f"{where}: {en}")


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
    pairs = _matched_tables(path, manifest)
    tables = [t for t, _ in pairs]
    writer = engine.execution_options(**{db.WRITE: True})
    try:
        _require_head(engine)
        with writer.connect() as conn, _open_zip(path) as archive:
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
                for table, entry in pairs:
                    _insert(conn, path, archive, table, entry)
                if engine.dialect.name == "postgresql":
                    _reset_sequences(conn, tables)
                for table, entry in pairs:
                    digest = hashlib.sha256()
                    count = 0
                    for line in _lines(conn, table):
                        digest.update(line)
                        count += 1
                    _check_digest(
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
    conn: sa.Connection, path: Path, archive: zipfile.ZipFile, table: sa.Table, entry: TableEntry
) -> None:
    batch: list[dict[str, Any]] = []
    first = 1
    number = 0
    decode = _Decoder(path, entry, table)
    for number, line in enumerate(_member_lines(path, archive, entry.file), start=1):
        batch.append(decode(number, line))
        if len(batch) >= _BATCH:
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

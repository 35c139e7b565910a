"""Reading an archive back: the manifest checked against what this chitieu can restore
(format, version, schema, tables, columns), and every table's row count and SHA-256.

Whatever is wrong becomes an :class:`~chitieu.store.archive.format.ArchiveError` that
names the file and the member at fault, Vietnamese first, then English.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from chitieu import __version__
from chitieu.store import migrate
from chitieu.store.archive.contents import archived_tables
from chitieu.store.archive.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    TABLE_FOLDER,
    Manifest,
    TableEntry,
    bad,
)
from chitieu.store.archive.older import added_columns, restorable
from chitieu.store.archive.values import table_columns

_MANIFEST_LIMIT = 1 << 20  # bytes: a manifest is a few kilobytes; refuse a bomb


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise bad(
            path,
            "không phải bản lưu chitieu: tệp không phải zip hoặc đã bị cắt cụt",
            f"not a chitieu archive: not a zip file, or truncated: {exc}",
        ) from exc


def _need(path: Path, data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad(
            path,
            f"{MANIFEST}: {where} thiếu hoặc sai trường '{key}'",
            f"{MANIFEST}: {where} field '{key}' missing or not a {kind.__name__}",
        )
    return value


def read_manifest(path: Path) -> Manifest:
    """The manifest, checked against what this chitieu can restore (format, version, schema)."""
    path = Path(path)
    with open_zip(path) as archive:
        try:
            info = archive.getinfo(MANIFEST)
        except KeyError:
            raise bad(
                path,
                f"không phải bản lưu chitieu: thiếu {MANIFEST}",
                f"not a chitieu archive: no {MANIFEST}",
            ) from None
        if info.file_size > _MANIFEST_LIMIT:
            raise bad(path, f"{MANIFEST} quá lớn", f"{MANIFEST} is too large")
        try:
            data = json.loads(_read_member(path, archive, MANIFEST))
        except ValueError as exc:
            raise bad(
                path, f"{MANIFEST} không phải JSON hợp lệ", f"{MANIFEST} is not valid JSON: {exc}"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise bad(
                path,
                f"không phải bản lưu chitieu (format khác '{FORMAT}')",
                f"not a chitieu archive: format is not '{FORMAT}'",
            )
        manifest = _parse_manifest(path, data)
        names = set(archive.namelist())
    missing_files = [t.file for t in manifest.tables if t.file not in names]
    if missing_files:
        raise bad(
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
        raise bad(
            path,
            f"bản lưu định dạng phiên bản {version}, chitieu {__version__} chỉ đọc đến phiên bản"
            f" {FORMAT_VERSION}; hãy nâng cấp chitieu (ít nhất {written_by}) rồi khôi phục lại",
            f"archive format version {version} is newer than this chitieu {__version__} reads"
            f" ({FORMAT_VERSION}): upgrade chitieu to at least {written_by}, then restore",
        )
    if version < 1:
        raise bad(
            path, f"phiên bản định dạng {version} không hợp lệ", f"bad format_version {version}"
        )
    revision = _need(path, data, "schema_revision", str, "")
    head = migrate.head_revision()
    if not restorable(revision, head):
        raise bad(
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
            raise bad(path, f"{MANIFEST}: {where} sai", f"{MANIFEST}: {where} is not an object")
        columns = []
        for col in _need(path, item, "columns", list, where):
            if not isinstance(col, dict):
                raise bad(path, f"{MANIFEST}: {where} sai", f"{MANIFEST}: {where} bad column")
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
        raise bad(path, f"{name} bị hỏng", f"{name} is damaged: {exc}") from exc


def member_lines(path: Path, archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The lines of a member; a damaged zip becomes an :class:`ArchiveError` naming it."""
    try:
        with archive.open(name) as member:
            yield from member
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise bad(path, f"{name} bị hỏng", f"{name} is damaged: {exc}") from exc


def matched_tables(path: Path, manifest: Manifest) -> list[tuple[sa.Table, TableEntry]]:
    """Pair each table of the schema with its entry; same tables, same columns, or refuse.

    An archive at an older restorable revision lacks the columns added since
    (:mod:`.older`); it has every other column, in the schema's order.
    """
    tables = archived_tables()
    entries = {t.name: t for t in manifest.tables}
    expected = {t.name for t in tables}
    missing = sorted(expected - set(entries))
    unknown = sorted(set(entries) - expected)
    if missing or unknown or len(entries) != len(manifest.tables):
        raise bad(
            path,
            f"danh sách bảng không khớp (thiếu: {', '.join(missing) or '—'};"
            f" lạ: {', '.join(unknown) or '—'})",
            f"the tables do not match this schema (missing: {', '.join(missing) or '-'};"
            f" unknown: {', '.join(unknown) or '-'}; or listed twice)",
        )
    pairs = []
    for table in tables:
        entry = entries[table.name]
        added = added_columns(manifest.schema_revision, table.name)
        expected_columns = tuple(c for c in table_columns(table) if c[0] not in added)
        if entry.columns != expected_columns:
            raise bad(
                path,
                f"cột của bảng {table.name} không khớp lược đồ",
                f"the columns of table {table.name} do not match the schema:"
                f" {list(entry.columns)} vs {list(expected_columns)}",
            )
        if entry.file != f"{TABLE_FOLDER}/{table.name}.jsonl":
            raise bad(path, f"tên tệp lạ {entry.file!r}", f"unexpected file name {entry.file!r}")
        pairs.append((table, entry))
    return pairs


def verify(path: Path) -> Manifest:
    """Check the manifest and every table's row count and SHA-256, writing nothing."""
    path = Path(path)
    manifest = read_manifest(path)
    pairs = matched_tables(path, manifest)
    with open_zip(path) as archive:
        for _table, entry in pairs:
            digest = hashlib.sha256()
            count = 0
            for line in member_lines(path, archive, entry.file):
                digest.update(line)
                count += 1
            check_digest(path, entry, count, digest.hexdigest())
    return manifest


def check_digest(
    path: Path, entry: TableEntry, rows: int, sha: str, when: tuple[str, str] = ("", "")
) -> None:
    if sha != entry.sha256 or rows != entry.rows:
        raise bad(
            path,
            f"{when[0]}bảng {entry.name}: tổng kiểm tra hoặc số dòng không khớp ({rows} dòng,"
            f" sha256 {sha[:12]}…; bản kê ghi {entry.rows} dòng, {entry.sha256[:12]}…): tệp đã"
            " bị sửa hoặc hỏng",
            f"{when[1]}table {entry.name}: checksum or row count differs from the manifest:"
            " the file was altered or damaged",
        )

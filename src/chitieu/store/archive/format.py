"""The archive format: its fixed names, the manifest that describes an archive, its errors.

docs/archive-format.md describes the format for people; this module is its definition
for the code that writes (:mod:`.dumping`) and reads (:mod:`.verifying`,
:mod:`.restoring`) archives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chitieu.store.errors import ConflictError

FORMAT = "chitieu-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLE_FOLDER = "tables"


class ArchiveError(ValueError):
    """The file is not a usable archive (not a zip, truncated, altered, from another version).

    Nothing was written. The message is Vietnamese first, then English in parentheses.
    """


class StoreNotEmptyError(ConflictError):
    """A restore goes into an empty store only: merging two histories would renumber rows."""


def bad(path: Path, vi: str, en: str) -> ArchiveError:
    """An :class:`ArchiveError` naming the file: Vietnamese first, English in parentheses."""
    return ArchiveError(f"'{path}': {vi} ({en})")


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

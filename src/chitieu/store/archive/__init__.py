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

The package's parts: :mod:`.format` (names, manifest, errors), :mod:`.values` (how a
column's value is written and read), :mod:`.contents` (which tables and rows, as JSON
lines), :mod:`.dumping`, :mod:`.verifying` and :mod:`.restoring`.
"""

from chitieu.store.archive.contents import (
    ARCHIVED_TABLES,
    SECRET_WORDS,
    archived_tables,
    is_secret_setting,
)
from chitieu.store.archive.dumping import dump, dump_to_file
from chitieu.store.archive.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    TABLE_FOLDER,
    ArchiveError,
    Manifest,
    StoreNotEmptyError,
    TableEntry,
)
from chitieu.store.archive.restoring import RestoreReport, restore
from chitieu.store.archive.values import column_kind
from chitieu.store.archive.verifying import read_manifest, verify

__all__ = [
    "ARCHIVED_TABLES",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "SECRET_WORDS",
    "TABLE_FOLDER",
    "ArchiveError",
    "Manifest",
    "RestoreReport",
    "StoreNotEmptyError",
    "TableEntry",
    "archived_tables",
    "column_kind",
    "dump",
    "dump_to_file",
    "is_secret_setting",
    "read_manifest",
    "restore",
    "verify",
]

"""What an archive holds: every table of the schema, in an order that respects foreign
keys, each as JSON lines in primary-key order; secret settings left out.

The payload of a table depends only on its rows, so dump → restore → dump gives
byte-identical tables on either backend; a restore reads its tables back with the same
:func:`table_lines` to prove it stored exactly what was archived.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from chitieu.store import migrate
from chitieu.store.archive.format import ArchiveError
from chitieu.store.archive.values import CODECS, column_kind
from chitieu.store.errors import StoreError
from chitieu.store.tables import Base

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
    "observation_justifications",
    "task_updates",
    "users",
    "user_agencies",
    "api_tokens",
    "app_settings",
    "audit_log",
)

#: A setting whose key contains one of these words is a secret and is not archived.
SECRET_WORDS: tuple[str, ...] = ("secret", "password", "token", "private")

BATCH = 1000  # rows per read (yield_per) and per insert
# One encoder for every line (json.dumps with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def is_secret_setting(key: str) -> bool:
    """Whether a setting is a secret that stays in its installation (see SECRET_WORDS)."""
    lowered = key.lower()
    return any(word in lowered for word in SECRET_WORDS)


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


def table_rows(
    conn: sa.Connection, table: sa.Table, columns: Sequence[sa.Column[Any]] | None = None
) -> Iterator[Sequence[Any]]:
    """The kept rows of a table in primary-key order, the same on every backend.

    Integer keys sort alike everywhere; text keys would follow the PostgreSQL database's
    collation, so those (small) tables are sorted here by code point instead. ``columns``
    (default: all, in schema order) are the values each row holds.
    """
    keys = list(table.primary_key.columns)
    chosen = list(table.columns) if columns is None else list(columns)
    stmt = sa.select(*chosen)
    if table.name != "app_settings" and all(isinstance(k.type, sa.Integer) for k in keys):
        yield from conn.execute(stmt.order_by(*keys).execution_options(yield_per=BATCH))
        return
    rows = conn.execute(stmt).all()
    if table.name == "app_settings":
        rows = [r for r in rows if not is_secret_setting(r.key)]
    index = [chosen.index(k) for k in keys]
    yield from sorted(rows, key=lambda r: tuple(r[i] for i in index))


def table_lines(
    conn: sa.Connection, table: sa.Table, names: Sequence[str] | None = None
) -> Iterator[bytes]:
    """A table's payload: one compact JSON object per row (UTF-8, columns in schema order).

    ``names`` keeps only those columns: a restore of an archive written before columns
    were added reads back the archived columns, to compare them with the archive's
    checksums.
    """
    columns = [c for c in table.columns if names is None or c.name in names]
    names = [c.name for c in columns]
    dumpers = [CODECS[column_kind(c)][0] for c in columns]
    encode = _ENCODER.encode
    for row in table_rows(conn, table, columns):
        record = {
            name: None if value is None else dump(value)
            for name, dump, value in zip(names, dumpers, row, strict=True)
        }
        yield (encode(record) + "\n").encode()


def excluded_settings(conn: sa.Connection) -> dict[str, tuple[str, ...]]:
    """The secret settings a dump leaves out, named (never valued) in the manifest."""
    settings = Base.metadata.tables["app_settings"]
    keys = conn.scalars(sa.select(settings.c.key)).all()
    secret = tuple(sorted(k for k in keys if is_secret_setting(k)))
    return {"app_settings": secret} if secret else {}


def require_head(engine: sa.Engine) -> str:
    """Dump and restore both need the store at this chitieu's newest schema revision."""
    revision = migrate.current_revision(engine)
    head = migrate.head_revision()
    if revision != head:
        raise StoreError(
            f"cơ sở dữ liệu ở lược đồ {revision or '—'}, chitieu này cần {head}; chạy"
            f" `chitieu init` trước (the store is at schema revision {revision or 'none'},"
            f" this chitieu needs {head}: run `chitieu init` first)"
        )
    return head

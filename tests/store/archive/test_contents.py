"""What an archive holds (store/archive/contents.py): every table of the schema, every
column type encoded, and no secret.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu.services import accounts
from chitieu.store import Store
from chitieu.store import archive as arc
from chitieu.store.tables import Base
from tests.store.archive.conftest import PASSWORD, SECRET


def test_every_table_of_the_schema_is_archived(store: Store) -> None:
    assert set(Base.metadata.tables) == set(arc.ARCHIVED_TABLES)
    in_database = set(sa.inspect(store.engine).get_table_names()) - {"alembic_version"}
    assert in_database == set(arc.ARCHIVED_TABLES)
    assert [t.name for t in arc.archived_tables()] == list(arc.ARCHIVED_TABLES)


def test_a_table_left_out_of_the_archive_list_stops_the_dump() -> None:
    metadata = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    sa.Table("withdrawals", metadata, sa.Column("id", sa.Integer, primary_key=True))
    with pytest.raises(arc.ArchiveError, match="withdrawals"):
        arc.archived_tables(metadata)


def test_a_column_type_without_an_encoding_stops_the_dump() -> None:
    metadata = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    metadata.tables["observations"].append_column(sa.Column("weight", sa.Float))
    with pytest.raises(arc.ArchiveError, match=r"observations\.weight"):
        arc.archived_tables(metadata)


def test_secrets_stay_out_of_the_archive(good: tuple[Path, dict[str, object]]) -> None:
    path, facts = good
    manifest = arc.read_manifest(path)
    with zipfile.ZipFile(path) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    assert SECRET.encode() not in everything
    assert PASSWORD.encode() not in everything
    assert str(facts["token"]).encode() not in everything
    assert accounts.token_digest(str(facts["token"])).encode() in everything
    assert b"$argon2" in everything  # the hash, which is what lets users log in again
    assert manifest.excluded == {"app_settings": ("session_secret",)}
    assert path.stat().st_mode & 0o077 == 0  # password hashes inside: owner only

"""Writing an archive (store/archive/dumping.py): atomic, and one consistent moment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu.store import Store, StoreError
from chitieu.store import archive as arc
from chitieu.store.archive import dumping
from tests.store.archive.conftest import payloads, table_counts


def test_a_failed_dump_leaves_the_previous_archive(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(b"the previous good archive")
    with pytest.raises(StoreError):
        arc.dump_to_file(Store.open(f"sqlite:///{tmp_path / 'never-initialised.db'}").engine, path)
    assert path.read_bytes() == b"the previous good archive"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_dump_sees_one_moment_while_others_write(
    store: Store, good_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row committed by another connection while the dump runs (after it has read the
    first table, before it reads audit_log) is not in the archive: the archive is one
    consistent snapshot, not tables from different moments (PostgreSQL: REPEATABLE READ)."""
    arc.restore(store.engine, good_archive)
    before = table_counts(store)["audit_log"]
    real = dumping.table_lines
    written: list[str] = []

    def interleaved(conn: sa.Connection, table: sa.Table) -> Iterator[bytes]:
        if table.name == "areas":
            with Store.open(store.engine.url.render_as_string(hide_password=False)) as other:
                other.record_event("khac", "login", "user", "khac")
            written.append(table.name)
        yield from real(conn, table)

    monkeypatch.setattr(dumping, "table_lines", interleaved)
    manifest = arc.dump_to_file(store.engine, tmp_path / "a.zip")
    assert written == ["areas"]
    assert table_counts(store)["audit_log"] == before + 1  # the other write did commit
    assert {t.name: t.rows for t in manifest.tables}["audit_log"] == before
    assert b'"actor":"khac"' not in payloads(tmp_path / "a.zip")["tables/audit_log.jsonl"]

"""Restoring (store/archive/restoring.py): into an empty store only, all rows or none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chitieu.store import Store, StoreError
from chitieu.store import archive as arc
from chitieu.store.archive import values as archive_values
from tests.store.archive.conftest import rewrite, table_counts


def test_restore_refuses_a_store_that_holds_data(store: Store, good_archive: Path) -> None:
    arc.restore(store.engine, good_archive)
    before = table_counts(store)
    with pytest.raises(arc.StoreNotEmptyError, match="không trống"):
        arc.restore(store.engine, good_archive)
    assert table_counts(store) == before


def test_a_session_secret_alone_does_not_make_a_store_full(
    store: Store, good_archive: Path
) -> None:
    store.setting_or_create("session_secret", "already-started-once")
    arc.restore(store.engine, good_archive)
    assert store.setting("session_secret") == "already-started-once"


def test_a_row_the_database_refuses_rolls_back_every_table(
    store: Store, good_archive: Path, tmp_path: Path
) -> None:
    """Checksums fixed, so only the database can refuse: the last table's bad row must
    undo the rows of every table before it."""

    def dangling(body: bytes) -> bytes:
        row = json.loads(body.splitlines()[-1])
        row["id"] = 10_000
        row["observation_id"] = 999_999  # no such figure
        return body + (json.dumps(row, ensure_ascii=False) + "\n").encode()

    bad = rewrite(good_archive, tmp_path / "bad.zip", table="observation_reviews", change=dangling)
    with pytest.raises(StoreError, match="observation_reviews"):
        arc.restore(store.engine, bad)
    assert set(table_counts(store).values()) == {0}


def test_dry_run_checks_everything_and_writes_nothing(store: Store, good_archive: Path) -> None:
    report = arc.restore(store.engine, good_archive, dry_run=True)
    assert report.dry_run
    assert report.total_rows > 200
    assert set(table_counts(store).values()) == {0}


def test_a_store_that_changes_values_on_the_way_in_is_caught_before_the_commit(
    store: Store, good_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables are read back and hashed inside the restore's transaction: a backend that
    stored a figure differently from the archive (simulated: every decimal off by one)
    makes the restore fail and roll back instead of committing an altered history."""
    codecs = archive_values.CODECS
    dump_decimal, load_decimal = codecs["decimal"]
    monkeypatch.setitem(codecs, "decimal", (dump_decimal, lambda v: load_decimal(v) + 1))
    with pytest.raises(arc.ArchiveError, match="sau khi ghi, bảng observations"):
        arc.restore(store.engine, good_archive)
    assert set(table_counts(store).values()) == {0}

"""Dump and restore on SQLite and PostgreSQL: nothing lost, nothing altered. A round trip
must give the same table payloads byte for byte, across backends, and a working store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from chitieu.core.access import Role
from chitieu.services import accounts
from chitieu.store import Store
from chitieu.store import archive as arc
from tests.store.archive.conftest import (
    EDITOR,
    PASSWORD,
    SECRET,
    XVI,
    figure,
    fresh,
    manifest_of,
    payloads,
    populate,
)


def test_round_trip_is_byte_identical_and_keeps_working(
    store: Store, tmp_path: Path, sqlite_url: Callable[[str], str]
) -> None:
    """``store`` (SQLite or PostgreSQL) → archive → SQLite → archive: same tables."""
    facts = populate(store)
    one, two = tmp_path / "one.zip", tmp_path / "two.zip"
    manifest = arc.dump_to_file(store.engine, one)
    assert manifest.source_dialect == store.dialect
    counts = {t.name: t.rows for t in manifest.tables}
    assert all(counts[name] > 0 for name in arc.ARCHIVED_TABLES), counts
    assert SECRET.encode() not in b"".join(payloads(one).values())
    with fresh(sqlite_url("copy")) as copy:
        report = arc.restore(copy.engine, one)
        assert dict(report.rows) == counts
        arc.dump_to_file(copy.engine, two)
        assert payloads(one) == payloads(two)
        # The copy is a working installation: passwords, tokens, reviews, history.
        assert accounts.authenticate(copy, "nhap.lieu", PASSWORD) is not None
        account = accounts.account_for_token(copy, str(facts["token"]))
        assert account is not None
        assert account.username == "nhap.lieu"
        assert tuple(account.agencies) == ("cuc-thong-ke",)
        assert copy.review_history(int(str(facts["approved"])))[-1].state.value == "approved"
        assert copy.observations("urban-unemployment") == store.observations("urban-unemployment")
        assert copy.setting("session_secret") is None
        assert copy.setting("ui_banner") == "Bản thử nghiệm – số liệu chưa chính thức"


def test_sqlite_to_store_to_sqlite_is_byte_identical(
    store: Store, good_archive: Path, tmp_path: Path, sqlite_url: Callable[[str], str]
) -> None:
    """SQLite → ``store`` (PostgreSQL in the postgres run) → SQLite, compared byte for byte."""
    arc.restore(store.engine, good_archive)
    arc.dump_to_file(store.engine, tmp_path / "b.zip")
    with fresh(sqlite_url("back")) as back:
        arc.restore(back.engine, tmp_path / "b.zip")
        arc.dump_to_file(back.engine, tmp_path / "c.zip")
    a, b, c = payloads(good_archive), payloads(tmp_path / "b.zip"), payloads(tmp_path / "c.zip")
    assert a == b == c
    assert manifest_of(tmp_path / "b.zip")["source_dialect"] == store.dialect

    # Ids were kept, and new rows continue after them (PostgreSQL sequences were moved).
    last_user = max(u.id for u in store.users())
    added = accounts.create_user(store, "moi", PASSWORD, Role.VIEWER, actor="test")
    assert added.id == last_user + 1
    update = store.add_task_update(
        XVI, "3", reported_on=dt.date(2025, 1, 2), text="sau khôi phục", actor="test"
    )
    assert update.id > 2
    result = store.submit_figures(
        [figure("urban-unemployment", 2024, "2.9", "%")], actor=EDITOR.username
    )
    assert result.observation_ids[0] > max(
        o.id or 0 for o in store.observations() if o.id not in result.observation_ids
    )

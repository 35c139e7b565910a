"""Dump and restore on SQLite and PostgreSQL: nothing lost, nothing altered. A round trip
must give the same table payloads byte for byte, across backends, and a working store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

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
    rewrite,
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


def _as_written_at_0003(source: Path, target: Path) -> Path:
    """The archive an older chitieu (schema revision 0003) wrote of the same store: no
    part or basis of figures, no time aggregation of indicators."""
    added = {"observations": ("part", "basis"), "indicators": ("time_aggregation",)}
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members.pop(arc.MANIFEST))
    data["schema_revision"] = "0003"
    for entry in data["tables"]:
        gone = added.get(entry["name"])
        if not gone:
            continue
        lines = []
        for line in members[entry["file"]].splitlines():
            record = json.loads(line)
            popped = {name: record.pop(name) for name in gone}
            # the figures of this store are annual levels; an indicator's aggregation
            # (sum for the flows of the shipped datasets) did not exist at 0003
            assert popped.get("part", "") == ""
            assert popped.get("basis", "level") == "level"
            lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        body = "".join(lines).encode()
        members[entry["file"]] = body
        entry["columns"] = [c for c in entry["columns"] if c["name"] not in gone]
        entry["sha256"] = hashlib.sha256(body).hexdigest()
        entry["bytes"] = len(body)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
        z.writestr(arc.MANIFEST, json.dumps(data))
    return target


def test_an_archive_written_before_sub_annual_periods_restores_with_the_defaults(
    store: Store, tmp_path: Path, sqlite_url: Callable[[str], str]
) -> None:
    """An archive at schema revision 0003 restores into this schema: its figures become
    annual levels, its indicators' months do not add up — what an upgrade in place
    gives — and its checksums are verified on the columns it has."""
    with fresh(sqlite_url("old")) as old:
        populate(old, sub_annual=False)
        arc.dump_to_file(old.engine, tmp_path / "new.zip")
        expected = old.observations()
        reviews = {o.id: old.review_history(o.id) for o in expected if o.id is not None}
    archive = _as_written_at_0003(tmp_path / "new.zip", tmp_path / "old.zip")
    assert arc.verify(archive).schema_revision == "0003"
    report = arc.restore(store.engine, archive)
    assert report.manifest.schema_revision == "0003"
    restored = store.observations()
    assert restored == expected
    assert {(o.part, o.basis.code) for o in restored} == {("", "level")}
    assert {o.id: store.review_history(o.id) for o in restored if o.id is not None} == reviews
    assert {i.time_aggregation.value for i in store.indicators()} == {"none"}
    # the restored store takes sub-annual figures like any other
    nine = replace(expected[0], id=None, part="9M")
    assert store.add_observations([nine]).inserted == 1


def test_an_archive_at_an_unknown_older_revision_is_refused(
    good_archive: Path, tmp_path: Path
) -> None:
    def older(manifest: dict[str, object]) -> None:
        manifest["schema_revision"] = "0001"

    archive = rewrite(good_archive, tmp_path / "0001.zip", manifest=older)
    with pytest.raises(arc.ArchiveError, match="schema revision 0001"):
        arc.verify(archive)

"""Dump and restore on SQLite and PostgreSQL: nothing lost, nothing altered, all or nothing.

The store is filled the way the application fills it (the Hải Phòng dataset, figures
submitted, approved, returned, reopened, corrected; users, tokens, task updates, audit
rows) plus values chosen to break a careless encoding (decimal scale and exponents,
microseconds, Vietnamese text, quotes and newlines, NULLs). A round trip must give the
same table payloads byte for byte, across backends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.core.model import Citation
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.services import accounts
from chitieu.store import Store, StoreError, migrate
from chitieu.store import archive as arc
from chitieu.store.archive import dumping
from chitieu.store.archive import values as archive_values
from chitieu.store.review import ReviewAction
from chitieu.store.tables import Base

XVI = "haiphong-xvi-2020-2025"
PASSWORD = "Mat-khau-sao-luu-2025!"
SECRET = "bi-mat-phien-khong-duoc-sao-luu"
EDITOR = Principal("nhap.lieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
REVIEWER = Principal("duyet.mot", Role.REVIEWER)


def figure(indicator: str, year: int, value: str, unit: str, **extra: object) -> Observation:
    return Observation(
        indicator=indicator,
        area="haiphong",
        period=(year, year),
        value=Decimal(value),
        unit=unit,
        status=Status(str(extra.get("status", "estimate"))),
        qualifier=Qualifier(str(extra.get("qualifier", "exact"))),
        source=Citation(
            document=str(extra.get("document", "Báo cáo KT-XH")),
            line=extra.get("line"),  # type: ignore[arg-type]
            quote=str(extra.get("quote", "")),
        ),
        note=str(extra.get("note", "")),
    )


def populate(store: Store) -> dict[str, object]:
    """Every table gets rows; returns what the tests check after a restore."""
    services.load_dataset(store, XVI)
    accounts.create_user(
        store, "duyet.mot", PASSWORD, Role.REVIEWER, display_name="Người duyệt", actor="test"
    )
    accounts.create_user(
        store,
        "nhap.lieu",
        PASSWORD,
        Role.EDITOR,
        display_name="Nhập liệu \"Cục\" 'Thống kê'",
        agencies=["cuc-thong-ke"],
        actor="test",
    )
    token = accounts.new_token(store, "nhap.lieu", "máy chủ báo cáo", actor="test")
    store.setting_or_create("session_secret", SECRET)
    store.setting_or_create("ui_banner", "Bản thử nghiệm – số liệu chưa chính thức")

    odd = [
        figure("urban-unemployment", 2021, "3.20", "%", note="giữ số 0 cuối: 3,20"),
        figure("urban-unemployment", 2022, "1E+1", "%", qualifier="approx", line=None),
        figure(
            "urban-unemployment",
            2023,
            "-0.000",
            "%",
            quote='dòng 1\ndòng 2\t"trích" \\ 😀',
            note="Tiếng Việt: ộ ữ ỹ Ự",
            line=42,
        ),
    ]
    first = store.submit_figures(odd, actor=EDITOR.username, reason="nhập lần đầu")
    approved, returned, reopened = first.observation_ids
    store.review_figure(approved, ReviewAction.APPROVE, reviewer=REVIEWER, comment="")
    store.review_figure(returned, ReviewAction.RETURN, reviewer=REVIEWER, comment="thiếu nguồn")
    store.review_figure(reopened, ReviewAction.APPROVE, reviewer=REVIEWER)
    store.review_figure(reopened, ReviewAction.REOPEN, reviewer=REVIEWER, comment="sai đơn vị")
    corrected = figure("urban-unemployment", 2023, "3.1", "%", note="sửa lại")
    store.submit_figures([corrected], actor=EDITOR.username, reason="sửa sai đơn vị")
    # Withdrawals (a review step, never a deletion) arrived with schema revision 0003.
    withdraw = getattr(store, "withdraw_figure", None)
    if withdraw is not None:
        mistake = store.submit_figures(
            [figure("urban-unemployment", 2015, "9.9", "%")], actor=EDITOR.username
        )
        withdraw(mistake.observation_ids[0], by=REVIEWER, reason="nhập nhầm năm")
    store.add_task_update(
        XVI,
        "1",
        reported_on=dt.date(2024, 6, 30),
        text="Hoàn thành 60% khối lượng",
        actor=EDITOR.username,
        percent=60,
        evidence="https://haiphong.gov.vn/tien-do",
    )
    store.add_task_update(
        XVI, "2", reported_on=dt.date(2024, 12, 31), text="Đang triển khai", actor="test"
    )
    store.record_event("test", "login", "user", "nhap.lieu", after={"ip": "127.0.0.1"})
    return {"token": token, "approved": approved}


def payloads(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != arc.MANIFEST}


def manifest_of(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as z:
        data = json.loads(z.read(arc.MANIFEST))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Callable[[str], str]:
    def make(name: str) -> str:
        return f"sqlite:///{tmp_path / name}.sqlite3"

    return make


def fresh(url: str) -> Store:
    store = Store.open(url)
    store.init()
    return store


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """One populated SQLite store's archive, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("good")
    with fresh(f"sqlite:///{folder / 'source.sqlite3'}") as source:
        facts = populate(source)
        arc.dump_to_file(source.engine, folder / "good.zip")
    return folder / "good.zip", facts


@pytest.fixture
def good_archive(good: tuple[Path, dict[str, object]]) -> Path:
    return good[0]


# -- coverage ---------------------------------------------------------------------------


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


# -- round trips ------------------------------------------------------------------------


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


def test_an_archive_is_a_documented_zip(good_archive: Path) -> None:
    path = good_archive
    data = manifest_of(path)
    assert data["format"] == "chitieu-archive"
    assert data["format_version"] == 1
    assert data["schema_revision"] == migrate.head_revision()
    assert dt.datetime.fromisoformat(str(data["created_at"])).tzinfo is not None
    tables = data["tables"]
    assert isinstance(tables, list)
    assert [t["name"] for t in tables] == list(arc.ARCHIVED_TABLES)
    with zipfile.ZipFile(path) as z:
        for entry in tables:
            body = z.read(entry["file"])
            assert hashlib.sha256(body).hexdigest() == entry["sha256"]
            assert body.count(b"\n") == entry["rows"]
        observations = [
            json.loads(line) for line in z.read("tables/observations.jsonl").splitlines()
        ]
    values = {(o["period_start"], o["revision"]): o for o in observations if o["unit"] == "%"}
    assert values[(2021, 1)]["value"] == "3.20"  # decimals stay exact strings
    assert values[(2022, 1)]["value"] == "1E+1"
    assert values[(2022, 1)]["source_line"] is None
    assert values[(2023, 1)]["source_quote"] == 'dòng 1\ndòng 2\t"trích" \\ 😀'
    recorded = dt.datetime.fromisoformat(values[(2023, 2)]["recorded_at"])
    assert recorded.utcoffset() == dt.timedelta(0)
    with zipfile.ZipFile(path) as z:
        steps = [
            json.loads(line)
            for line in z.read("tables/observation_reviews.jsonl").split(b"\n")
            if line
        ]
    actions = {step["action"] for step in steps}
    expected = {"submitted", "approved", "returned", "reopened"}
    if hasattr(Store, "withdraw_figure"):
        expected.add("withdrawn")
    assert actions == expected


# -- refusals ---------------------------------------------------------------------------


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0
            for t in arc.archived_tables()
        }


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


def rewrite(
    source: Path,
    target: Path,
    *,
    table: str | None = None,
    change: Callable[[bytes], bytes] = lambda b: b,
    manifest: Callable[[dict[str, object]], None] = lambda m: None,
    fix_checksum: bool = True,
) -> Path:
    """A copy of an archive with one table's payload and/or the manifest changed."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members.pop(arc.MANIFEST))
    if table is not None:
        name = f"tables/{table}.jsonl"
        members[name] = change(members[name])
        if fix_checksum:
            for entry in data["tables"]:
                if entry["name"] == table:
                    entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
                    entry["rows"] = members[name].count(b"\n")
    manifest(data)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
        z.writestr(arc.MANIFEST, json.dumps(data))
    return target


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


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "cắt cụt"),
        ("not-zip", "không phải bản lưu chitieu"),
        ("no-manifest", "thiếu manifest.json"),
        ("foreign", "format"),
        ("altered", "tổng kiểm tra"),
        ("newer", "nâng cấp chitieu"),
        ("other-schema", "lược đồ 0000"),
        ("missing-table", "thiếu: audit_log"),
        ("bad-row", "tables/users.jsonl, dòng 1"),
        ("bad-decimal", "cột value"),
        ("naive-time", "time zone"),
    ],
)
def test_a_bad_archive_is_refused_before_anything_is_written(
    how: str, message: str, good_archive: Path, tmp_path: Path, sqlite_url: Callable[[str], str]
) -> None:
    bad = tmp_path / f"{how}.zip"
    body = good_archive.read_bytes()
    if how == "truncated":
        bad.write_bytes(body[: len(body) * 2 // 3])
    elif how == "not-zip":
        bad.write_text("indicator,area,period\n", encoding="utf-8")
    elif how == "no-manifest":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("tables/users.jsonl", "")
    elif how == "foreign":
        rewrite(good_archive, bad, manifest=lambda m: m.update(format="other-tool"))
    elif how == "altered":
        rewrite(
            good_archive,
            bad,
            table="observations",
            change=lambda b: b.replace(b'"value":"3.20"', b'"value":"9.20"'),
            fix_checksum=False,
        )
    elif how == "newer":
        rewrite(good_archive, bad, manifest=lambda m: m.update(format_version=2))
    elif how == "other-schema":
        rewrite(good_archive, bad, manifest=lambda m: m.update(schema_revision="0000"))
    elif how == "missing-table":

        def drop(m: dict[str, object]) -> None:
            m["tables"] = [t for t in m["tables"] if t["name"] != "audit_log"]  # type: ignore[attr-defined]

        rewrite(good_archive, bad, manifest=drop)
    elif how == "bad-row":
        rewrite(good_archive, bad, table="users", change=lambda b: b"[1,2]\n" + b)
    elif how == "bad-decimal":
        rewrite(
            good_archive,
            bad,
            table="observations",
            change=lambda b: b.replace(b'"value":"3.20"', b'"value":3.2', 1),
        )
    elif how == "naive-time":
        rewrite(
            good_archive,
            bad,
            table="audit_log",
            change=lambda b: b.replace(b'+00:00"', b'"', 1),
        )
    with fresh(sqlite_url("target")) as target:
        with pytest.raises(arc.ArchiveError, match=message):
            arc.restore(target.engine, bad)
        assert set(table_counts(target).values()) == {0}


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

"""Users, API tokens and installation settings, on SQLite and PostgreSQL.

Every refusal is checked twice: the error, and that nothing reached the database
(rows counted with plain SQL, not through the store's own readers).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from chitieu.core.access import Principal, Role
from chitieu.core.agencies import Agency
from chitieu.core.model import Text
from chitieu.store import ConflictError, NotFoundError, Store, StoreError

SO_TAI_CHINH = Agency("so-tai-chinh", Text("Sở Tài chính", "Department of Finance"))
CUC_THONG_KE = Agency("cuc-thong-ke", Text("Cục Thống kê", "Statistics Office"))


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def audit_actions(store: Store) -> list[tuple[str, str, str]]:
    return [(e.action, e.entity, e.entity_id) for e in reversed(store.audit_log())]


@pytest.fixture
def with_agencies(store: Store) -> Store:
    store.save_agencies([SO_TAI_CHINH, CUC_THONG_KE], {})
    return store


# -- users -------------------------------------------------------------------------------


def test_create_user_round_trip(with_agencies: Store) -> None:
    before = datetime.now(UTC)
    made = with_agencies.create_user(
        "nguyen.van.a",
        "$argon2id$hash-a",
        Role.EDITOR,
        display_name="Nguyễn Văn A",
        agencies=["so-tai-chinh", "cuc-thong-ke"],
        actor="quan-tri",
    )
    got = with_agencies.user("nguyen.van.a")
    assert got == made
    assert got.display_name == "Nguyễn Văn A"
    assert got.role is Role.EDITOR
    assert got.active is True
    assert got.session_version == 1
    assert got.password_hash == "$argon2id$hash-a"
    assert got.agencies == ("cuc-thong-ke", "so-tai-chinh")  # sorted
    assert got.created_at.tzinfo is not None
    assert before - timedelta(seconds=5) <= got.created_at <= datetime.now(UTC)
    assert got.principal == Principal(
        "nguyen.van.a", Role.EDITOR, frozenset({"so-tai-chinh", "cuc-thong-ke"})
    )
    assert with_agencies.user_by_id(made.id) == made
    [entry] = with_agencies.audit_log(entity="user")
    assert (entry.actor, entry.action, entry.entity_id) == ("quan-tri", "create", "nguyen.van.a")
    assert entry.after == {"role": "editor", "agencies": ["cuc-thong-ke", "so-tai-chinh"]}
    assert "hash" not in str(entry.after)  # the audit log never holds a password hash


def test_display_name_defaults_to_the_username(store: Store) -> None:
    assert store.create_user("tran.b", "h", Role.VIEWER).display_name == "tran.b"


def test_unknown_users(store: Store) -> None:
    assert store.user("khong-co") is None
    assert store.user_by_id(999) is None
    with pytest.raises(NotFoundError, match="khong-co"):
        store.update_user("khong-co", actor="quan-tri", role=Role.ADMIN)
    with pytest.raises(NotFoundError, match="khong-co"):
        store.tokens("khong-co")


def test_duplicate_username_is_a_conflict_and_writes_nothing(with_agencies: Store) -> None:
    with_agencies.create_user("le.c", "h1", Role.EDITOR, agencies=["so-tai-chinh"])
    users, links, audits = (
        count(with_agencies, t) for t in ("users", "user_agencies", "audit_log")
    )
    with pytest.raises(ConflictError, match=r"'le\.c' is taken"):
        with_agencies.create_user("le.c", "h2", Role.ADMIN, agencies=["cuc-thong-ke"])
    assert (count(with_agencies, "users"), count(with_agencies, "user_agencies")) == (users, links)
    assert count(with_agencies, "audit_log") == audits
    kept = with_agencies.user("le.c")
    assert kept is not None
    assert (kept.role, kept.password_hash, kept.agencies) == (Role.EDITOR, "h1", ("so-tai-chinh",))


def test_unknown_agency_refuses_the_user_and_writes_nothing(with_agencies: Store) -> None:
    audits = count(with_agencies, "audit_log")
    with pytest.raises(StoreError, match="unknown agency so-xay-dung"):
        with_agencies.create_user(
            "pham.d", "h", Role.EDITOR, agencies=["so-tai-chinh", "so-xay-dung"]
        )
    assert with_agencies.user("pham.d") is None
    assert count(with_agencies, "users") == 0
    assert count(with_agencies, "user_agencies") == 0
    assert count(with_agencies, "audit_log") == audits


def test_users_are_listed_by_username(store: Store) -> None:
    for name in ("vu.e", "dang.f", "hoang.g"):
        store.create_user(name, "h", Role.VIEWER)
    assert [u.username for u in store.users()] == ["dang.f", "hoang.g", "vu.e"]


def test_password_change_and_deactivation_end_sessions(store: Store) -> None:
    store.create_user("ngo.h", "old", Role.REVIEWER)
    changed = store.update_user("ngo.h", actor="quan-tri", password_hash="new")
    assert (changed.password_hash, changed.session_version) == ("new", 2)
    off = store.update_user("ngo.h", actor="quan-tri", active=False)
    assert (off.active, off.session_version) == (False, 3)
    on = store.update_user("ngo.h", actor="quan-tri", active=True)
    assert (on.active, on.session_version) == (True, 4)
    stored = store.user("ngo.h")
    assert stored is not None
    assert stored.session_version == 4
    entries = store.audit_log(entity="user", action="update")
    assert [e.after for e in reversed(entries)] == [
        {"password": "changed"},
        {"active": False},
        {"active": True},
    ]
    assert "new" not in str([e.before for e in entries] + [e.after for e in entries])


def test_other_changes_keep_sessions(with_agencies: Store) -> None:
    with_agencies.create_user("bui.i", "h", Role.EDITOR, agencies=["so-tai-chinh"])
    changed = with_agencies.update_user(
        "bui.i",
        actor="quan-tri",
        role=Role.REVIEWER,
        display_name="Bùi Thị I",
        agencies=["cuc-thong-ke"],
    )
    assert changed.session_version == 1
    assert (changed.role, changed.display_name, changed.agencies) == (
        Role.REVIEWER,
        "Bùi Thị I",
        ("cuc-thong-ke",),
    )
    [entry] = with_agencies.audit_log(action="update")
    assert entry.before == {
        "role": "editor",
        "display_name": "bui.i",
        "agencies": ["so-tai-chinh"],
    }
    assert entry.after == {
        "role": "reviewer",
        "display_name": "Bùi Thị I",
        "agencies": ["cuc-thong-ke"],
    }
    # Re-activating an active user is not a change: no new session version, no audit.
    assert with_agencies.update_user("bui.i", actor="quan-tri", active=True).session_version == 1


def test_update_without_changes_writes_no_audit_row(with_agencies: Store) -> None:
    with_agencies.create_user("do.k", "h", Role.EDITOR, agencies=["so-tai-chinh", "cuc-thong-ke"])
    audits = count(with_agencies, "audit_log")
    same = with_agencies.update_user(
        "do.k",
        actor="quan-tri",
        role=Role.EDITOR,
        active=True,
        agencies=["cuc-thong-ke", "so-tai-chinh"],  # same set, other order
        display_name="do.k",
    )
    assert same.session_version == 1
    assert count(with_agencies, "audit_log") == audits


def test_update_with_unknown_agency_writes_nothing(with_agencies: Store) -> None:
    with_agencies.create_user("ly.l", "h", Role.EDITOR, agencies=["so-tai-chinh"])
    audits = count(with_agencies, "audit_log")
    with pytest.raises(StoreError, match="unknown agency so-y-te"):
        with_agencies.update_user(
            "ly.l", actor="quan-tri", role=Role.ADMIN, password_hash="x", agencies=["so-y-te"]
        )
    kept = with_agencies.user("ly.l")
    assert kept is not None
    assert (kept.role, kept.password_hash, kept.session_version, kept.agencies) == (
        Role.EDITOR,
        "h",
        1,
        ("so-tai-chinh",),
    )
    assert count(with_agencies, "audit_log") == audits


def test_rehash_keeps_sessions(store: Store) -> None:
    store.create_user("mai.m", "argon2-weak", Role.VIEWER)
    store.rehash_password("mai.m", "argon2-strong")
    stored = store.user("mai.m")
    assert stored is not None
    assert (stored.password_hash, stored.session_version) == ("argon2-strong", 1)


# -- API tokens --------------------------------------------------------------------------


def test_tokens_find_their_user_until_revoked(store: Store) -> None:
    store.create_user("cong.n", "h", Role.EDITOR)
    store.create_user("khac.o", "h", Role.VIEWER)
    first = store.add_token("cong.n", "Máy chủ báo cáo", "sha-1", actor="quan-tri")
    second = store.add_token("cong.n", "Bảng tính", "sha-2", actor="quan-tri")
    store.add_token("khac.o", "other", "sha-3", actor="quan-tri")
    found = store.user_by_token("sha-1")
    assert found is not None
    assert found.username == "cong.n"
    assert store.user_by_token("sha-unknown") is None

    store.revoke_token(first.id, actor="quan-tri")
    assert store.user_by_token("sha-1") is None
    found = store.user_by_token("sha-2")
    assert found is not None
    assert found.username == "cong.n"
    listed = store.tokens("cong.n")
    assert [(t.id, t.name, t.revoked) for t in listed] == [
        (first.id, "Máy chủ báo cáo", True),
        (second.id, "Bảng tính", False),
    ]
    assert [t.name for t in store.tokens("khac.o")] == ["other"]
    assert [a for a in audit_actions(store) if a[1] == "token"] == [
        ("create", "token", f"cong.n:{first.id}"),
        ("create", "token", f"cong.n:{second.id}"),
        ("create", "token", f"khac.o:{second.id + 1}"),
        ("revoke", "token", str(first.id)),
    ]


def test_token_of_a_deactivated_user_says_so(store: Store) -> None:
    # The store finds the account; refusing it is the caller's job (services.accounts
    # checks ``active``), so the flag must come back with it.
    store.create_user("tat.p", "h", Role.EDITOR)
    store.add_token("tat.p", "t", "sha-p", actor="quan-tri")
    store.update_user("tat.p", actor="quan-tri", active=False)
    found = store.user_by_token("sha-p")
    assert found is not None
    assert found.active is False


def test_token_errors_write_nothing(store: Store) -> None:
    store.create_user("q", "h", Role.EDITOR)
    store.add_token("q", "t", "sha-q", actor="quan-tri")
    tokens, audits = count(store, "api_tokens"), count(store, "audit_log")
    with pytest.raises(StoreError):  # the hash is unique
        store.add_token("q", "again", "sha-q", actor="quan-tri")
    with pytest.raises(NotFoundError, match="no user 'khong-co'"):
        store.add_token("khong-co", "t", "sha-r", actor="quan-tri")
    with pytest.raises(NotFoundError, match="no token 999"):
        store.revoke_token(999, actor="quan-tri")
    assert (count(store, "api_tokens"), count(store, "audit_log")) == (tokens, audits)


# -- installation settings ------------------------------------------------------------------


def test_setting_or_create_returns_the_first_value_forever(store: Store, database_url: str) -> None:
    assert store.setting("session_secret") is None
    assert store.setting_or_create("session_secret", "bí-mật-1") == "bí-mật-1"
    assert store.setting_or_create("session_secret", "bí-mật-2") == "bí-mật-1"
    assert store.setting("session_secret") == "bí-mật-1"
    with Store.open(database_url) as other_process:
        assert other_process.setting_or_create("session_secret", "bí-mật-3") == "bí-mật-1"
    assert store.setting_or_create("other", "x") == "x"
    assert count(store, "app_settings") == 2


def test_setting_or_create_agrees_when_two_processes_race(store: Store, database_url: str) -> None:
    """Two web workers starting together on a fresh database must agree on one secret.

    A second connection inserts the key and keeps its transaction open; the store's
    call then waits (PostgreSQL: on the primary key, SQLite: on the write lock) and must
    return the other process's value once it commits, not fail.
    """
    other = sa.create_engine(store.engine.url)
    results: list[str] = []
    errors: list[BaseException] = []

    def second_worker() -> None:
        try:
            results.append(store.setting_or_create("session_secret", "của-tiến-trình-2"))
        except BaseException as exc:
            errors.append(exc)

    try:
        with other.connect() as conn:
            conn.execute(
                sa.text("INSERT INTO app_settings (key, value) VALUES ('session_secret', :v)"),
                {"v": "của-tiến-trình-1"},
            )
            worker = threading.Thread(target=second_worker)
            worker.start()
            _wait_until_blocked(store, conn)
            conn.commit()
            worker.join(timeout=30)
    finally:
        other.dispose()
    assert not worker.is_alive()
    assert errors == []
    assert results == ["của-tiến-trình-1"]
    assert store.setting("session_secret") == "của-tiến-trình-1"


def _wait_until_blocked(store: Store, holder: sa.Connection) -> None:
    """Return once the store's transaction waits on ``holder``'s lock."""
    if store.dialect != "postgresql":
        time.sleep(0.5)  # SQLite: the worker's BEGIN IMMEDIATE waits on the busy timeout
        return
    deadline = time.monotonic() + 10
    with store.engine.connect() as probe:
        while time.monotonic() < deadline:
            waiting = probe.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            if waiting:
                return
            time.sleep(0.02)
    pytest.fail("the store's insert never waited on the other transaction")

"""Task progress updates and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from chitieu.core.model import Area, Resolution, Text
from chitieu.store import NotFoundError, Store, StoreError
from chitieu.store.activity import AuditEntry

RESOLUTION_ID = "haiphong-xvi-2020-2025"
VIETNAM = timezone(timedelta(hours=7))


def resolution(rid: str = RESOLUTION_ID) -> Resolution:
    return Resolution(
        id=rid,
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=(),
        areas=(Area("haiphong", Text("Hải Phòng")),),
    )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), f"id: {RESOLUTION_ID}\n", "resolution.yaml")
    return store


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


# -- task updates ----------------------------------------------------------------------


def test_task_update_round_trip_and_audit(loaded: Store) -> None:
    update = loaded.add_task_update(
        RESOLUTION_ID,
        "dot-pha-1",
        reported_on=date(2022, 6, 30),
        text="Đường ven biển đã thông xe kỹ thuật",
        actor="so-giao-thong",
        percent=85,
        milestone="Thông xe kỹ thuật",
        evidence="Văn bản số 123/SGTVT",
    )
    [stored] = loaded.task_updates(RESOLUTION_ID)
    assert stored == update
    assert (stored.resolution_id, stored.task_id, stored.reported_on) == (
        RESOLUTION_ID,
        "dot-pha-1",
        date(2022, 6, 30),
    )
    assert (stored.percent, stored.milestone, stored.evidence) == (
        85,
        "Thông xe kỹ thuật",
        "Văn bản số 123/SGTVT",
    )
    assert stored.recorded_by == "so-giao-thong"
    assert stored.recorded_at.tzinfo is not None
    [entry] = loaded.audit_log(entity="task")
    assert (entry.actor, entry.action, entry.entity_id) == (
        "so-giao-thong",
        "update",
        f"{RESOLUTION_ID}/dot-pha-1",
    )
    assert entry.after == {
        "percent": 85,
        "milestone": "Thông xe kỹ thuật",
        "text": "Đường ven biển đã thông xe kỹ thuật",
    }
    assert entry.at == stored.recorded_at


@pytest.mark.parametrize("percent", [None, 0, 100])
def test_percent_bounds_are_inclusive_and_optional(loaded: Store, percent: int | None) -> None:
    update = loaded.add_task_update(
        RESOLUTION_ID,
        "III.1",
        reported_on=date(2023, 1, 1),
        text="Tiến độ",
        actor="a",
        percent=percent,
    )
    assert update.percent == percent
    assert loaded.task_updates(RESOLUTION_ID)[0].percent == percent


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"percent": -1}, StoreError, "task III.1: percent must be between 0 and 100, got -1"),
        ({"percent": 101}, StoreError, "got 101"),
        ({"text": ""}, StoreError, "task III.1: the update needs a text"),
        ({"text": " \n\t"}, StoreError, "needs a text"),
        ({"resolution_id": "haiphong-xv-2015-2020"}, NotFoundError, "is not loaded"),
    ],
)
def test_bad_task_update_writes_nothing(
    loaded: Store, changes: dict[str, object], error: type[Exception], message: str
) -> None:
    given: dict[str, object] = {
        "resolution_id": RESOLUTION_ID,
        "task_id": "III.1",
        "reported_on": date(2023, 1, 1),
        "text": "Tiến độ",
        "actor": "a",
        "percent": 50,
    } | changes
    with pytest.raises(error, match=message):
        loaded.add_task_update(**given)  # type: ignore[arg-type]
    assert count(loaded, "task_updates") == 0
    assert count(loaded, "audit_log") == 0


def test_task_updates_by_report_date_then_recording_order(loaded: Store) -> None:
    loaded.save_resolution(resolution("haiphong-xvii"), "id: haiphong-xvii\n", "r.yaml")

    def add(task: str, day: date, text: str, rid: str = RESOLUTION_ID) -> None:
        loaded.add_task_update(rid, task, reported_on=day, text=text, actor="a")

    add("III.1", date(2023, 12, 31), "quý 4")
    add("III.1", date(2023, 3, 31), "quý 1")
    add("III.2", date(2023, 6, 30), "nhiệm vụ khác")
    add("III.1", date(2023, 3, 31), "quý 1, bổ sung")
    add("III.1", date(2023, 1, 1), "nghị quyết khác", rid="haiphong-xvii")

    assert [u.text for u in loaded.task_updates(RESOLUTION_ID, "III.1")] == [
        "quý 1",
        "quý 1, bổ sung",
        "quý 4",
    ]
    assert [u.text for u in loaded.task_updates(RESOLUTION_ID)] == [
        "quý 1",
        "quý 1, bổ sung",
        "nhiệm vụ khác",
        "quý 4",
    ]
    assert loaded.task_updates(RESOLUTION_ID, "IX.9") == []
    assert [u.text for u in loaded.task_updates("haiphong-xvii")] == ["nghị quyết khác"]


# -- audit log --------------------------------------------------------------------------


def test_record_event_keeps_vietnamese_json(store: Store) -> None:
    store.record_event(
        "nguyen.van.a",
        "login_failed",
        "user",
        "nguyen.van.a",
        before={"lần": 1},
        after={"lý do": "sai mật khẩu", "số": 3},
        reason="Đăng nhập thất bại",
    )
    [entry] = store.audit_log()
    assert isinstance(entry, AuditEntry)
    assert entry.before == {"lần": 1}
    assert entry.after == {"lý do": "sai mật khẩu", "số": 3}
    assert entry.reason == "Đăng nhập thất bại"
    with store.engine.connect() as conn:
        raw = conn.execute(sa.text("SELECT after FROM audit_log")).scalar_one()
    assert "sai mật khẩu" in raw  # readable in the database, not \\u-escaped


def test_audit_entry_without_before_or_after_is_empty(store: Store) -> None:
    store.record_event("a", "logout", "user", "a")
    [entry] = store.audit_log()
    assert (entry.before, entry.after, entry.reason) == ({}, {}, "")


@pytest.fixture
def events(store: Store) -> list[AuditEntry]:
    """Six events by three actors, oldest first."""
    for actor, action, entity, entity_id in [
        ("an", "login", "user", "an"),
        ("binh", "submit", "observation", "grdp-growth/haiphong/2021/preliminary/r1"),
        ("an", "approve", "observation", "grdp-growth/haiphong/2021/preliminary/r1"),
        ("chi", "update", "task", "haiphong-xvi-2020-2025/III.1"),
        ("binh", "submit", "observation", "thu_ngan_sach/haiphong/2022/official/r1"),
        ("an", "update", "user", "100%-khoa"),
    ]:
        store.record_event(actor, action, entity, entity_id)
    newest_first = store.audit_log()
    assert len(newest_first) == 6
    return list(reversed(newest_first))


def ids(entries: list[AuditEntry]) -> list[int]:
    return [e.id for e in entries]


def test_audit_log_is_newest_first(events: list[AuditEntry]) -> None:
    assert [e.action for e in events] == [
        "login",
        "submit",
        "approve",
        "update",
        "submit",
        "update",
    ]
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert ids(events) == sorted(ids(events))


def test_audit_log_filters(store: Store, events: list[AuditEntry]) -> None:
    e = events
    assert ids(store.audit_log(actor="an")) == ids([e[5], e[2], e[0]])
    assert ids(store.audit_log(entity="observation")) == ids([e[4], e[2], e[1]])
    assert ids(store.audit_log(action="submit")) == ids([e[4], e[1]])
    assert ids(store.audit_log(actor="binh", action="submit", entity="observation")) == ids(
        [e[4], e[1]]
    )
    assert ids(store.audit_log(contains="haiphong/2021")) == ids([e[2], e[1]])
    assert store.audit_log(actor="nobody") == []
    assert ids(store.audit_log(actor="")) == ids(list(reversed(e)))  # empty: no filter


def test_audit_log_contains_is_literal(store: Store, events: list[AuditEntry]) -> None:
    # "_" and "%" are LIKE wildcards; the search must take them literally.
    assert ids(store.audit_log(contains="thu_ngan")) == [events[4].id]
    assert ids(store.audit_log(contains="100%")) == [events[5].id]
    assert store.audit_log(contains="n_gan") == []
    assert store.audit_log(contains="%khoa%") == []


def test_audit_log_time_window(store: Store, events: list[AuditEntry]) -> None:
    e = events
    assert ids(store.audit_log(since=e[3].at)) == ids([e[5], e[4], e[3]])  # inclusive
    assert ids(store.audit_log(until=e[2].at)) == ids([e[1], e[0]])  # exclusive
    assert ids(store.audit_log(since=e[1].at, until=e[4].at)) == ids([e[3], e[2], e[1]])
    assert store.audit_log(since=e[5].at + timedelta(seconds=1)) == []
    # The same instant written in Vietnam time selects the same entries.
    assert ids(store.audit_log(since=e[3].at.astimezone(VIETNAM))) == ids([e[5], e[4], e[3]])
    assert e[0].at.tzinfo is not None
    assert e[0].at <= datetime.now(UTC)


def test_audit_log_pages(store: Store, events: list[AuditEntry]) -> None:
    newest_first = list(reversed(ids(events)))
    assert ids(store.audit_log(limit=2)) == newest_first[:2]
    assert ids(store.audit_log(limit=2, offset=2)) == newest_first[2:4]
    assert ids(store.audit_log(limit=2, offset=4)) == newest_first[4:6]
    assert store.audit_log(limit=2, offset=6) == []
    assert ids(store.audit_log(actor="an", limit=1, offset=1)) == [events[2].id]


def test_failed_change_leaves_no_audit_row(loaded: Store) -> None:
    """The audit row is written in the change's own transaction: both or neither."""
    with pytest.raises(StoreError):
        loaded.add_task_update(
            "khong-co", "III.1", reported_on=date(2023, 1, 1), text="x", actor="a"
        )
    with pytest.raises(StoreError):
        loaded.create_user("x", "h", "editor", agencies=["khong-co"])  # type: ignore[arg-type]
    assert loaded.audit_log() == []

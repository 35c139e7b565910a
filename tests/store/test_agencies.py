"""Agencies, the indicators they answer for, and the documents kept beside a resolution
(store/definitions.py), on SQLite and PostgreSQL.

Every refusal is checked twice: the error, and that nothing reached the database
(rows counted with plain SQL, not through the store's own readers).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from chitieu.core.agencies import Agency
from chitieu.core.model import Area, Indicator, Resolution, Text
from chitieu.store import NotFoundError, Store, StoreError

RESOLUTION_ID = "haiphong-xvi-2020-2025"
INDICATORS = ("grdp-growth", "thu-ngan-sach")
SO_TAI_CHINH = Agency("so-tai-chinh", Text("Sở Tài chính", "Department of Finance"))
CUC_THONG_KE = Agency("cuc-thong-ke", Text("Cục Thống kê", "Statistics Office"))


def resolution() -> Resolution:
    return Resolution(
        id=RESOLUTION_ID,
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=tuple(Indicator(code, Text(code), "%") for code in INDICATORS),
        areas=(Area("haiphong", Text("Hải Phòng")),),
    )


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.fixture
def with_agencies(store: Store) -> Store:
    store.save_agencies([SO_TAI_CHINH, CUC_THONG_KE], {})
    return store


@pytest.fixture
def loaded(with_agencies: Store) -> Store:
    with_agencies.save_resolution(resolution(), f"id: {RESOLUTION_ID}\n", "resolution.yaml")
    return with_agencies


# -- agencies ----------------------------------------------------------------------------


def test_save_agencies_and_assignments(loaded: Store) -> None:
    loaded.save_agencies([], {"grdp-growth": "cuc-thong-ke", "thu-ngan-sach": "so-tai-chinh"})
    assert loaded.agencies() == [CUC_THONG_KE, SO_TAI_CHINH]
    assert loaded.indicator_agencies() == {
        "grdp-growth": "cuc-thong-ke",
        "thu-ngan-sach": "so-tai-chinh",
    }
    # A first assignment is not a change worth auditing; a reassignment is.
    assert not loaded.audit_log(entity="indicator")

    renamed = Agency("so-tai-chinh", Text("Sở Tài chính Hải Phòng", "Finance"))
    loaded.save_agencies([renamed], {"grdp-growth": "so-tai-chinh"}, actor="quan-tri")
    assert loaded.agencies() == [CUC_THONG_KE, renamed]
    assert loaded.indicator_agencies()["grdp-growth"] == "so-tai-chinh"
    [entry] = loaded.audit_log(entity="indicator")
    assert (entry.actor, entry.action, entry.entity_id) == ("quan-tri", "reassign", "grdp-growth")
    assert (entry.before, entry.after) == ({"agency": "cuc-thong-ke"}, {"agency": "so-tai-chinh"})


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        ({"grdp-growth": "so-xay-dung"}, "indicator 'grdp-growth': unknown agency 'so-xay-dung'"),
        ({"dan-so": "so-y-te"}, "unknown indicator 'dan-so'"),
    ],
)
def test_bad_assignment_writes_nothing(
    loaded: Store, assignments: dict[str, str], message: str
) -> None:
    loaded.save_agencies([], {"grdp-growth": "cuc-thong-ke"})
    audits = count(loaded, "audit_log")
    new_agency = Agency("so-y-te", Text("Sở Y tế", "Department of Health"))
    renamed = Agency("cuc-thong-ke", Text("Đổi tên"))
    with pytest.raises(StoreError, match=message):
        loaded.save_agencies(
            [new_agency, renamed], {"thu-ngan-sach": "so-tai-chinh", **assignments}
        )
    # Neither the new agency, nor the rename, nor the valid assignment got in.
    assert loaded.agencies() == [CUC_THONG_KE, SO_TAI_CHINH]
    assert loaded.indicator_agencies() == {"grdp-growth": "cuc-thong-ke"}
    assert count(loaded, "audit_log") == audits


def test_save_agencies_dry_run_writes_nothing(loaded: Store) -> None:
    loaded.save_agencies(
        [Agency("so-y-te", Text("Sở Y tế"))], {"grdp-growth": "so-y-te"}, dry_run=True
    )
    assert [a.code for a in loaded.agencies()] == ["cuc-thong-ke", "so-tai-chinh"]
    assert loaded.indicator_agencies() == {}


# -- documents beside a resolution -------------------------------------------------------


def test_documents_are_versioned_by_content(loaded: Store) -> None:
    tasks_v1 = "tasks:\n  - id: III.1\n    text: Phát triển kinh tế biển\n"
    tasks_v2 = tasks_v1 + "  - id: III.2\n    text: Chuyển đổi số\n"
    assert loaded.document(RESOLUTION_ID, "tasks") is None
    assert loaded.save_document(RESOLUTION_ID, "tasks", tasks_v1, "tasks.yaml") == 1
    assert loaded.save_document(RESOLUTION_ID, "tasks", tasks_v1, "tasks-copy.yaml") == 1
    assert count(loaded, "documents") == 1
    assert loaded.document(RESOLUTION_ID, "tasks") == (tasks_v1, "tasks.yaml")
    assert loaded.save_document(RESOLUTION_ID, "tasks", tasks_v2, "tasks.yaml") == 2
    assert loaded.document(RESOLUTION_ID, "tasks") == (tasks_v2, "tasks.yaml")
    # Going back to an older text is a change too: history only grows.
    assert loaded.save_document(RESOLUTION_ID, "tasks", tasks_v1, "tasks.yaml") == 3
    assert loaded.document(RESOLUTION_ID, "tasks") == (tasks_v1, "tasks.yaml")
    # Each kind has its own versions.
    assert loaded.save_document(RESOLUTION_ID, "agencies", "agencies: []\n", "a.yaml") == 1
    assert count(loaded, "documents") == 4


def test_document_errors_and_dry_run_write_nothing(loaded: Store) -> None:
    with pytest.raises(NotFoundError, match="'khong-co' is not loaded"):
        loaded.save_document("khong-co", "tasks", "x", "tasks.yaml")
    assert loaded.save_document(RESOLUTION_ID, "tasks", "x", "tasks.yaml", dry_run=True) == 1
    assert count(loaded, "documents") == 0
    assert loaded.document(RESOLUTION_ID, "tasks") is None

"""Nothing is deleted or updated in place: a full review scenario watched at the driver."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from chitieu.core.access import Principal, Role
from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.errors import StaleError
from chitieu.store.review import ReviewAction
from tests.store.review.conftest import ADMIN, REVIEWER, REVIEWER_2, counts


def test_no_code_path_deletes_or_updates_figures(store: Store, tmp_path: Any) -> None:
    """A full scenario on the Hải Phòng data, watched at the driver: loading, the entry
    form, a CSV upload, an import, approve, return, reopen, withdraw, a stale submission.
    Never an UPDATE or DELETE of ``observations``, ``observation_reviews`` or the audit log."""
    import re

    from chitieu import services
    from chitieu.services import exchange
    from chitieu.services import figures as figure_service

    xvi = "haiphong-xvi-2020-2025"
    guarded = re.compile(
        r"^\s*(DELETE\s+FROM|UPDATE)\s+\"?(observations|observation_reviews|audit_log)\b",
        re.IGNORECASE,
    )
    seen: list[str] = []

    def watch(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)
        if guarded.search(statement):
            raise AssertionError(f"in-place change of a figure: {statement}")

    editor = Principal("nhaplieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
    sa.event.listen(store.engine, "before_cursor_execute", watch)
    try:
        services.load_dataset(store, xvi)
        before = counts(store)
        form = figure_service.EntryForm(
            indicator="urban-unemployment",
            year="2024",
            value="3,5",
            status="estimate",
            source_document="Báo cáo KT-XH",
            seen_revision="0",
        )
        [oid] = figure_service.submit_form(store, xvi, form, editor).observation_ids
        store.review_figure(oid, ReviewAction.RETURN, reviewer=REVIEWER, comment="sai")
        form.value, form.seen_revision = "3,4", "1"
        form.reason = "sửa theo ý kiến người duyệt"  # a correction needs a reason
        [fixed] = figure_service.submit_form(store, xvi, form, editor).observation_ids
        figure_service.approve(store, fixed, REVIEWER)
        store.review_figure(fixed, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment="mở")
        form.value, form.seen_revision = "3,3", "2"
        [again] = figure_service.submit_form(store, xvi, form, editor).observation_ids
        figure_service.withdraw(store, again, editor, "gửi nhầm")
        csv = (
            "indicator,area,period,value,unit,status,qualifier,source_document\n"
            "urban-unemployment,haiphong,2023,3.6,%,estimate,exact,Báo cáo\n"
            "urban-unemployment,haiphong,2022,3.7,%,estimate,exact,Báo cáo\n"
        )
        uploaded = figure_service.submit_csv(store, xvi, csv, "upload.csv", editor)
        figure_service.withdraw(store, uploaded.observation_ids[0], REVIEWER, "trùng")
        path = tmp_path / "nhap.csv"
        path.write_text(csv.replace("3.6", "3.65"), encoding="utf-8")
        exchange.import_file(store, path, reason="số liệu sửa đổi")
        store.withdraw_figure(fixed, by=ADMIN, reason="rút số đã duyệt")
        form.value, form.seen_revision = "3,1", "1"
        with pytest.raises(StaleError):
            figure_service.submit_form(store, xvi, form, editor)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", watch)
    # The listener saw the writes (figures themselves may go by COPY on PostgreSQL, which
    # can only insert; their review steps go through SQLAlchemy).
    assert [s for s in seen if re.match(r"\s*INSERT INTO observation_reviews\b", s)]
    assert counts(store)[0] == before[0] + 6
    assert [s.state for s in store.review_history(again)] == [
        ReviewState.SUBMITTED,
        ReviewState.WITHDRAWN,
    ]

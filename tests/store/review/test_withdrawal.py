"""Withdrawals (store/review.py): a figure entered by mistake stops counting; its row
stays, the step is audited, and who may withdraw what is checked.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from chitieu.core.access import Principal, Role
from chitieu.core.observations import Status, current
from chitieu.store import ConflictError, NotFoundError, Store, StoreError
from chitieu.store.approval import ReviewState
from chitieu.store.errors import NotAllowedError
from chitieu.store.review import ReviewAction
from tests.store.review.conftest import (
    ADMIN,
    EDITOR,
    EDITOR_2,
    REVIEWER,
    REVIEWER_2,
    approved_figure,
    approved_figure_year,
    approved_values,
    counts,
    fig,
    state,
    submit_one,
)


def test_withdrawal_keeps_the_row_and_stops_it_counting(loaded: Store) -> None:
    oid = approved_figure(loaded, "12.38")
    rows_before, steps_before, audit_before = counts(loaded)
    review = loaded.withdraw_figure(oid, by=REVIEWER_2, reason="Nhập nhầm chỉ tiêu")
    assert (review.state, review.actor, review.comment) == (
        ReviewState.WITHDRAWN,
        "duyet.hai",
        "Nhập nhầm chỉ tiêu",
    )
    assert counts(loaded) == (rows_before, steps_before + 1, audit_before + 1)
    assert [o.id for o in loaded.observations()] == [oid]  # the row stays
    assert approved_values(loaded) == set()
    assert state(loaded, oid) is ReviewState.WITHDRAWN
    entry = loaded.audit_log(action="withdraw")[0]
    assert (entry.actor, entry.reason, entry.before) == (
        "duyet.hai",
        "Nhập nhầm chỉ tiêu",
        {"state": "approved"},
    )
    assert entry.after["state"] == "withdrawn"
    assert entry.after["value"] == "12.38"


def test_withdrawing_the_official_figure_brings_back_the_preliminary_one(loaded: Store) -> None:
    """The rule chosen: a withdrawn figure stops counting; evaluations fall back to the
    current one among the figures still approved for the period."""
    loaded.add_observations([fig("10.1")])  # preliminary, loaded: approved
    official = submit_one(loaded, replace(fig("10.9"), status=Status.OFFICIAL))
    loaded.review_figure(official, ReviewAction.APPROVE, reviewer=REVIEWER)
    [chosen] = current(loaded.observations(approved_only=True)).values()
    assert (chosen.status, chosen.value) == (Status.OFFICIAL, Decimal("10.9"))
    loaded.withdraw_figure(official, by=REVIEWER, reason="Công bố nhầm")
    [chosen] = current(loaded.observations(approved_only=True)).values()
    assert (chosen.status, chosen.value) == (Status.PRELIMINARY, Decimal("10.1"))


def test_withdrawal_needs_a_reason_and_happens_once(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    before = counts(loaded)
    for reason in ("", "   "):
        with pytest.raises(StoreError, match="say why it is withdrawn"):
            loaded.withdraw_figure(oid, by=REVIEWER, reason=reason)
    assert counts(loaded) == before
    loaded.withdraw_figure(oid, by=REVIEWER, reason="trùng")
    with pytest.raises(ConflictError, match="already withdrawn"):
        loaded.withdraw_figure(oid, by=REVIEWER_2, reason="lần nữa")
    with pytest.raises(NotFoundError):
        loaded.withdraw_figure(4242, by=REVIEWER, reason="không có")


def test_a_withdrawn_figure_cannot_be_approved_or_reopened(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    loaded.withdraw_figure(oid, by=REVIEWER, reason="sai")
    assert loaded.awaiting_review() == []
    with pytest.raises(ConflictError, match="is withdrawn, not waiting"):
        loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER_2)
    with pytest.raises(ConflictError, match="is withdrawn; only approved"):
        loaded.review_figure(oid, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment="x")


def test_a_withdrawn_figure_sent_again_goes_back_to_the_queue(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    loaded.withdraw_figure(oid, by=REVIEWER, reason="thiếu nguồn")
    again = loaded.submit_figures([fig("12.38")], actor=EDITOR.username, reason="có nguồn")
    assert again.observation_ids == (oid,)
    assert state(loaded, oid) is ReviewState.SUBMITTED
    corrected = submit_one(loaded, fig("12.5"))  # and a new value is a new revision
    assert corrected != oid


def test_an_editor_withdraws_only_their_own_pending_submission(assigned: Store) -> None:
    mine = submit_one(assigned, fig("1", 2021))
    theirs = submit_one(assigned, fig("2", 2022), actor=EDITOR_2.username)
    returned = submit_one(assigned, fig("3", 2023))
    assigned.review_figure(returned, ReviewAction.RETURN, reviewer=REVIEWER, comment="sai")
    approved = approved_figure_year(assigned, "4", 2024)
    before = counts(assigned)
    with pytest.raises(NotAllowedError, match="editor who submitted it"):
        assigned.withdraw_figure(theirs, by=EDITOR, reason="không phải của tôi")
    with pytest.raises(ConflictError, match="is approved; a reviewer must withdraw it"):
        assigned.withdraw_figure(approved, by=EDITOR, reason="muộn")
    with pytest.raises(NotAllowedError):
        assigned.withdraw_figure(mine, by=Principal("xem", Role.VIEWER), reason="x")
    outsider = Principal(EDITOR.username, Role.EDITOR, frozenset({"so-y-te"}))
    with pytest.raises(NotAllowedError):  # moved to another agency meanwhile
        assigned.withdraw_figure(mine, by=outsider, reason="x")
    assert counts(assigned) == before
    assigned.withdraw_figure(mine, by=EDITOR, reason="gửi nhầm")
    assigned.withdraw_figure(returned, by=EDITOR, reason="không gửi lại")
    assert state(assigned, mine) is state(assigned, returned) is ReviewState.WITHDRAWN
    assigned.withdraw_figure(approved, by=ADMIN, reason="quản trị rút")
    assert state(assigned, approved) is ReviewState.WITHDRAWN

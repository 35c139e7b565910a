"""A reviewer's decisions (store/review.py): approve or return a submitted figure,
reopen an approved one; approved figures are locked until reopened.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.access import Principal, Role
from chitieu.core.observations import Qualifier
from chitieu.store import AddResult, ConflictError, NotFoundError, Store, StoreError
from chitieu.store.approval import ReviewState
from chitieu.store.errors import LockedError
from chitieu.store.review import ReviewAction
from tests.store.review.conftest import (
    ADMIN,
    EDITOR,
    REVIEWER,
    REVIEWER_2,
    approved_figure,
    approved_values,
    counts,
    fig,
    state,
    submit_one,
)

# -- approve / return ------------------------------------------------------------------


def test_approve_by_another_reviewer(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    review = loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER, comment="đúng")
    assert (review.state, review.actor, review.comment) == (
        ReviewState.APPROVED,
        "duyet.mot",
        "đúng",
    )
    assert [s.state for s in loaded.review_history(oid)] == [
        ReviewState.SUBMITTED,
        ReviewState.APPROVED,
    ]
    entry = loaded.audit_log(action="approve")[0]
    assert (entry.actor, entry.entity, entry.reason) == ("duyet.mot", "observation", "đúng")
    assert entry.before == {"state": "submitted"}
    assert entry.after["state"] == "approved"
    assert entry.after["value"] == "12.38"


@pytest.mark.parametrize("who", [REVIEWER, ADMIN])
def test_approving_ones_own_submission_is_refused(loaded: Store, who: Principal) -> None:
    oid = submit_one(loaded, fig("12.38"), actor=who.username)
    before = counts(loaded)
    with pytest.raises(StoreError, match="you submitted it"):
        loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=who)
    assert counts(loaded) == before
    assert state(loaded, oid) is ReviewState.SUBMITTED
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER_2)
    assert state(loaded, oid) is ReviewState.APPROVED


@pytest.mark.parametrize("action", list(ReviewAction))
@pytest.mark.parametrize("who", [EDITOR, Principal("xem", Role.VIEWER)])
def test_only_reviewers_review(loaded: Store, who: Principal, action: ReviewAction) -> None:
    oid = submit_one(loaded, fig("12.38"), actor="someone-else")
    if action is ReviewAction.REOPEN:
        loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    before_state, before = state(loaded, oid), counts(loaded)
    with pytest.raises(StoreError, match="reviewer"):
        loaded.review_figure(oid, action, reviewer=who, comment="tự mở khoá")
    assert state(loaded, oid) is before_state
    assert counts(loaded) == before


@pytest.mark.parametrize("comment", ["", "   "])
def test_return_needs_a_comment(loaded: Store, comment: str) -> None:
    oid = submit_one(loaded, fig("12.38"))
    with pytest.raises(StoreError, match="say why it is returned"):
        loaded.review_figure(oid, ReviewAction.RETURN, reviewer=REVIEWER, comment=comment)
    assert state(loaded, oid) is ReviewState.SUBMITTED


def test_returned_figure_is_corrected_and_resubmitted(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    review = loaded.review_figure(
        oid, ReviewAction.RETURN, reviewer=REVIEWER, comment="Số không khớp Biểu 1"
    )
    assert (review.state, review.comment) == (ReviewState.RETURNED, "Số không khớp Biểu 1")
    with pytest.raises(ConflictError, match="is returned, not waiting for review"):
        loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    fixed = submit_one(loaded, fig("12.83"))
    assert fixed != oid
    loaded.review_figure(fixed, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert approved_values(loaded) == {(2021, Decimal("12.83"))}


def test_returned_figure_can_be_confirmed_unchanged(loaded: Store) -> None:
    """The agency checks a returned figure and finds it right: sending it again must put
    it back in the queue, or it would stay returned (unused) for good."""
    oid = submit_one(loaded, fig("12.38"))
    loaded.review_figure(oid, ReviewAction.RETURN, reviewer=REVIEWER, comment="Kiểm tra lại")
    again = loaded.submit_figures(
        [fig("12.38")], actor=EDITOR.username, reason="Đã kiểm tra: số đúng"
    )
    assert again.added == AddResult(inserted=0, revised=0, unchanged=1)
    assert again.observation_ids == (oid,)
    assert state(loaded, oid) is ReviewState.SUBMITTED
    assert [r.observation_id for r in loaded.awaiting_review()] == [oid]
    assert loaded.audit_log(limit=1)[0].action == "submit"
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert approved_values(loaded) == {(2021, Decimal("12.38"))}


def test_resending_a_waiting_figure_adds_no_step(loaded: Store) -> None:
    oid = submit_one(loaded, fig("12.38"))
    before = counts(loaded)
    again = loaded.submit_figures([fig("12.38")], actor=EDITOR.username)
    assert (again.added.unchanged, again.observation_ids) == (1, ())
    assert counts(loaded) == before
    assert state(loaded, oid) is ReviewState.SUBMITTED


def test_only_the_newest_revision_can_be_approved_or_returned(loaded: Store) -> None:
    old = submit_one(loaded, fig("12.38"))
    new = submit_one(loaded, fig("12.4"))
    before = counts(loaded)
    for action in (ReviewAction.APPROVE, ReviewAction.RETURN):
        with pytest.raises(ConflictError, match="revision 2 is newer"):
            loaded.review_figure(old, action, reviewer=REVIEWER, comment="x")
    assert counts(loaded) == before
    loaded.review_figure(new, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert approved_values(loaded) == {(2021, Decimal("12.4"))}


def test_figures_not_waiting_cannot_be_approved(loaded: Store) -> None:
    loaded.add_observations([fig("10.1")])
    trusted = loaded.observations()[0].id or 0
    with pytest.raises(ConflictError, match="is approved, not waiting for review"):
        loaded.review_figure(trusted, ReviewAction.APPROVE, reviewer=REVIEWER)
    oid = submit_one(loaded, fig("5", 2022))
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    with pytest.raises(ConflictError, match="is approved, not waiting"):
        loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER_2)


def test_unknown_figure(loaded: Store) -> None:
    with pytest.raises(NotFoundError, match="no figure with id 4242"):
        loaded.review_figure(4242, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert loaded.review_history(4242) == []
    assert loaded.review_states([4242]) == {}


# -- locking and reopening -------------------------------------------------------------


def test_approved_figure_is_locked(loaded: Store) -> None:
    approved_figure(loaded)
    before = counts(loaded)
    with pytest.raises(LockedError, match=r"row 1 .*revision 1\) is locked"):
        loaded.submit_figures([fig("12.5")], actor=EDITOR.username)
    assert counts(loaded) == before


def test_a_qualifier_change_is_a_change_too(loaded: Store) -> None:
    """ "khoảng 12,38 %" instead of "12,38 %" is a new revision: locked like a new value."""
    approved_figure(loaded)
    before = counts(loaded)
    with pytest.raises(LockedError):
        loaded.submit_figures([fig("12.38", qualifier=Qualifier.APPROX)], actor=EDITOR.username)
    assert counts(loaded) == before


def test_loaded_figures_are_locked_as_approved(loaded: Store) -> None:
    loaded.add_observations([fig("10.1")])
    with pytest.raises(LockedError):
        loaded.submit_figures([fig("10.2")], actor=EDITOR.username)


def test_same_value_on_a_locked_key_passes_unchanged(loaded: Store) -> None:
    oid = approved_figure(loaded, "12.38")
    before = counts(loaded)
    same = loaded.submit_figures([fig("12.380")], actor=EDITOR.username)  # same number
    assert same.added == AddResult(inserted=0, revised=0, unchanged=1)
    assert same.observation_ids == ()
    assert counts(loaded) == before
    assert state(loaded, oid) is ReviewState.APPROVED


def test_whole_batch_refused_when_one_row_is_locked(loaded: Store) -> None:
    approved_figure(loaded)
    before = counts(loaded)
    batch = [fig("5", 2022), fig("99"), fig("6", 2023)]
    with pytest.raises(LockedError, match=r"row 2 \(grdp-growth, haiphong, 2021\)"):
        loaded.submit_figures(batch, actor=EDITOR.username)
    assert counts(loaded) == before
    assert loaded.awaiting_review() == []


def test_reopen_then_correct(loaded: Store) -> None:
    oid = approved_figure(loaded)
    with pytest.raises(StoreError, match="say why it is reopened"):
        loaded.review_figure(oid, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment=" ")
    review = loaded.review_figure(
        oid, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment="Cục Thống kê điều chỉnh"
    )
    assert review.state is ReviewState.REOPENED
    entry = loaded.audit_log(action="reopen")[0]
    assert (entry.before, entry.after["state"]) == ({"state": "approved"}, "reopened")
    correction = submit_one(loaded, fig("12.1"))
    assert state(loaded, correction) is ReviewState.SUBMITTED
    loaded.review_figure(correction, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert approved_values(loaded) == {(2021, Decimal("12.1"))}
    # ...and the correction is locked in its turn.
    with pytest.raises(LockedError, match="revision 2"):
        loaded.submit_figures([fig("12.2")], actor=EDITOR.username)


def test_reopened_figure_can_be_confirmed_unchanged(loaded: Store) -> None:
    oid = approved_figure(loaded)
    loaded.review_figure(oid, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment="Kiểm tra")
    again = loaded.submit_figures([fig("12.38")], actor=EDITOR.username)
    assert again.observation_ids == (oid,)
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER_2)
    assert approved_values(loaded) == {(2021, Decimal("12.38"))}


@pytest.mark.parametrize("returned", [False, True])
def test_only_approved_figures_reopen(loaded: Store, returned: bool) -> None:
    oid = submit_one(loaded, fig("12.38"))
    if returned:
        loaded.review_figure(oid, ReviewAction.RETURN, reviewer=REVIEWER, comment="sai")
    expected = "returned" if returned else "submitted"
    with pytest.raises(ConflictError, match=f"is {expected}; only approved figures reopen"):
        loaded.review_figure(oid, ReviewAction.REOPEN, reviewer=REVIEWER, comment="x")

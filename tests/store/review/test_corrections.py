"""Corrections: a new revision closes the proposal it replaces as superseded, needs a
reason, and justifications are kept with the figures they justify."""

from __future__ import annotations

import pytest

from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.errors import StoreError
from chitieu.store.records import Justification
from chitieu.store.review import ReviewAction, obs_key

from .conftest import EDITOR, REVIEWER, counts, fig, state, submit_one


def test_a_correction_supersedes_the_waiting_proposal(loaded: Store) -> None:
    first = submit_one(loaded, fig("12.38"))
    second = submit_one(loaded, fig("12.4"))
    assert state(loaded, first) is ReviewState.SUPERSEDED
    assert state(loaded, second) is ReviewState.SUBMITTED
    assert [r.observation_id for r in loaded.awaiting_review()] == [second]
    step = loaded.review_history(first)[-1]
    assert step.actor == EDITOR.username
    assert "superseded by revision 2" in step.comment
    [entry] = loaded.audit_log(action="supersede", limit=10)
    assert entry.before == {"state": "submitted"}
    assert entry.after["state"] == "superseded"


@pytest.mark.parametrize("closing", [ReviewAction.RETURN, ReviewAction.REOPEN])
def test_returned_and_reopened_proposals_are_closed_too(
    loaded: Store, closing: ReviewAction
) -> None:
    first = submit_one(loaded, fig("12.38"))
    if closing is ReviewAction.REOPEN:
        loaded.review_figure(first, ReviewAction.APPROVE, reviewer=REVIEWER)
    loaded.review_figure(first, closing, reviewer=REVIEWER, comment="kiểm tra lại")
    submit_one(loaded, fig("12.4"))
    assert state(loaded, first) is ReviewState.SUPERSEDED


def test_approved_and_withdrawn_figures_are_not_superseded(loaded: Store) -> None:
    kept = submit_one(loaded, fig("5", 2022))
    loaded.withdraw_figure(kept, by=REVIEWER, reason="nhập nhầm")
    # A new value for a withdrawn figure is no correction: no reason needed.
    loaded.submit_figures([fig("6", 2022)], actor=EDITOR.username)
    assert state(loaded, kept) is ReviewState.WITHDRAWN


def test_a_correction_needs_a_reason(loaded: Store) -> None:
    submit_one(loaded, fig("12.38"))
    before = counts(loaded)
    with pytest.raises(StoreError, match="needs a reason") as info:
        loaded.submit_figures([fig("5", 2022), fig("12.4")], actor=EDITOR.username)
    assert info.value.code == "correction_reason"
    assert info.value.values == {"rows": (2,)}
    assert counts(loaded) == before
    # The same value again is no correction: it needs no reason.
    loaded.submit_figures([fig("12.38")], actor=EDITOR.username)
    assert counts(loaded)[0] == before[0]


def test_justifications_are_kept_with_the_figure(loaded: Store) -> None:
    figure = fig("60")
    why = Justification("năm phục hồi sau dịch", ("growth_history",))
    [oid] = loaded.submit_figures(
        [figure], actor=EDITOR.username, justifications={obs_key(figure): why}
    ).observation_ids
    kept = loaded.justifications([oid])[oid]
    assert (kept.text, kept.rules, kept.recorded_by) == (
        "năm phục hồi sau dịch",
        ("growth_history",),
        EDITOR.username,
    )
    assert kept.recorded_at is not None
    # Sent again unchanged after a return, the first justification stays.
    loaded.review_figure(oid, ReviewAction.RETURN, reviewer=REVIEWER, comment="xem lại")
    loaded.submit_figures(
        [figure],
        actor=EDITOR.username,
        justifications={obs_key(figure): Justification("lần hai")},
    )
    assert loaded.justifications([oid])[oid].text == "năm phục hồi sau dịch"
    assert loaded.justifications([]) == {}

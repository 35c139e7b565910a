"""The reviewers' queue and the history of each figure (store/review.py)."""

from __future__ import annotations

from dataclasses import replace

from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.review import ReviewAction
from tests.store.review.conftest import GROWTH, REVENUE, REVIEWER, REVIEWER_2, fig, submit_one


def test_awaiting_review_lists_newest_submitted_revisions_oldest_first(loaded: Store) -> None:
    a1 = submit_one(loaded, fig("1", 2021))
    b = submit_one(loaded, fig("2", 2022))
    c = submit_one(loaded, fig("3", 2023))
    a2 = submit_one(loaded, fig("1.5", 2021))  # correction: replaces a1 in the queue
    d = submit_one(loaded, fig("400", 2021, indicator=REVENUE))
    e = submit_one(loaded, fig("4", 2024))
    loaded.review_figure(c, ReviewAction.RETURN, reviewer=REVIEWER, comment="sai đơn vị")
    loaded.review_figure(e, ReviewAction.APPROVE, reviewer=REVIEWER)
    loaded.add_observations([fig("5", 2025)])  # loaded: never in the queue

    queue = loaded.awaiting_review()
    assert [r.observation_id for r in queue] == [b, a2, d]
    assert a1 not in {r.observation_id for r in queue}
    assert all(r.state is ReviewState.SUBMITTED for r in queue)
    assert [r.at for r in queue] == sorted(r.at for r in queue)
    assert [r.observation_id for r in loaded.awaiting_review([REVENUE])] == [d]
    assert [r.observation_id for r in loaded.awaiting_review([GROWTH])] == [b, a2]
    assert loaded.awaiting_review([]) == []


def test_review_states_are_the_latest_step(loaded: Store) -> None:
    loaded.add_observations([fig("10.1", 2025)])
    trusted = loaded.observations()[0].id or 0
    oid = submit_one(loaded, fig("1"))
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    states = loaded.review_states([oid, trusted])
    assert set(states) == {oid}  # a loaded figure has no step
    assert states[oid].state is ReviewState.APPROVED
    assert states[oid].actor == "duyet.mot"
    assert loaded.review_states([]) == {}


def test_review_history_survives_every_step(loaded: Store) -> None:
    oid = submit_one(loaded, fig("1"))
    loaded.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    loaded.review_figure(oid, ReviewAction.REOPEN, reviewer=REVIEWER_2, comment="mở")
    history = loaded.review_history(oid)
    assert [(h.state, h.actor) for h in history] == [
        (ReviewState.SUBMITTED, "nhap.lieu"),
        (ReviewState.APPROVED, "duyet.mot"),
        (ReviewState.REOPENED, "duyet.hai"),
    ]
    assert [h.at for h in history] == sorted(h.at for h in history)


def test_submission_keeps_the_figures_details(loaded: Store) -> None:
    given = replace(fig("12.38"), note="ước tính của Sở")
    oid = submit_one(loaded, given)
    [stored] = [o for o in loaded.observations() if o.id == oid]
    assert (stored.note, stored.source.document) == ("ước tính của Sở", "Báo cáo của Cục Thống kê")

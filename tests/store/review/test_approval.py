"""What evaluations see (store/approval.py): figures loaded from reviewed dataset files
and approved figures; a pending figure never displaces an approved one.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from chitieu.core.observations import Status, current
from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.review import ReviewAction
from tests.store.review.conftest import REVIEWER, approved_values, fig, state, submit_one


def test_evaluations_see_loaded_and_approved_figures_only(loaded: Store) -> None:
    loaded.add_observations([fig("10.1", 2021)], dataset="haiphong")  # trusted: no step
    submitted = submit_one(loaded, fig("10.2", 2022))
    returned = submit_one(loaded, fig("10.3", 2023))
    approved = submit_one(loaded, fig("10.4", 2024))
    reopened = submit_one(loaded, fig("10.5", 2025))
    loaded.review_figure(returned, ReviewAction.RETURN, reviewer=REVIEWER, comment="thiếu nguồn")
    loaded.review_figure(approved, ReviewAction.APPROVE, reviewer=REVIEWER)
    loaded.review_figure(reopened, ReviewAction.APPROVE, reviewer=REVIEWER)
    loaded.review_figure(reopened, ReviewAction.REOPEN, reviewer=REVIEWER, comment="xem lại")

    assert approved_values(loaded) == {(2021, Decimal("10.1")), (2024, Decimal("10.4"))}
    assert len(loaded.observations()) == 5  # the unfiltered view still has every figure
    assert state(loaded, submitted) is ReviewState.SUBMITTED


def test_a_pending_correction_leaves_the_approved_figure_in_use(loaded: Store) -> None:
    loaded.add_observations([fig("10.1")])
    loaded.review_figure(
        loaded.observations()[0].id or 0,
        ReviewAction.REOPEN,
        reviewer=REVIEWER,
        comment="Cục Thống kê công bố số chính thức khác",
    )
    assert approved_values(loaded) == set()  # a reopened figure is not used either
    correction = submit_one(loaded, fig("10.7"))
    assert approved_values(loaded) == set()
    loaded.review_figure(correction, ReviewAction.APPROVE, reviewer=REVIEWER)
    assert approved_values(loaded) == {(2021, Decimal("10.7"))}


def test_a_pending_official_figure_does_not_displace_the_approved_one(loaded: Store) -> None:
    """What ``services.evaluate`` asks for (every approved revision, then the current
    one): an official figure waiting for review must not outrank the preliminary one."""
    loaded.add_observations([fig("10.1")])
    submit_one(loaded, replace(fig("10.9"), status=Status.OFFICIAL))
    rows = loaded.observations(all_revisions=True, approved_only=True)
    assert [(o.status, o.value) for o in rows] == [(Status.PRELIMINARY, Decimal("10.1"))]
    [chosen] = current(rows).values()
    assert chosen.value == Decimal("10.1")
    [chosen] = current(loaded.observations()).values()
    assert chosen.status is Status.OFFICIAL  # without the filter it would have won

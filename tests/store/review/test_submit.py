"""Submitting figures for review (store/review.py): one transaction, a revision per
correction, a step and an audit row per figure; a figure changed since the user opened it
is refused (optimistic locking) and the refusal carries both values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from chitieu.store import AddResult, Store, StoreError
from chitieu.store import review as review_module
from chitieu.store.approval import ReviewState
from chitieu.store.errors import StaleError
from chitieu.store.review import ReviewAction, obs_key
from tests.store.review.conftest import EDITOR, REVIEWER, approved_figure, counts, fig, submit_one

# -- submit ----------------------------------------------------------------------------


def test_submit_writes_revision_step_and_audit(loaded: Store) -> None:
    submission = loaded.submit_figures(
        [fig("12.38"), fig("13.5", 2022)], actor=EDITOR.username, reason="báo cáo tháng 1"
    )
    assert submission.added == AddResult(inserted=2, revised=0, unchanged=0)
    assert len(submission.observation_ids) == 2
    assert counts(loaded) == (2, 2, 2)
    first = submission.observation_ids[0]
    [step] = loaded.review_history(first)
    assert (step.state, step.actor, step.comment) == (
        ReviewState.SUBMITTED,
        "nhap.lieu",
        "báo cáo tháng 1",
    )
    stored = {o.id: o for o in loaded.observations()}
    assert stored[first].value == Decimal("12.38")
    assert stored[first].revision == 1
    entries = loaded.audit_log(entity="observation")
    assert [(e.action, e.actor, e.entity_id) for e in reversed(entries)] == [
        ("submit", "nhap.lieu", "grdp-growth/haiphong/2021/preliminary/r1"),
        ("submit", "nhap.lieu", "grdp-growth/haiphong/2022/preliminary/r1"),
    ]
    assert entries[-1].before == {}
    assert entries[-1].after == {
        "value": "12.38",
        "unit": "%",
        "qualifier": "exact",
        "revision": 1,
    }
    assert entries[-1].reason == "báo cáo tháng 1"
    assert entries[-1].at == step.at  # one moment for the step and its audit row


def test_correction_is_the_next_revision_and_audited_with_the_old_value(loaded: Store) -> None:
    submit_one(loaded, fig("12.38"))
    second = submit_one(loaded, fig("12.4"))
    assert {o.id: o.revision for o in loaded.observations()}[second] == 2
    latest = loaded.audit_log(entity="observation", limit=1)[0]
    assert latest.entity_id.endswith("/r2")
    assert (latest.before["value"], latest.after["value"]) == ("12.38", "12.4")


def test_submit_is_one_transaction(loaded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the audit row cannot be written, neither is the figure nor its step."""

    def broken_audit(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(review_module, "audit", broken_audit)
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        loaded.submit_figures([fig("12.38")], actor=EDITOR.username)
    assert counts(loaded) == (0, 0, 0)


def test_bad_row_refuses_the_batch(loaded: Store) -> None:
    with pytest.raises(StoreError, match=r"row 2 .*unknown area 'hai-duong'"):
        loaded.submit_figures([fig("12.38"), fig("1", area="hai-duong")], actor=EDITOR.username)
    assert counts(loaded) == (0, 0, 0)


def test_empty_submission_is_refused(loaded: Store) -> None:
    with pytest.raises(StoreError, match="no figures"):
        loaded.submit_figures([], actor=EDITOR.username)


def test_dry_run_submits_nothing(loaded: Store) -> None:
    preview = loaded.submit_figures([fig("12.38")], actor=EDITOR.username, dry_run=True)
    assert preview.added.inserted == 1
    assert counts(loaded) == (0, 0, 0)


# -- optimistic locking ----------------------------------------------------------------


def test_stale_revision_refuses_the_batch(loaded: Store) -> None:
    first = fig("12.38")
    submit_one(loaded, first)
    before = counts(loaded)
    key = obs_key(first)
    with pytest.raises(StaleError, match="revision 1, you saw 0"):
        loaded.submit_figures(
            [fig("5", 2022), fig("12.4")],
            actor=EDITOR.username,
            expected_revisions={key: 0},
        )
    assert counts(loaded) == before
    done = loaded.submit_figures(
        [fig("12.4")], actor=EDITOR.username, expected_revisions={key: 1}, reason="sửa"
    )
    assert done.added.revised == 1


def test_expected_zero_means_a_new_figure(loaded: Store) -> None:
    new = fig("5", 2022)
    done = loaded.submit_figures([new], actor="a", expected_revisions={obs_key(new): 0})
    assert done.added.inserted == 1
    with pytest.raises(StaleError, match="revision 0, you saw 3"):
        loaded.submit_figures(
            [fig("6", 2023)], actor="a", expected_revisions={obs_key(fig("6", 2023)): 3}
        )


def test_staleness_is_checked_before_locking(loaded: Store) -> None:
    """A user who saw an older revision learns that it changed, not just that it is locked."""
    approved_figure(loaded)
    correction = fig("1")
    loaded.review_figure(
        loaded.observations()[0].id or 0, ReviewAction.REOPEN, reviewer=REVIEWER, comment="x"
    )
    submit_one(loaded, correction)
    with pytest.raises(StaleError):
        loaded.submit_figures(
            [fig("2")], actor=EDITOR.username, expected_revisions={obs_key(correction): 1}
        )


def test_stale_error_carries_both_values(loaded: Store) -> None:
    first = fig("12.38")
    submit_one(loaded, first, actor="nguoi.khac")
    with pytest.raises(StaleError) as caught:
        loaded.submit_figures(
            [fig("12.4")], actor=EDITOR.username, expected_revisions={obs_key(first): 0}
        )
    err = caught.value
    assert err.seen == 0
    assert err.stored is not None
    assert (err.stored.value, err.stored.revision, err.stored.recorded_by) == (
        Decimal("12.38"),
        1,
        "nguoi.khac",
    )
    assert err.yours.value == Decimal("12.4")
    assert "stored 12.38 % (by nguoi.khac), yours 12.4 %" in str(err)

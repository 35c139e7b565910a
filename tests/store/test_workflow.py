"""The approval workflow of figures, on SQLite and PostgreSQL.

submit → approve / return → (approved) reopen → correct → approve: each step is a row of
``observation_reviews``; evaluations read only approved figures and figures loaded from
reviewed dataset files (no step at all). Refusals must leave the database untouched:
no figure, no step, no audit row.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from chitieu.core.access import Principal, Role
from chitieu.core.model import Area, Citation, Indicator, Resolution, Text
from chitieu.core.observations import Observation, Qualifier, Status, current
from chitieu.store import AddResult, ConflictError, NotFoundError, Store, StoreError, workflow
from chitieu.store.workflow import (
    LockedError,
    ReviewAction,
    ReviewState,
    StaleError,
    obs_key,
)

GROWTH = "grdp-growth"
REVENUE = "thu-ngan-sach"

EDITOR = Principal("nhap.lieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
REVIEWER = Principal("duyet.mot", Role.REVIEWER)
REVIEWER_2 = Principal("duyet.hai", Role.REVIEWER)
ADMIN = Principal("quan.tri", Role.ADMIN)


def resolution() -> Resolution:
    return Resolution(
        id="haiphong-xvi-2020-2025",
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=(
            Indicator(GROWTH, Text("Tốc độ tăng trưởng GRDP"), "%"),
            Indicator(REVENUE, Text("Thu ngân sách nội địa"), "tỷ đồng"),
        ),
        areas=(Area("haiphong", Text("Hải Phòng")),),
    )


def fig(
    value: str,
    year: int = 2021,
    *,
    indicator: str = GROWTH,
    area: str = "haiphong",
    qualifier: Qualifier = Qualifier.EXACT,
) -> Observation:
    return Observation(
        indicator=indicator,
        area=area,
        period=(year, year),
        value=Decimal(value),
        unit="%" if indicator == GROWTH else "tỷ đồng",
        status=Status.PRELIMINARY,
        qualifier=qualifier,
        source=Citation(document="Báo cáo của Cục Thống kê", section="Biểu 1"),
    )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    return store


def counts(store: Store) -> tuple[int, int, int]:
    """Rows of observations, review steps and audit entries."""
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("observations", "observation_reviews", "audit_log")
        )


def submit_one(store: Store, figure: Observation, actor: str = EDITOR.username) -> int:
    [oid] = store.submit_figures([figure], actor=actor, reason="số liệu sơ bộ").observation_ids
    return oid


def approved_values(store: Store) -> set[tuple[int, Decimal]]:
    return {(o.year, o.value) for o in store.observations(approved_only=True)}


def state(store: Store, oid: int) -> ReviewState:
    return store.review_states([oid])[oid].state


# -- submit -------------------------------------------------------------------------------


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

    monkeypatch.setattr(workflow, "audit", broken_audit)
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


# -- what evaluations see -------------------------------------------------------------


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


# -- approve / return ---------------------------------------------------------------------


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


# -- locking and reopening ------------------------------------------------------------------


def approved_figure(store: Store, value: str = "12.38") -> int:
    oid = submit_one(store, fig(value))
    store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    return oid


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


# -- optimistic locking ---------------------------------------------------------------------


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
    done = loaded.submit_figures([fig("12.4")], actor=EDITOR.username, expected_revisions={key: 1})
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


# -- the reviewers' queue ---------------------------------------------------------------


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


# -- withdrawals ------------------------------------------------------------------------------

EDITOR_2 = Principal("nhap.khac", Role.EDITOR, frozenset({"cuc-thong-ke"}))


@pytest.fixture
def assigned(loaded: Store) -> Store:
    """Both indicators reported by the editors' agency (the scope of their withdrawals)."""
    from chitieu.core.agencies import Agency

    loaded.save_agencies(
        [Agency("cuc-thong-ke", Text("Cục Thống kê"))],
        {GROWTH: "cuc-thong-ke", REVENUE: "cuc-thong-ke"},
        actor="test",
    )
    return loaded


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
    with pytest.raises(workflow.NotAllowedError, match="editor who submitted it"):
        assigned.withdraw_figure(theirs, by=EDITOR, reason="không phải của tôi")
    with pytest.raises(ConflictError, match="is approved; a reviewer must withdraw it"):
        assigned.withdraw_figure(approved, by=EDITOR, reason="muộn")
    with pytest.raises(workflow.NotAllowedError):
        assigned.withdraw_figure(mine, by=Principal("xem", Role.VIEWER), reason="x")
    outsider = Principal(EDITOR.username, Role.EDITOR, frozenset({"so-y-te"}))
    with pytest.raises(workflow.NotAllowedError):  # moved to another agency meanwhile
        assigned.withdraw_figure(mine, by=outsider, reason="x")
    assert counts(assigned) == before
    assigned.withdraw_figure(mine, by=EDITOR, reason="gửi nhầm")
    assigned.withdraw_figure(returned, by=EDITOR, reason="không gửi lại")
    assert state(assigned, mine) is state(assigned, returned) is ReviewState.WITHDRAWN
    assigned.withdraw_figure(approved, by=ADMIN, reason="quản trị rút")
    assert state(assigned, approved) is ReviewState.WITHDRAWN


def approved_figure_year(store: Store, value: str, year: int) -> int:
    oid = submit_one(store, fig(value, year))
    store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    return oid


# -- optimistic locking shows both values ----------------------------------------------------


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


# -- nothing is deleted or updated in place ---------------------------------------------------


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
        exchange.import_file(store, path)
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


def test_migration_0003_keeps_review_steps(empty_store: Store) -> None:
    """Upgrading a 0002 database (SQLite rebuilds the table) keeps every step and its id."""
    from chitieu.store import migrate

    migrate.upgrade(empty_store.engine, "0002")
    empty_store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    oid = submit_one(empty_store, fig("12.38"))
    empty_store.review_figure(oid, ReviewAction.APPROVE, reviewer=REVIEWER)
    before = empty_store.review_history(oid)
    migrate.upgrade(empty_store.engine)
    assert empty_store.schema_revision() == "0003"
    assert empty_store.review_history(oid) == before
    empty_store.withdraw_figure(oid, by=REVIEWER, reason="sau khi nâng cấp")
    assert state(empty_store, oid) is ReviewState.WITHDRAWN

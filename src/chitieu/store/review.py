"""The approval workflow of figures entered by agencies (DHIS2's data approval as model).

A figure typed in the web app, sent by the API or imported from an agency's workbook is
*submitted*; a reviewer *approves* it (it becomes usable by evaluations) or *returns* it
with a comment; approved figures are locked until a reviewer *reopens* them. Each step
is a new row of ``observation_reviews``: the state of a figure is its latest step, and
the history is never lost. Figures loaded by the CLI from reviewed dataset files have no
step at all and count as approved: they arrived through a trusted channel.

Nothing is deleted in place: a figure entered by mistake is *withdrawn* (a step with a
reason), its row stays, and it no longer counts. Concurrent writers are serialised per
indicator (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT … FOR UPDATE`` on the
indicators touched), so the revision a user saw is checked against what is committed.

What counts as approved is decided in :mod:`chitieu.store.approval` (evaluations use the
same rule); the refusals (locked, stale, not allowed) are in :mod:`chitieu.store.errors`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.core.access import Action, Principal, allowed, may_approve
from chitieu.core.observations import Observation
from chitieu.store.activity import audit, write_audit_batch
from chitieu.store.approval import ReviewState
from chitieu.store.base import StoreBase, now
from chitieu.store.errors import (
    ConflictError,
    LockedError,
    NotAllowedError,
    NotFoundError,
    StaleError,
    StoredFigure,
    StoreError,
)
from chitieu.store.figures import add_figures
from chitieu.store.inserts import CLASH_MESSAGE, bulk_insert
from chitieu.store.records import AddResult, Justification, RowKey, WrittenFigure, row_key
from chitieu.store.tables import (
    IndicatorAgencyRow,
    IndicatorRow,
    ObservationJustificationRow,
    ObservationReviewRow,
    ObservationRow,
)


class ReviewAction(StrEnum):
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


_RESULT = {
    ReviewAction.APPROVE: ReviewState.APPROVED,
    ReviewAction.RETURN: ReviewState.RETURNED,
    ReviewAction.REOPEN: ReviewState.REOPENED,
}


# Sent again unchanged, these go back to the reviewers (the agency confirms the figure).
# A withdrawn figure sent again is a new submission too: never silently revived.
_RESUBMITTABLE = (ReviewState.RETURNED, ReviewState.REOPENED, ReviewState.WITHDRAWN)
# A proposal still open when a correction replaces it: closed as superseded, so that no
# revision stays "waiting" forever out of the queue (the queue shows newest revisions).
_OPEN = (ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.REOPENED)


@dataclass(frozen=True)
class Review:
    observation_id: int
    state: ReviewState
    actor: str
    at: datetime
    comment: str


@dataclass(frozen=True)
class Submission:
    """What a submit did: the figures now waiting for review (ids) and the counts."""

    added: AddResult
    observation_ids: tuple[int, ...]


#: Values per SQL ``IN (...)``: well under SQLite's and PostgreSQL's parameter limits.
_MAX_IN = 500


def _key(row: ObservationRow | WrittenFigure) -> RowKey:
    return row_key(
        row.indicator, row.area, row.period_start, row.period_end, row.part, row.basis, row.status
    )


def obs_key(obs: Observation) -> RowKey:
    return row_key(
        obs.indicator,
        obs.area,
        obs.period[0],
        obs.period[1],
        obs.part,
        obs.basis.code,
        str(obs.status),
    )


class ReviewMixin(StoreBase):
    """Submit, approve, return, reopen and withdraw figures; the reviewers' queue."""

    def submit_figures(
        self,
        observations: Sequence[Observation],
        *,
        actor: str,
        reason: str = "",
        dataset: str = "web",
        expected_revisions: Mapping[RowKey, int] | None = None,
        dry_run: bool = False,
        justifications: Mapping[RowKey, Justification] | None = None,
    ) -> Submission:
        """Record figures as submitted for review, in one transaction.

        Refused as a whole (nothing written) when a figure's key is approved and locked,
        when ``expected_revisions`` (the revision the user saw, 0 for none) no longer
        matches (the user must look at the newer figure first), or when a figure corrects
        a stored one (another value, unit or qualifier) and ``reason`` is empty.

        A correction closes the proposal it replaces as *superseded*. ``justifications``
        (per key) are kept with the figures they justify.
        """
        if not observations:
            raise StoreError("no figures to submit", code="nothing")
        with self._write(dry_run) as session:
            _lock_indicators(session, {o.indicator for o in observations})
            latest = self._latest_rows(session, [obs_key(o) for o in observations])
            states = self._states(session, [r.id for r in latest.values()])
            corrected: list[int] = []
            for number, obs in enumerate(observations, start=1):
                key = obs_key(obs)
                held = latest.get(key)
                basis = "" if obs.basis.is_level else f", {obs.basis.code}"
                where = f"row {number} ({obs.indicator}, {obs.area}, {obs.period_code}{basis})"
                # A withdrawn figure no longer counts: a new value for it is no correction.
                withdrawn = held is not None and (
                    _state(states.get(held.id)) is ReviewState.WITHDRAWN
                )
                if held is not None and not withdrawn and not _same(held, obs):
                    corrected.append(number)
                if expected_revisions is not None and key in expected_revisions:
                    seen = expected_revisions[key]
                    now_at = 0 if held is None else held.revision
                    if seen != now_at:
                        raise StaleError(
                            f"{where}: changed since you opened it (revision {now_at}, you saw"
                            f" {seen}): stored {_value_text(held)}, yours"
                            f" {obs.value} {obs.unit}; reload and check the newer figure",
                            key=key,
                            seen=seen,
                            stored=None if held is None else _stored(held),
                            yours=obs,
                        )
                approved = held is not None and _state(states.get(held.id)) is ReviewState.APPROVED
                if held is not None and approved and not _same(held, obs):
                    raise LockedError(
                        f"{where}: the approved figure (revision {held.revision}) is locked;"
                        " a reviewer must reopen it before it can be corrected",
                        row=number,
                        revision=held.revision,
                    )
            if corrected and not reason.strip():
                rows_text = ", ".join(str(n) for n in corrected)
                raise StoreError(
                    f"row {rows_text}: a correction of a stored figure needs a reason",
                    code="correction_reason",
                    rows=tuple(corrected),
                )
            rows: list[WrittenFigure] = []
            added = add_figures(
                session,
                observations,
                recorded_by=actor,
                reason=reason,
                dataset=dataset,
                written=rows,
            )
            try:
                session.flush()
            except sa.exc.IntegrityError as exc:
                # The unique key (indicator, area, period, status, revision) is the last
                # guard: a concurrent writer took this revision first. Never overwrite.
                if not _is_revision_clash(exc):
                    raise
                raise ConflictError(CLASH_MESSAGE) from exc
            # An unchanged figure that was returned or reopened is sent back to the queue:
            # the agency confirms it; otherwise it could never be approved again.
            written = {_key(r): r for r in rows}
            waiting: list[ObservationRow | WrittenFigure] = []
            for obs in observations:
                key = obs_key(obs)
                held = latest.get(key)
                if key in written:
                    waiting.append(written[key])
                elif held is not None and _state(states.get(held.id)) in _RESUBMITTABLE:
                    waiting.append(held)
            at = now()
            self._supersede(session, [r for r in rows if r.revision > 1], latest, states, actor, at)
            if justifications:
                _justify(session, waiting, justifications, actor, at)
            # One bulk insert each for the review steps and the audit rows: an imported
            # workbook has 100.000 figures, and one ORM object each took longer than the rest.
            if waiting:
                bulk_insert(
                    session,
                    ObservationReviewRow.__table__,
                    [
                        {
                            "observation_id": row.id,
                            "action": ReviewState.SUBMITTED.value,
                            "actor": actor,
                            "at": at,
                            "comment": reason,
                        }
                        for row in waiting
                    ],
                )
                batch: list[dict[str, Any]] = []
                for row in waiting:
                    previous = latest.get(_key(row))
                    audit(
                        session,
                        actor,
                        "submit",
                        "observation",
                        _entity_id(row),
                        before={} if previous is None else _figure(previous),
                        after=_figure(row),
                        reason=reason,
                        at=at,
                        batch=batch,
                    )
                write_audit_batch(session, batch)
            return Submission(added, tuple(r.id for r in waiting))

    @staticmethod
    def _supersede(
        session: Session,
        written: Sequence[WrittenFigure],
        latest: Mapping[RowKey, ObservationRow],
        states: Mapping[int, Review],
        actor: str,
        at: datetime,
    ) -> None:
        """Close the open proposals the new revisions replace (step and audit row each)."""
        closed: list[tuple[ObservationRow, WrittenFigure, ReviewState]] = []
        for row in written:
            held = latest.get(_key(row))
            if held is None:
                continue
            state = _state(states.get(held.id))
            if state in _OPEN:
                closed.append((held, row, state))
        if not closed:
            return
        comment = "thay bằng phiên bản {0} (superseded by revision {0})"
        bulk_insert(
            session,
            ObservationReviewRow.__table__,
            [
                {
                    "observation_id": held.id,
                    "action": ReviewState.SUPERSEDED.value,
                    "actor": actor,
                    "at": at,
                    "comment": comment.format(row.revision),
                }
                for held, row, _ in closed
            ],
        )
        batch: list[dict[str, Any]] = []
        for held, row, state in closed:
            audit(
                session,
                actor,
                "supersede",
                "observation",
                _entity_id(held),
                before={"state": state.value},
                after={"state": ReviewState.SUPERSEDED.value, "by": _entity_id(row)},
                reason=comment.format(row.revision),
                at=at,
                batch=batch,
            )
        write_audit_batch(session, batch)

    def justifications(self, observation_ids: Sequence[int]) -> dict[int, Justification]:
        """The justification kept with each figure that has one."""
        if not observation_ids:
            return {}
        j = ObservationJustificationRow
        out: dict[int, Justification] = {}
        ids = sorted(set(observation_ids))
        with self._read() as session:
            for start in range(0, len(ids), _MAX_IN):
                chunk = ids[start : start + _MAX_IN]
                for row in session.scalars(sa.select(j).where(j.observation_id.in_(chunk))):
                    out[row.observation_id] = Justification(
                        row.text,
                        tuple(r for r in row.rules.split(",") if r),
                        row.recorded_by,
                        row.recorded_at,
                    )
        return out

    def review_figure(
        self, observation_id: int, action: ReviewAction, *, reviewer: Principal, comment: str = ""
    ) -> Review:
        """Approve, return or reopen one figure; the state machine is checked here."""
        action = ReviewAction(action)
        with self._write() as session:
            row, history = self._locked_figure(session, observation_id)
            state = history[-1].state if history else ReviewState.APPROVED
            where = f"figure {observation_id} ({_entity_id(row)})"
            if not allowed(reviewer, Action.REVIEW_FIGURE):
                raise StoreError(
                    f"{where}: only a reviewer may {action.value} figures", code="not_reviewer"
                )
            if action in (ReviewAction.APPROVE, ReviewAction.RETURN):
                if state is not ReviewState.SUBMITTED and state is not ReviewState.SUPERSEDED:
                    raise ConflictError(
                        f"{where}: is {state.value}, not waiting for review",
                        code="not_waiting",
                        id=observation_id,
                        state=state.value,
                    )
                newest = self._latest_rows(session, [_key(row)])[_key(row)]
                if newest.id != row.id:
                    raise ConflictError(
                        f"{where}: revision {newest.revision} is newer; review that one",
                        code="newer_revision",
                        id=observation_id,
                        revision=newest.revision,
                    )
            if action is ReviewAction.APPROVE:
                submitter = next(
                    (h.actor for h in reversed(history) if h.state is ReviewState.SUBMITTED), ""
                )
                if not may_approve(reviewer, submitter):
                    raise StoreError(
                        f"{where}: you submitted it; another reviewer must approve it",
                        code="own_submission",
                        id=observation_id,
                    )
            if action is ReviewAction.RETURN and not comment.strip():
                raise StoreError(
                    f"{where}: say why it is returned (comment)",
                    code="comment_required",
                    id=observation_id,
                    action=action.value,
                )
            if action is ReviewAction.REOPEN:
                if state is not ReviewState.APPROVED:
                    raise ConflictError(
                        f"{where}: is {state.value}; only approved figures reopen",
                        code="not_approved",
                        id=observation_id,
                        state=state.value,
                    )
                if not comment.strip():
                    raise StoreError(
                        f"{where}: say why it is reopened (comment)",
                        code="comment_required",
                        id=observation_id,
                        action=action.value,
                    )
            at = now()
            result = _RESULT[action]
            session.add(
                ObservationReviewRow(
                    observation_id=observation_id,
                    action=result.value,
                    actor=reviewer.username,
                    at=at,
                    comment=comment,
                )
            )
            audit(
                session,
                reviewer.username,
                action.value,
                "observation",
                _entity_id(row),
                before={"state": state.value},
                after={"state": result.value, **_figure(row)},
                reason=comment,
                at=at,
            )
            return Review(observation_id, result, reviewer.username, at, comment)

    def withdraw_figure(self, observation_id: int, *, by: Principal, reason: str) -> Review:
        """Mark a figure withdrawn: the row stays, it no longer counts, the step is audited.

        Reviewers and administrators withdraw any figure that is not withdrawn already; an
        editor withdraws only their own submission while it waits for review or has been
        returned (before a reviewer has accepted it), for an indicator of their agencies.
        """
        if not reason.strip():
            raise StoreError(
                f"figure {observation_id}: say why it is withdrawn (reason)",
                code="reason_required",
                id=observation_id,
            )
        with self._write() as session:
            row, history = self._locked_figure(session, observation_id)
            state = history[-1].state if history else ReviewState.APPROVED
            where = f"figure {observation_id} ({_entity_id(row)})"
            if state is ReviewState.WITHDRAWN:
                raise ConflictError(
                    f"{where}: is already withdrawn", code="already_withdrawn", id=observation_id
                )
            if not allowed(by, Action.REVIEW_FIGURE):
                submitter = next(
                    (h.actor for h in reversed(history) if h.state is ReviewState.SUBMITTED), ""
                )
                agency = session.get(IndicatorAgencyRow, row.indicator)
                own = submitter == by.username and allowed(
                    by, Action.ENTER_FIGURE, None if agency is None else agency.agency
                )
                if not own:
                    raise NotAllowedError(
                        f"{where}: only a reviewer, or the editor who submitted it, may withdraw it"
                    )
                if state not in (ReviewState.SUBMITTED, ReviewState.RETURNED):
                    raise ConflictError(
                        f"{where}: is {state.value}; a reviewer must withdraw it",
                        code="reviewer_withdraws",
                        id=observation_id,
                        state=state.value,
                    )
            at = now()
            session.add(
                ObservationReviewRow(
                    observation_id=observation_id,
                    action=ReviewState.WITHDRAWN.value,
                    actor=by.username,
                    at=at,
                    comment=reason,
                )
            )
            audit(
                session,
                by.username,
                "withdraw",
                "observation",
                _entity_id(row),
                before={"state": state.value},
                after={"state": ReviewState.WITHDRAWN.value, **_figure(row)},
                reason=reason,
                at=at,
            )
            return Review(observation_id, ReviewState.WITHDRAWN, by.username, at, reason)

    def review_states(self, observation_ids: Sequence[int]) -> dict[int, Review]:
        """The latest step per observation; figures without any step are not listed."""
        with self._read() as session:
            return self._states(session, observation_ids)

    def review_history(self, observation_id: int) -> list[Review]:
        with self._read() as session:
            return self._history(session, observation_id)

    def awaiting_review(self, indicators: Sequence[str] | None = None) -> list[Review]:
        """The latest step of every figure that is the newest revision of its key and is
        submitted: the reviewers' queue, oldest first."""
        with self._read() as session:
            newest = self._newest_ids(session, indicators)
            states = self._states(session, [i for _, i in newest.values()])
            queue = [s for s in states.values() if s.state is ReviewState.SUBMITTED]
            return sorted(queue, key=lambda s: (s.at, s.observation_id))

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _newest_ids(
        session: Session,
        indicators: Sequence[str] | None,
        areas: Sequence[str] | None = None,
        wanted: set[RowKey] | None = None,
    ) -> dict[RowKey, tuple[int, int]]:
        """Key → (revision, id) of its newest revision, read as plain columns: a batch of
        one indicator must not build an ORM object for each of its 33.000 national figures."""
        o = ObservationRow
        stmt = sa.select(
            o.indicator,
            o.area,
            o.period_start,
            o.period_end,
            o.part,
            o.basis,
            o.status,
            o.revision,
            o.id,
        )
        if indicators is not None:
            stmt = stmt.where(o.indicator.in_(list(indicators)))
        if areas is not None and len(areas) <= _MAX_IN:
            stmt = stmt.where(o.area.in_(list(areas)))
        newest: dict[RowKey, tuple[int, int]] = {}
        for ind, area, start, end, part, basis, status, revision, row_id in session.execute(stmt):
            key = row_key(ind, area, start, end, part, basis, status)
            if wanted is not None and key not in wanted:
                continue
            held = newest.get(key)
            if held is None or revision > held[0]:
                newest[key] = (revision, row_id)
        return newest

    @staticmethod
    def _latest_rows(session: Session, keys: Sequence[RowKey]) -> dict[RowKey, ObservationRow]:
        wanted = set(keys)
        indicators = sorted({k[0] for k in wanted})
        areas = sorted({k[1] for k in wanted})
        newest = ReviewMixin._newest_ids(session, indicators, areas, wanted)
        by_id = {row_id: key for key, (_, row_id) in newest.items()}
        ids = sorted(by_id)
        latest: dict[RowKey, ObservationRow] = {}
        o = ObservationRow
        for start in range(0, len(ids), _MAX_IN):
            chunk = ids[start : start + _MAX_IN]
            for row in session.scalars(sa.select(o).where(o.id.in_(chunk))):
                latest[by_id[row.id]] = row
        return latest

    @staticmethod
    def _states(session: Session, ids: Sequence[int]) -> dict[int, Review]:
        if not ids:
            return {}
        r = ObservationReviewRow
        out: dict[int, Review] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            rows = session.scalars(sa.select(r).where(r.observation_id.in_(chunk)).order_by(r.id))
            for row in rows:
                out[row.observation_id] = _review(row)
        return out

    @classmethod
    def _locked_figure(
        cls, session: Session, observation_id: int
    ) -> tuple[ObservationRow, list[Review]]:
        """The figure and its review steps, its indicator locked against concurrent writers."""
        row = session.get(ObservationRow, observation_id)
        if row is None:
            raise NotFoundError(f"no figure with id {observation_id}", id=observation_id)
        _lock_indicators(session, {row.indicator})
        return row, cls._history(session, observation_id)

    @staticmethod
    def _history(session: Session, observation_id: int) -> list[Review]:
        r = ObservationReviewRow
        rows = session.scalars(
            sa.select(r).where(r.observation_id == observation_id).order_by(r.id)
        )
        return [_review(row) for row in rows]


def _lock_indicators(session: Session, codes: set[str]) -> None:
    """PostgreSQL: take the indicators' rows FOR UPDATE (sorted: no deadlock) before
    reading the latest revisions, so two writers of the same figure run one after the
    other and the second sees the first's revision. SQLite needs nothing: every write
    transaction starts with ``BEGIN IMMEDIATE`` and holds the database's write lock."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql" or not codes:
        return
    session.execute(
        sa.select(IndicatorRow.code)
        .where(IndicatorRow.code.in_(sorted(codes)))
        .order_by(IndicatorRow.code)
        .with_for_update()
    ).all()


def _is_revision_clash(exc: sa.exc.IntegrityError) -> bool:
    text = str(exc.orig)
    return "uq_observations_key_revision" in text or (
        "UNIQUE constraint failed: observations." in text
    )


def _same(held: ObservationRow, obs: Observation) -> bool:
    """Whether ``obs`` repeats the stored figure (value, unit, qualifier): not a correction."""
    return (held.value, held.unit, held.qualifier) == (obs.value, obs.unit, str(obs.qualifier))


def _justify(
    session: Session,
    waiting: Sequence[ObservationRow | WrittenFigure],
    justifications: Mapping[RowKey, Justification],
    actor: str,
    at: datetime,
) -> None:
    """Keep each figure's justification (a figure sent again keeps its first one)."""
    wanted = {row.id: justifications[_key(row)] for row in waiting if _key(row) in justifications}
    if not wanted:
        return
    j = ObservationJustificationRow
    found = session.scalars(sa.select(j.observation_id).where(j.observation_id.in_(list(wanted))))
    held = set(found)
    rows = [
        {
            "observation_id": row_id,
            "text": given.text,
            "rules": ",".join(given.rules),
            "recorded_by": actor,
            "recorded_at": at,
        }
        for row_id, given in wanted.items()
        if row_id not in held and given.text.strip()
    ]
    if rows:
        bulk_insert(session, ObservationJustificationRow.__table__, rows)


def _stored(row: ObservationRow) -> StoredFigure:
    return StoredFigure(row.value, row.unit, row.revision, row.recorded_by, row.recorded_at)


def _value_text(row: ObservationRow | None) -> str:
    return "nothing" if row is None else f"{row.value} {row.unit} (by {row.recorded_by})"


def _state(review: Review | None) -> ReviewState:
    return ReviewState.APPROVED if review is None else review.state


def _review(row: ObservationReviewRow) -> Review:
    return Review(row.observation_id, ReviewState(row.action), row.actor, row.at, row.comment)


def _entity_id(row: ObservationRow | WrittenFigure) -> str:
    period = (
        str(row.period_start)
        if row.period_start == row.period_end
        else f"{row.period_start}-{row.period_end}"
    )
    if row.part:
        period += f"-{row.part}"  # the period's code: 2026-9M
    basis = "" if row.basis == "level" else f"/{row.basis}"
    return f"{row.indicator}/{row.area}/{period}{basis}/{row.status}/r{row.revision}"


def _figure(row: ObservationRow | WrittenFigure) -> dict[str, object]:
    return {
        "value": str(row.value),
        "unit": row.unit,
        "qualifier": row.qualifier,
        "revision": row.revision,
    }

"""Task progress updates and the audit log: what people did, append-only.

Every part of the store records its changes here with :func:`audit`, in the same
transaction as the change itself; this part reads them back (:meth:`audit_log`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.store.base import StoreBase, now
from chitieu.store.errors import NotFoundError, StoreError
from chitieu.store.inserts import bulk_insert
from chitieu.store.tables import AuditRow, ResolutionRow, TaskUpdateRow


@dataclass(frozen=True)
class TaskUpdate:
    id: int
    resolution_id: str
    task_id: str
    reported_on: date
    percent: int | None
    milestone: str
    text: str
    evidence: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str


class ActivityMixin(StoreBase):
    """Task progress updates, and the audit log read back."""

    def add_task_update(
        self,
        resolution_id: str,
        task_id: str,
        *,
        reported_on: date,
        text: str,
        actor: str,
        percent: int | None = None,
        milestone: str = "",
        evidence: str = "",
    ) -> TaskUpdate:
        if percent is not None and not 0 <= percent <= 100:
            raise StoreError(f"task {task_id}: percent must be between 0 and 100, got {percent}")
        if not text.strip():
            raise StoreError(f"task {task_id}: the update needs a text")
        with self._write() as session:
            if session.get(ResolutionRow, resolution_id) is None:
                raise NotFoundError(f"resolution {resolution_id!r} is not loaded")
            row = TaskUpdateRow(
                resolution_id=resolution_id,
                task_id=task_id,
                reported_on=reported_on.isoformat(),
                percent=percent,
                milestone=milestone,
                text=text,
                evidence=evidence,
                recorded_by=actor,
                recorded_at=now(),
            )
            session.add(row)
            session.flush()
            audit(
                session,
                actor,
                "update",
                "task",
                f"{resolution_id}/{task_id}",
                after={"percent": percent, "milestone": milestone, "text": text},
                at=row.recorded_at,
            )
            return _update(row)

    def task_updates(self, resolution_id: str, task_id: str | None = None) -> list[TaskUpdate]:
        t = TaskUpdateRow
        stmt = sa.select(t).where(t.resolution_id == resolution_id)
        if task_id is not None:
            stmt = stmt.where(t.task_id == task_id)
        with self._read() as session:
            return [_update(r) for r in session.scalars(stmt.order_by(t.reported_on, t.id))]

    def record_event(
        self,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str = "",
    ) -> None:
        """An audit entry for an action that changes nothing else (a login, a refusal)."""
        with self._write() as session:
            audit(
                session, actor, action, entity, entity_id, before=before, after=after, reason=reason
            )

    def audit_log(
        self,
        *,
        actor: str | None = None,
        entity: str | None = None,
        action: str | None = None,
        contains: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[AuditEntry]:
        """Newest first; every filter optional."""
        a = AuditRow
        stmt = sa.select(a)
        if actor:
            stmt = stmt.where(a.actor == actor)
        if entity:
            stmt = stmt.where(a.entity == entity)
        if action:
            stmt = stmt.where(a.action == action)
        if contains:
            stmt = stmt.where(a.entity_id.contains(contains, autoescape=True))
        if since is not None:
            stmt = stmt.where(a.at >= since)
        if until is not None:
            stmt = stmt.where(a.at < until)
        stmt = stmt.order_by(a.id.desc()).limit(limit).offset(offset)
        with self._read() as session:
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.actor,
                    r.action,
                    r.entity,
                    r.entity_id,
                    json.loads(r.before),
                    json.loads(r.after),
                    r.reason,
                )
                for r in session.scalars(stmt)
            ]


def audit(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
    batch: list[dict[str, Any]] | None = None,
) -> None:
    """Record a change in the same transaction as the change itself: both or neither.

    With ``batch``, the row is appended there instead, for :func:`write_audit_batch`: an
    imported workbook audits 100.000 figures, and one ORM object each cost seconds.
    """
    values = audit_values(
        actor, action, entity, entity_id, before=before, after=after, reason=reason, at=at
    )
    if batch is not None:
        batch.append(values)
    else:
        session.add(AuditRow(**values))


def write_audit_batch(session: Session, batch: list[dict[str, Any]]) -> None:
    """Insert the audit rows collected by :func:`audit` in one bulk write."""
    bulk_insert(session, AuditRow.__table__, batch)


def audit_values(
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """An audit row's columns, for bulk inserts of many changes (an imported workbook)."""
    return {
        "at": at or now(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": json.dumps(before or {}, ensure_ascii=False, sort_keys=True, default=str),
        "after": json.dumps(after or {}, ensure_ascii=False, sort_keys=True, default=str),
        "reason": reason,
    }


def _update(row: TaskUpdateRow) -> TaskUpdate:
    return TaskUpdate(
        row.id,
        row.resolution_id,
        row.task_id,
        date.fromisoformat(row.reported_on),
        row.percent,
        row.milestone,
        row.text,
        row.evidence,
        row.recorded_by,
        row.recorded_at,
    )

"""What the topic mixins of :class:`~chitieu.store.Store` may rely on.

The store is one object (like ``sqlite_utils.Database``), but its methods are kept in
modules by topic; each mixin gets its transactions from the same two methods.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from chitieu.store.tables import AuditRow


class StoreMixin:
    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...

        def _write(self, dry_run: bool = False) -> AbstractContextManager[Session]: ...


def now() -> datetime:
    return datetime.now(UTC)


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
) -> None:
    """Record a change in the same transaction as the change itself: both or neither."""
    session.add(
        AuditRow(
            at=at or now(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=json.dumps(before or {}, ensure_ascii=False, sort_keys=True, default=str),
            after=json.dumps(after or {}, ensure_ascii=False, sort_keys=True, default=str),
            reason=reason,
        )
    )

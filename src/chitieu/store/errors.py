"""Errors raised by the store. Messages name the row, indicator or area at fault."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from chitieu.core.observations import Observation
from chitieu.store.records import RowKey


class StoreError(Exception):
    """A request the store refused; nothing was written.

    The message is for logs and the command line; ``code`` and ``values`` say the same
    for an interface that words it in its own language (``"comment_required"``, …).
    """

    code: str = ""
    values: dict[str, object] = {}  # noqa: RUF012 (replaced per instance, never mutated)

    def __init__(self, message: str = "", *, code: str = "", **values: object) -> None:
        super().__init__(message)
        if code:
            self.code = code
        if values:
            self.values = values


class NotFoundError(StoreError, KeyError):
    """No such resolution (or other keyed object) in the store."""

    code = "not_found"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ConflictError(StoreError):
    """The request contradicts what is stored (e.g. an indicator with another unit)."""


# -- refusals of the review workflow (chitieu.store.review) ----------------------------


class LockedError(ConflictError):
    """The figure is approved: a reviewer must reopen it before it can change."""

    code = "locked"


class NotAllowedError(PermissionError, StoreError):
    """The user's role or authorship does not allow this step (pages and API: 403)."""

    code = "not_allowed"


@dataclass(frozen=True)
class StoredFigure:
    """The figure as it is stored now, shown beside the user's own value on a conflict."""

    value: Decimal
    unit: str
    revision: int
    recorded_by: str
    recorded_at: datetime


class StaleError(ConflictError):
    """Somebody changed the figure after the user opened it (optimistic locking).

    Carries both values, so the user sees theirs beside the stored one and decides.
    """

    code = "stale"

    def __init__(
        self,
        message: str,
        *,
        key: RowKey,
        seen: int,
        stored: StoredFigure | None,
        yours: Observation,
    ) -> None:
        super().__init__(message)
        self.key = key
        self.seen = seen
        self.stored = stored
        self.yours = yours

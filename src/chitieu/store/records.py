"""Records that more than one part of the store passes around.

Writing figures (:mod:`chitieu.store.figures`) and reviewing them
(:mod:`chitieu.store.review`) both speak of a figure's key, of what a batch did and of
the rows a batch wrote; these records live here so that neither part imports the other
for them. This module imports nothing else of the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

#: A figure's key: indicator, area, period start, period end, part of the year ('' for
#: whole years), basis code ('level', 'same_period', …), status. Revisions of one key are
#: corrections of one figure; the newest revision is the figure.
RowKey = tuple[str, str, int, int, str, str, str]


def row_key(
    indicator: str, area: str, start: int, end: int, part: str, basis: str, status: str
) -> RowKey:
    """The key in its one order (every part of the store and its callers build it here)."""
    return (indicator, area, start, end, part, basis, status)


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_observations` did, row by row of the batch."""

    inserted: int
    revised: int
    unchanged: int

    @property
    def written(self) -> int:
        return self.inserted + self.revised


@dataclass(frozen=True, slots=True)
class WrittenFigure:
    """A figure just written by an import, with the id the database gave it (the review
    workflow needs the id; an ORM object per figure would cost more than the insert)."""

    id: int
    indicator: str
    area: str
    period_start: int
    period_end: int
    part: str
    basis: str
    status: str
    value: Decimal
    unit: str
    qualifier: str
    revision: int


@dataclass(frozen=True)
class Justification:
    """Why a figure the plausibility rules found implausible is right: the words of whoever
    entered it, and the rules it broke. ``recorded_by``/``recorded_at`` are set by the store."""

    text: str
    rules: tuple[str, ...] = ()
    recorded_by: str = ""
    recorded_at: datetime | None = None

"""The drafts a reading produces: clauses, targets and the extraction as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.model import BoundKind, ClauseKind
from chitieu.core.reading.sections import Section

__all__ = ["DraftClause", "DraftTarget", "Extraction"]


@dataclass(frozen=True)
class DraftClause:
    """One quantified requirement found in the text, with everything a reviewer checks."""

    id: str
    text: str
    start: int
    end: int
    indicator: str
    kind: ClauseKind
    bound: BoundKind
    low: str | None  # as written, vi-VN; None when the bound has no lower end
    high: str | None
    unit: str  # as written ("" for a bare number)
    low_base: Decimal | None  # scaled to base units; None when the unit is unknown
    high_base: Decimal | None
    year: int | None
    period: tuple[int, int] | None
    time_stated: bool  # False: the year/period is the term's, not written in the clause
    notes: tuple[str, ...] = ()

    @property
    def value(self) -> str | None:
        """The single value of a one-sided or point bound (the definition's ``value``)."""
        if self.bound is BoundKind.RANGE:
            return None
        return self.high if self.bound in (BoundKind.BELOW, BoundKind.AT_MOST) else self.low

    @property
    def value_base(self) -> Decimal | None:
        if self.bound is BoundKind.RANGE:
            return None
        if self.bound in (BoundKind.BELOW, BoundKind.AT_MOST):
            return self.high_base
        return self.low_base


@dataclass(frozen=True)
class DraftTarget:
    number: int
    group: str | None  # the group heading as written ("Về kinh tế")
    text: str
    start: int
    end: int
    clauses: tuple[DraftClause, ...]


@dataclass(frozen=True)
class Extraction:
    """What was read: the spans searched, the term assumed, and the draft targets."""

    spans: tuple[tuple[int, int], ...]
    sections: tuple[Section, ...]
    period: tuple[int, int]
    period_stated: bool
    targets: tuple[DraftTarget, ...]
    groups: tuple[str, ...] = field(default=())

    @property
    def clause_count(self) -> int:
        return sum(len(t.clauses) for t in self.targets)

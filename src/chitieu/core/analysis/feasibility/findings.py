"""What a feasibility check reports: findings with their arithmetic, and the paces table."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from chitieu.core.model import Clause, ClauseKind, Resolution, Text

__all__ = [
    "LEVEL_KINDS",
    "SEVERITY_LABEL",
    "Assumptions",
    "Feasibility",
    "Finding",
    "PaceRow",
    "Severity",
    "clause_label",
    "stated_value",
]

#: Clause kinds whose bound is a level in the end year (not a growth rate or a total).
LEVEL_KINDS = (ClauseKind.LEVEL, ClauseKind.SHARE, ClauseKind.STRUCTURE, ClauseKind.COVERAGE)


class Severity(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    PROBLEM = "problem"


SEVERITY_LABEL = {
    Severity.OK: Text("Hợp lý", "OK"),
    Severity.INFO: Text("Lưu ý", "Note"),
    Severity.WARNING: Text("Cảnh báo", "Warning"),
    Severity.PROBLEM: Text("Không nhất quán", "Inconsistent"),
}


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    clauses: tuple[str, ...]
    figures: tuple[tuple[str, float], ...]
    arithmetic: Text
    sentence: Text


@dataclass(frozen=True)
class PaceRow:
    """One target's required yearly pace from its baseline, beside the previous term's."""

    clause: Clause
    base: tuple[int, float] | None
    target: float
    required_pct: float
    previous_pct: float | None
    previous_years: tuple[int, int] | None
    side: int

    @property
    def faster_than_before(self) -> bool | None:
        if self.previous_pct is None:
            return None
        return self.side * self.required_pct > self.side * self.previous_pct


@dataclass(frozen=True)
class Assumptions:
    """Optional assumptions (% per year) for the level-versus-growth checks."""

    population_growth: float | None = None
    deflator: float | None = None
    depreciation: float | None = None  # of the đồng against the currency of the target

    @property
    def complete(self) -> bool:
        return None not in (self.population_growth, self.deflator, self.depreciation)


@dataclass(frozen=True)
class Feasibility:
    resolution: Resolution
    findings: tuple[Finding, ...]
    paces: tuple[PaceRow, ...]
    assumptions: Assumptions = field(default_factory=Assumptions)


def stated_value(c: Clause) -> float | None:
    """The one value a clause states (its low and high bound equal), else None."""
    b = c.bound
    if b.low is not None and b.high is not None and b.low == b.high:
        return float(b.low)
    return None


def clause_label(c: Clause, lang: str) -> str:
    """The clause as a sentence names it: its id and label."""
    return f"{c.id} {c.label.get(lang)}".strip()

"""What a data check reports: a violation, its importance, and whether it blocks approval."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chitieu.core.model import Text

__all__ = ["IMPORTANCE_LABEL", "Importance", "Violation"]


class Importance(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


IMPORTANCE_LABEL = {
    Importance.HIGH: Text("cao", "high"),
    Importance.MEDIUM: Text("trung bình", "medium"),
    Importance.LOW: Text("thấp", "low"),
}


@dataclass(frozen=True)
class Violation:
    check: str  # a rule id, or a built-in: structure_sum, growth_levels, outlier, unit, …
    importance: Importance
    area: str
    period: tuple[int, int]
    indicators: tuple[str, ...]
    message: Text
    left: float | None = None
    right: float | None = None

    @property
    def blocks_approval(self) -> bool:
        return self.importance is Importance.HIGH

"""Observations (figures) and the rule that picks the current one.

Figures are never overwritten: a correction or a better status is a new row. The
current value of indicator × area × period is the most authoritative status
(chính thức > sơ bộ > ước > kế hoạch), then the latest revision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.model import Citation, Text


class Status(StrEnum):
    PLAN = "plan"
    ESTIMATE = "estimate"
    PRELIMINARY = "preliminary"
    OFFICIAL = "official"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]

    @property
    def label(self) -> Text:
        return _STATUS_LABEL[self]


_STATUS_RANK = {Status.PLAN: 0, Status.ESTIMATE: 1, Status.PRELIMINARY: 2, Status.OFFICIAL: 3}
_STATUS_LABEL = {
    Status.PLAN: Text("kế hoạch", "plan"),
    Status.ESTIMATE: Text("ước", "estimate"),
    Status.PRELIMINARY: Text("sơ bộ", "preliminary"),
    Status.OFFICIAL: Text("chính thức", "official"),
}


class Qualifier(StrEnum):
    """How the source qualified the number: "khoảng" (approx), "hơn/trên" (more_than)."""

    EXACT = "exact"
    APPROX = "approx"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


@dataclass(frozen=True)
class Observation:
    """One figure for indicator × area × period, as a source gave it.

    ``period`` is (first year, last year); a single year is (y, y). ``value`` is in
    ``unit`` exactly as recorded; conversion happens at evaluation time.
    """

    indicator: str
    area: str
    period: tuple[int, int]
    value: Decimal
    unit: str
    status: Status
    qualifier: Qualifier = Qualifier.EXACT
    source: Citation = field(default_factory=Citation)
    note: str = ""
    revision: int = 1
    id: int | None = None
    recorded_at: str = ""

    @property
    def year(self) -> int:
        return self.period[1]

    @property
    def is_year(self) -> bool:
        return self.period[0] == self.period[1]

    def period_label(self) -> str:
        """ "2021" or "2016–2020" (en dash, as Vietnamese typesetting prefers)."""
        a, b = self.period
        return str(a) if a == b else f"{a}–{b}"

    def key(self) -> tuple[str, str, tuple[int, int]]:
        return (self.indicator, self.area, self.period)


def current(
    observations: Iterable[Observation],
) -> dict[tuple[str, str, tuple[int, int]], Observation]:
    """Pick the current figure per indicator × area × period."""
    best: dict[tuple[str, str, tuple[int, int]], Observation] = {}
    for obs in observations:
        k = obs.key()
        held = best.get(k)
        if held is None or _authority(obs) > _authority(held):
            best[k] = obs
    return best


def _authority(obs: Observation) -> tuple[int, int, str, int]:
    return (obs.status.rank, obs.revision, obs.recorded_at, obs.id or 0)

"""Observations (figures) and the rule that picks the current one.

Figures are never overwritten: a correction or a better status is a new row. The
current value of indicator × area × period × basis is the most authoritative status
(chính thức > sơ bộ > ước > kế hoạch), then the latest revision. The period includes its
part of the year: a figure for "9 tháng 2026" and one for the year 2026 are different
facts and never compete; neither do a level and a change "so với cùng kỳ".

The yearly evaluation of term targets reads annual levels only: :func:`annual_levels`
is the one place that says which figures those are, and every entry to evaluation,
projection, validation and feasibility goes through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.model import Citation, Text
from chitieu.core.periods import LEVEL, Basis, BasisKind, Period


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


#: What identifies a figure across its revisions: indicator, area, (first, last year),
#: part of the year ("" for whole years) and basis.
ObservationKey = tuple[str, str, tuple[int, int], str, Basis]


@dataclass(frozen=True)
class Observation:
    """One figure for indicator × area × period × basis, as a source gave it.

    ``period`` is (first year, last year); a single year is (y, y). ``part`` is the part
    of that single year the figure covers (``"M09"``, ``"Q1"``, ``"H1"``, ``"9M"``: see
    :class:`~chitieu.core.periods.Period`), ``""`` for whole years. ``basis`` says what
    the number is measured against (the level itself by default). ``value`` is in
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
    part: str = ""
    basis: Basis = LEVEL

    @property
    def year(self) -> int:
        return self.period[1]

    @property
    def is_year(self) -> bool:
        """One whole year (not a span of years, not a part of a year)."""
        return self.period[0] == self.period[1] and not self.part

    @property
    def is_annual(self) -> bool:
        """Whole years, one or several: no part of a year."""
        return not self.part

    @property
    def is_annual_level(self) -> bool:
        """What the yearly evaluation judges: whole years, the level itself."""
        return not self.part and self.basis.kind is BasisKind.LEVEL

    @property
    def full_period(self) -> Period:
        """The period with its part of the year (checked: raises on an unknown part)."""
        return Period(self.period[0], self.period[1], self.part)

    @property
    def period_code(self) -> str:
        """The canonical code: ``2021``, ``2016-2020``, ``2026-Q1``, ``2026-9M``."""
        return self.full_period.code

    def period_label(self, lang: str = "vi") -> str:
        """ "2021", "2016–2020" (en dash, as Vietnamese typesetting prefers), "quý I/2026",
        "9 tháng đầu năm 2026"."""
        if not self.part:
            a, b = self.period
            return str(a) if a == b else f"{a}–{b}"
        return self.full_period.label(lang)

    def basis_label(self, lang: str = "vi") -> str:
        """What the number is measured against, in words ("" for a level)."""
        return self.basis.text().get(lang)

    def key(self) -> ObservationKey:
        return (self.indicator, self.area, self.period, self.part, self.basis)


def annual_levels(observations: Iterable[Observation]) -> list[Observation]:
    """The figures the yearly evaluation of term targets may read: whole years, levels.

    A figure for "9 tháng", a quarter or a month, and a change "so với cùng kỳ" or a share
    "bằng …% kế hoạch năm", never enter a yearly verdict, a projection, a data check or a
    feasibility check; they are followed during the year by the in-year tracking
    (:mod:`chitieu.core.evaluation.in_year`). The one place that says so: every entry to
    the yearly paths calls it.
    """
    return [o for o in observations if not o.part and o.basis.kind is BasisKind.LEVEL]


def current(
    observations: Iterable[Observation],
) -> dict[ObservationKey, Observation]:
    """Pick the current figure per indicator × area × period × basis."""
    best: dict[ObservationKey, Observation] = {}
    for obs in observations:
        k = obs.key()
        held = best.get(k)
        if held is None or _authority(obs) > _authority(held):
            best[k] = obs
    return best


def _authority(obs: Observation) -> tuple[int, int, str, int]:
    return (obs.status.rank, obs.revision, obs.recorded_at, obs.id or 0)

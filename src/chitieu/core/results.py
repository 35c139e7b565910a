"""What an evaluation returns: every verdict with the figures it used and its sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.model import (
    Clause,
    ExternalAssessment,
    Indicator,
    Resolution,
    Target,
    Text,
    Verdict,
)
from chitieu.core.observations import Observation, Qualifier


class PaceClass(StrEnum):
    """Eurostat's reading of the pace ratio R (kept beside our three-way status)."""

    SUBSTANTIAL = "substantial"
    MODERATE = "moderate"
    LIMITED = "limited"
    DETERIORATION = "deterioration"


class Required(StrEnum):
    """What ``ClauseResult.required`` measures."""

    GROWTH = "growth"  # % per year the remaining years need
    PER_YEAR = "per_year"  # value per remaining year (cumulative, per-year clauses)
    CHANGE = "change"  # absolute change per year (linear path)


#: The order reports count in: final verdicts first, then in-term statuses.
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.EXCEEDED,
    Verdict.ACHIEVED,
    Verdict.NOT_ACHIEVED,
    Verdict.ON_TRACK,
    Verdict.AT_RISK,
    Verdict.OFF_TRACK,
    Verdict.NOT_ENOUGH_DATA,
)

VERDICT_LABEL: dict[Verdict, Text] = {
    Verdict.EXCEEDED: Text("Vượt", "Exceeded"),
    Verdict.ACHIEVED: Text("Đạt", "Achieved"),
    Verdict.NOT_ACHIEVED: Text("Không đạt", "Not achieved"),
    Verdict.ON_TRACK: Text("Đúng tiến độ", "On track"),
    Verdict.AT_RISK: Text("Có nguy cơ", "At risk"),
    Verdict.OFF_TRACK: Text("Chậm tiến độ", "Off track"),
    Verdict.NOT_ENOUGH_DATA: Text("Chưa đủ số liệu", "Not enough data"),
}


@dataclass(frozen=True)
class Figure:
    """A figure converted to the clause's unit, with the observation it came from."""

    value: Decimal
    year: int
    obs: Observation | None = None
    period: tuple[int, int] | None = None

    @property
    def qualifier(self) -> Qualifier:
        return self.obs.qualifier if self.obs is not None else Qualifier.EXACT


@dataclass(frozen=True)
class ClauseResult:
    """The judgement of one clause.

    ``actual`` is the statistic compared with the bound (end-year value, period
    average, total …) in the clause's unit, over ``basis`` years. ``used`` lists the
    observations behind it; ``baseline`` the base-year figure when a path was drawn.
    """

    clause: Clause
    indicator: Indicator
    area: str
    verdict: Verdict
    final: bool
    actual: Decimal | None = None
    basis: tuple[int, int] | None = None
    qualifier: Qualifier = Qualifier.EXACT
    used: tuple[Observation, ...] = ()
    baseline: Figure | None = None
    pace_ratio: float | None = None
    pace_class: PaceClass | None = None
    required: Decimal | None = None
    required_kind: Required | None = None
    required_years: tuple[int, int] | None = None
    projection: Decimal | None = None
    projection_year: int | None = None
    met_year: int | None = None
    met_early_years: int | None = None
    explanation: Text = field(default_factory=lambda: Text(""))
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class TargetResult:
    """A target's verdict: its headline clause's, or the report's when no value is known."""

    target: Target
    verdict: Verdict | None
    clauses: tuple[ClauseResult, ...]
    headline: ClauseResult | None
    reported: ExternalAssessment | None = None
    from_report: bool = False


@dataclass(frozen=True)
class ResolutionResult:
    resolution: Resolution
    as_of: int
    final: bool
    targets: tuple[TargetResult, ...]
    extra: tuple[TargetResult, ...] = ()

    def target_result(self, target_id: str) -> TargetResult:
        """The result of one target (main or extra) by its id."""
        for t in (*self.targets, *self.extra):
            if t.target.id == target_id:
                return t
        raise KeyError(target_id)

    def counts(self) -> dict[Verdict, int]:
        """Targets per verdict, in the fixed order reports use."""
        c = Counter(t.verdict for t in self.targets if t.verdict is not None)
        return {v: c[v] for v in Verdict if c[v]}

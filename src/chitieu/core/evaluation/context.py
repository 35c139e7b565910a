"""What every clause kind needs: the clause, its indicator, its series and how to judge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from chitieu.core.compare import about_limits, better_side, judge, satisfied, threshold
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.series import Series
from chitieu.core.model import Bound, BoundKind, Clause, Indicator, Resolution, Text, Verdict
from chitieu.core.numbers import ARITHMETIC_PRECISION, format_number
from chitieu.core.observations import Observation, Qualifier
from chitieu.core.results import ClauseResult, Figure


@dataclass
class ClauseContext:
    """One clause under evaluation: what every clause kind needs to judge it."""

    resolution: Resolution
    clause: Clause
    indicator: Indicator
    series: Series
    as_of: int
    settings: EvaluationSettings
    raw: Sequence[Observation] = ()

    # -- shared pieces -------------------------------------------------------------

    @property
    def side(self) -> int:
        s = better_side(self.clause.bound, self.indicator.direction)
        return s if s != 0 else 1

    @property
    def thr(self) -> Decimal:
        return threshold(self.clause.bound, self.indicator.direction)

    def tolerance(self) -> Decimal:
        if self.clause.tolerance is not None:
            return self.clause.tolerance
        return self.settings.about_tolerance_pct

    def judge(self, value: Decimal, qualifier: Qualifier = Qualifier.EXACT) -> Verdict:
        return judge(
            value, self.clause.bound, self.indicator.direction, qualifier, self.tolerance()
        )

    def judge_growth(self, value: Decimal, scale: Decimal, years: int) -> Verdict:
        """Judge an average growth rate exactly, on compound factors, not on a rounded rate.

        ``value`` is compared with ``scale × (1 + g/100)^years`` for each number g of the
        bound: Π(1 + r) against (1 + g)^n for yearly rates, the last level against
        base × (1 + g)^k for a level series. g ↦ (1 + g/100)^n increases for g > −100 %,
        so this is the verdict the rate itself would get, without a root or a float.
        """
        assert scale > 0
        bound = self.clause.bound
        kind, low, high = bound.kind, bound.low, bound.high
        if kind is BoundKind.ABOUT:
            low, high = about_limits(bound, self.tolerance())
            kind = BoundKind.RANGE
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION

            def grow(g: Decimal | None) -> Decimal | None:
                # a fall of 100 % leaves nothing; a bound below −100 % is met by any figure
                return None if g is None else scale * max(Decimal(0), 1 + g / 100) ** years

            scaled = Bound(kind, grow(low), grow(high), bound.unit)
            return judge(value, scaled, self.indicator.direction, Qualifier.EXACT)

    def result(self, verdict: Verdict, final: bool, **kw: object) -> ClauseResult:
        return ClauseResult(
            clause=self.clause,
            indicator=self.indicator,
            area=self.resolution.area,
            verdict=verdict,
            final=final,
            **kw,  # type: ignore[arg-type]
        )

    def period(self) -> tuple[int, int]:
        if self.clause.period is not None:
            return self.clause.period
        return self.resolution.period

    def base_year(self) -> int:
        if self.clause.base_year is not None:
            return self.clause.base_year
        return self.resolution.base_year

    def baseline(self) -> Figure | None:
        by = self.base_year()
        if self.clause.base_value is not None:
            return Figure(self.clause.base_value, by)
        return self.series.years.get(by)

    def years_early(self, met: int | None) -> int | None:
        """ "trước N năm": how many years before the clause's last year it was met."""
        end = self.clause.end_year
        return end - met if met is not None and met < end else None

    def met_year(self, first: int, last: int) -> int | None:
        """First year in [first, last] whose figure already met the requirement."""
        for y in range(first, last + 1):
            fig = self.series.years.get(y)
            if fig is not None and satisfied(self.judge(fig.value, fig.qualifier)):
                return y
        return None

    def successor_notes(self, result: ClauseResult) -> tuple[Text, ...]:
        """Say plainly when the missing figure exists only for a successor area.

        After a merger the new area's figures describe another territory: they are
        shown, never compared with the old area's target.
        """
        if result.verdict is not Verdict.NOT_ENOUGH_DATA:
            return ()
        here = self.resolution.area
        successors = {a.code: a for a in self.resolution.areas if here in a.predecessors}
        year = self.clause.end_year
        notes: list[Text] = []
        for obs in self.raw:
            area = successors.get(obs.area)
            if area is None or obs.period[1] != year:
                continue
            when = obs.period_label()
            notes.append(
                Text(
                    f"Số liệu {when} chỉ có cho {area.name.vi}: "
                    f"{format_number(obs.value, lang='vi')} "
                    f"{obs.unit} ({obs.status.label.vi}), không so sánh được với mục tiêu "
                    f"đặt cho địa giới cũ.",
                    f"The {when} figure exists only for {area.name.get('en')}: "
                    f"{format_number(obs.value, lang='en')} {obs.unit} "
                    f"({obs.status.label.en}); it is not "
                    f"comparable with a target set for the old boundary.",
                )
            )
        return tuple(notes)

"""Evaluation of clauses, targets and resolutions (DESIGN §3).

Each clause kind is reduced to one statistic (end-year value, average growth, total,
yearly mean, completion year) that is compared with the bound. When the clause's last
year is past ``as_of`` the verdict is final; otherwise the pace so far is set against
the pace required from the base year (Eurostat's ratio R) and the figures are
projected to the end year. Arithmetic on recorded values is exact (Decimal); growth
paths use floats, which are only ever shown rounded and never decide a final verdict.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext

from chitieu.core.compare import about_limits, better_side, judge, satisfied, threshold
from chitieu.core.explain import explain, num
from chitieu.core.model import (
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Indicator,
    Measure,
    Resolution,
    Target,
    Text,
    Verdict,
)
from chitieu.core.numbers import ARITHMETIC_PRECISION, format_number
from chitieu.core.observations import Observation, Qualifier, current
from chitieu.core.results import (
    ClauseResult,
    Figure,
    PaceClass,
    Required,
    ResolutionResult,
    TargetResult,
)
from chitieu.core.settings import EvaluationSettings
from chitieu.core.units import (
    IncompatibleUnitsError,
    Quantity,
    UnknownUnitError,
    parse_unit,
    uses_rate,
)

LEVEL_KINDS = frozenset(
    {
        ClauseKind.LEVEL,
        ClauseKind.SHARE,
        ClauseKind.STRUCTURE,
        ClauseKind.COVERAGE,
        ClauseKind.RANK,
    }
)
_SIX = Decimal("0.000001")


@dataclass
class _Series:
    """The figures of one indicator for one area, converted to a clause's unit."""

    years: dict[int, Figure] = field(default_factory=dict)
    spans: dict[tuple[int, int], Figure] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)


def evaluate_resolution(
    resolution: Resolution,
    observations: Iterable[Observation],
    settings: EvaluationSettings | None = None,
) -> ResolutionResult:
    """Evaluate every target of a resolution from the given observations."""
    settings = settings or EvaluationSettings()
    as_of = settings.as_of if settings.as_of is not None else resolution.period[1]
    settings = replace(settings, as_of=as_of)
    by_indicator: dict[str, list[Observation]] = {}
    for obs in current(observations).values():
        by_indicator.setdefault(obs.indicator, []).append(obs)
    targets = tuple(
        evaluate_target(resolution, t, by_indicator, settings) for t in resolution.targets
    )
    extra = tuple(
        evaluate_target(resolution, t, by_indicator, settings) for t in resolution.extra_targets
    )
    return ResolutionResult(
        resolution=resolution,
        as_of=as_of,
        final=as_of >= resolution.period[1],
        targets=targets,
        extra=extra,
    )


def evaluate_target(
    resolution: Resolution,
    target: Target,
    by_indicator: Mapping[str, Sequence[Observation]],
    settings: EvaluationSettings,
) -> TargetResult:
    """A target takes its headline clause's verdict; all clauses are evaluated."""
    results = tuple(
        evaluate_clause(resolution, c, by_indicator.get(c.indicator, ()), settings)
        for c in target.clauses
    )
    headline_clause = target.headline_clause
    headline = next((r for r in results if r.clause is headline_clause), None)
    if not target.value_known and target.reported is not None:
        # The value was never stated: the report's verdict is all there is; clauses
        # (if any) are shown for information.
        return TargetResult(
            target, target.reported.verdict, results, headline, target.reported, True
        )
    if headline is not None:
        return TargetResult(target, headline.verdict, results, headline, target.reported)
    if target.reported is not None:
        return TargetResult(target, target.reported.verdict, results, None, target.reported, True)
    return TargetResult(target, None, results, None, None)


def evaluate_clause(
    resolution: Resolution,
    clause: Clause,
    observations: Sequence[Observation],
    settings: EvaluationSettings,
) -> ClauseResult:
    """Evaluate one clause from the current observations of its indicator."""
    indicator = resolution.indicator(clause.indicator)
    as_of = settings.as_of if settings.as_of is not None else resolution.period[1]
    unit = clause.bound.unit
    if clause.kind is ClauseKind.AVERAGE_GROWTH and indicator.measure is Measure.LEVEL:
        # the figures are levels (tỷ đồng …); only the statistic is a rate
        unit = indicator.unit
    series = _series(unit, resolution.area, observations, as_of, settings)
    ctx = _Context(resolution, clause, indicator, series, as_of, settings, observations)
    if clause.kind is ClauseKind.MILESTONE:
        result = ctx.milestone()
    elif clause.kind is ClauseKind.AVERAGE_GROWTH:
        result = ctx.average_growth()
    elif clause.kind is ClauseKind.CUMULATIVE:
        result = ctx.cumulative()
    elif clause.kind is ClauseKind.PER_YEAR:
        result = ctx.per_year()
    elif clause.each_year:
        result = ctx.each_year()
    else:
        result = ctx.level()
    notes = tuple(series.notes) + result.notes + ctx.successor_notes(result)
    result = replace(result, notes=notes)
    return replace(result, explanation=explain(resolution, result))


def _series(
    unit: str,
    area: str,
    observations: Sequence[Observation],
    as_of: int,
    settings: EvaluationSettings,
) -> _Series:
    series = _Series()
    try:
        target_unit = parse_unit(unit)
    except UnknownUnitError as exc:  # pragma: no cover - definitions are validated
        series.notes.append(Text(str(exc), str(exc)))
        return series
    # Callers may pass raw rows: keep only the current figure per period (official over
    # estimate, later revision over earlier), never whichever row happens to come last.
    for obs in sorted(current(observations).values(), key=lambda o: o.period):
        if obs.area != area or obs.period[1] > as_of:
            continue
        try:
            q = Quantity(obs.value, parse_unit(obs.unit)).to(
                target_unit, rates=settings.rates, year=obs.period[1]
            )
        except (IncompatibleUnitsError, UnknownUnitError) as exc:
            series.notes.append(
                Text(
                    f"Bỏ qua số liệu {obs.period_label()} "
                    f"({format_number(obs.value, lang='vi')} {obs.unit}): {exc}",
                    f"Skipped the {obs.period_label()} figure "
                    f"({format_number(obs.value, lang='en')} {obs.unit}): {exc}",
                )
            )
            continue
        if uses_rate(obs.unit, target_unit):
            series.notes.append(
                Text(
                    f"Số liệu {obs.period_label()} "
                    f"({format_number(obs.value, lang='vi')} {obs.unit}) được quy đổi theo "
                    f"tỷ giá đã cho: {num(q.value, 'vi', computed=True)} {target_unit.text}.",
                    f"The {obs.period_label()} figure "
                    f"({format_number(obs.value, lang='en')} {obs.unit}) was converted with "
                    f"the given exchange rate: {num(q.value, 'en', computed=True)} "
                    f"{target_unit.text}.",
                )
            )
        fig = Figure(q.value, obs.period[1], obs, obs.period)
        if obs.is_year:
            series.years[obs.year] = fig
        else:
            series.spans[obs.period] = fig
    return series


def _steady(r: float) -> float:
    """The pace ratio without float noise, so that 15,2 / 16 is exactly 0,95 on a threshold."""
    return round(r, 9)


def _pace_class(r: float, settings: EvaluationSettings) -> PaceClass:
    r = _steady(r)
    if r >= settings.on_track:
        return PaceClass.SUBSTANTIAL
    if r >= settings.at_risk:
        return PaceClass.MODERATE
    if r >= settings.deterioration:
        return PaceClass.LIMITED
    return PaceClass.DETERIORATION


def _status(r: float, settings: EvaluationSettings) -> Verdict:
    r = _steady(r)
    if r >= settings.on_track:
        return Verdict.ON_TRACK
    if r >= settings.at_risk:
        return Verdict.AT_RISK
    return Verdict.OFF_TRACK


def _dec(x: float) -> Decimal:
    """Float statistics become Decimals with 6 decimals: enough to show, never to judge."""
    return Decimal(repr(x)).quantize(_SIX)


def _geomean(rates_pct: Sequence[Decimal]) -> float:
    """Average of yearly growth rates (%) as the geometric mean of the growth factors."""
    log_sum = sum(math.log1p(float(r) / 100.0) for r in rates_pct)
    return (math.exp(log_sum / len(rates_pct)) - 1.0) * 100.0


@dataclass
class _Context:
    resolution: Resolution
    clause: Clause
    indicator: Indicator
    series: _Series
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

    # -- level-like kinds ------------------------------------------------------------

    def level(self) -> ClauseResult:
        year = self.clause.end_year
        if self.as_of >= year:
            fig = self.series.years.get(year)
            if fig is not None:
                verdict = self.judge(fig.value, fig.qualifier)
                met = self.met_year(self.base_year() + 1, year) if satisfied(verdict) else None
                return self.result(
                    verdict,
                    True,
                    actual=fig.value,
                    basis=(year, year),
                    qualifier=fig.qualifier,
                    used=_used(fig),
                    met_year=met,
                    met_early_years=(year - met) if met is not None and met < year else None,
                )
        return self._level_in_term(final=self.as_of >= year)

    def _level_in_term(self, final: bool) -> ClauseResult:
        year = self.clause.end_year
        known = [y for y in self.series.years if y <= min(self.as_of, year)]
        if not known:
            return self.result(Verdict.NOT_ENOUGH_DATA, final)
        latest = self.series.years[max(known)]
        verdict_now = self.judge(latest.value, latest.qualifier)
        common: dict[str, object] = {
            "actual": latest.value,
            "basis": (latest.year, latest.year),
            "qualifier": latest.qualifier,
            "used": _used(latest),
        }
        if latest.year <= self.base_year():
            # Only figures from before the term: they say where the term started, not how
            # it is going.
            note = Text(
                f"Chỉ có số liệu từ năm gốc {self.base_year()} trở về trước.",
                f"Only figures up to the base year {self.base_year()}.",
            )
            return self.result(
                Verdict.NOT_ENOUGH_DATA, final, baseline=self.baseline(), notes=(note,), **common
            )
        if satisfied(verdict_now) and not final:
            met = self.met_year(self.base_year() + 1, latest.year)
            return self.result(Verdict.ON_TRACK, False, met_year=met, **common)
        base = self.baseline()
        if self.clause.kind is ClauseKind.RANK:
            # A rank has no growth path: judged on the latest position alone.
            status = Verdict.NOT_ENOUGH_DATA if final else Verdict.OFF_TRACK
            return self.result(status, final, baseline=base, **common)
        if base is None or latest.year <= base.year:
            return self.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base, **common)
        path = _path(base, latest, self.thr, year, self.side)
        verdict = Verdict.NOT_ENOUGH_DATA if final else _status(path.ratio, self.settings)
        return self.result(
            verdict,
            final,
            baseline=base,
            pace_ratio=path.ratio,
            pace_class=_pace_class(path.ratio, self.settings),
            required=_dec(path.required) if path.required is not None else None,
            required_kind=path.kind,
            required_years=(latest.year + 1, year) if latest.year < year else None,
            projection=_dec(path.projection),
            projection_year=year,
            **common,
        )

    def each_year(self) -> ClauseResult:
        """Requirements that must hold every year ("luôn là một trong 10 …")."""
        first, last = self.period()
        last_seen = min(last, self.as_of)
        figs = [self.series.years[y] for y in range(first, last_seen + 1) if y in self.series.years]
        failures = [f for f in figs if not satisfied(self.judge(f.value, f.qualifier))]
        used = tuple(o for f in figs for o in _used(f))
        final = self.as_of >= last
        if failures:
            worst = failures[0]
            return self.result(
                Verdict.NOT_ACHIEVED if final else Verdict.OFF_TRACK,
                final,
                actual=worst.value,
                basis=(worst.year, worst.year),
                used=used,
            )
        complete = len(figs) == last_seen - first + 1
        if not figs or (final and not complete):
            return self.result(Verdict.NOT_ENOUGH_DATA, final, used=used)
        latest = figs[-1]
        if final:
            return self.result(
                Verdict.ACHIEVED, True, actual=latest.value, basis=(first, last), used=used
            )
        return self.result(
            Verdict.ON_TRACK,
            False,
            actual=latest.value,
            basis=(latest.year, latest.year),
            used=used,
        )

    # -- milestones ------------------------------------------------------------------

    def milestone(self) -> ClauseResult:
        """A dated deliverable: the figure is the year it was completed."""
        due = self.clause.end_year
        done = sorted(self.series.years.values(), key=lambda f: f.value)
        if done:
            fig = done[0]
            year_done = int(fig.value)
            ok = year_done <= due
            return self.result(
                Verdict.ACHIEVED if ok else Verdict.NOT_ACHIEVED,
                True,
                actual=fig.value,
                basis=(year_done, year_done),
                used=_used(fig),
                met_year=year_done if ok else None,
                met_early_years=(due - year_done) if ok and year_done < due else None,
            )
        return self.result(Verdict.NOT_ENOUGH_DATA, self.as_of >= due)

    # -- average growth ----------------------------------------------------------------

    def average_growth(self) -> ClauseResult:
        if self.indicator.measure is Measure.LEVEL:
            return self._growth_of_levels()
        first, last = self.period()
        n = last - first + 1
        final = self.as_of >= last
        span = self.series.spans.get((first, last))
        rates = [self.series.years[y] for y in range(first, last + 1) if y in self.series.years]
        if final and span is not None and (self.settings.prefer_period_figures or len(rates) < n):
            verdict = self.judge(span.value, span.qualifier)
            notes: tuple[Text, ...] = ()
            if len(rates) == n:
                g = _geomean([f.value for f in rates])
                g_vi, g_en = format_number(g, lang="vi"), format_number(g, lang="en")
                notes = (
                    Text(
                        f"Trung bình nhân các năm: {g_vi}%/năm.",
                        f"Geometric mean of the yearly figures: {g_en}%/year.",
                    ),
                )
            return self.result(
                verdict,
                True,
                actual=span.value,
                basis=(first, last),
                qualifier=span.qualifier,
                used=_used(span),
                notes=notes,
            )
        if final and len(rates) == n:
            actual = _dec(_geomean([f.value for f in rates]))
            return self.result(
                self.judge_growth(_factor(f.value for f in rates), Decimal(1), n),
                True,
                actual=actual,
                basis=(first, last),
                used=tuple(o for f in rates for o in _used(f)),
            )
        partial = self._partial_span(first, last)
        if not rates and partial is not None:
            k = partial.period[1] - first + 1 if partial.period else 0
            g_obs = float(partial.value)
            used: tuple[Observation, ...] = _used(partial)
            basis = (first, first + k - 1)
        elif rates:
            k = len(rates)
            g_obs = _geomean([f.value for f in rates])
            used = tuple(o for f in rates for o in _used(f))
            basis = (first, rates[-1].year)
        else:
            return self.result(Verdict.NOT_ENOUGH_DATA, final)
        thr = float(self.thr)
        ratio = self.side * g_obs / abs(thr) if thr else (1.0 if g_obs * self.side >= 0 else -1.0)
        # Years after the last figure remain to be lived; a missing year before it is taken
        # at the mean so far (and said so in a note), so the requirement covers exactly
        # the years ``required_years`` names.
        lived = basis[1] - first + 1
        remaining = n - lived
        required: Decimal | None = None
        if remaining > 0:
            achieved_factor = (1 + g_obs / 100.0) ** lived
            need = ((1 + thr / 100.0) ** n / achieved_factor) ** (1 / remaining) - 1
            required = _dec(need * 100.0)
        missing = [y for y in range(first, basis[1] + 1) if y not in self.series.years]
        notes_list: list[Text] = []
        if rates and missing:
            gap = ", ".join(str(y) for y in missing)
            notes_list.append(
                Text(f"Thiếu số liệu các năm {gap}.", f"No figures for {gap}."),
            )
        verdict = Verdict.NOT_ENOUGH_DATA if final else _status(ratio, self.settings)
        return self.result(
            verdict,
            final,
            actual=_dec(g_obs),
            basis=basis,
            used=used,
            pace_ratio=ratio,
            pace_class=_pace_class(ratio, self.settings),
            required=required,
            required_kind=Required.GROWTH if required is not None else None,
            required_years=(basis[1] + 1, last) if remaining > 0 else None,
            projection=_dec(g_obs),
            projection_year=last,
            notes=tuple(notes_list),
        )

    def _partial_span(self, first: int, last: int) -> Figure | None:
        spans = [f for (a, b), f in self.series.spans.items() if a == first and b < last]
        return max(spans, key=lambda f: f.period or (0, 0)) if spans else None

    def _growth_of_levels(self) -> ClauseResult:
        """Average growth of a level series at constant prices: CAGR from the base year."""
        first, last = self.period()
        base = self.baseline() or self.series.years.get(first - 1)
        final = self.as_of >= last
        known = [y for y in self.series.years if first <= y <= min(last, self.as_of)]
        if base is None or not known or base.value <= 0:
            return self.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base)
        latest = self.series.years[max(known)]
        k = latest.year - base.year
        if k <= 0 or latest.value <= 0:
            # a CAGR needs time and positive levels; a negative ratio has no real root
            return self.result(Verdict.NOT_ENOUGH_DATA, final, baseline=base)
        g = ((float(latest.value) / float(base.value)) ** (1 / k) - 1) * 100.0
        used = (*_used(base), *_used(latest))
        if final and latest.year == last:
            actual = _dec(g)
            return self.result(
                self.judge_growth(latest.value, base.value, k),
                True,
                actual=actual,
                basis=(first, last),
                used=used,
                baseline=base,
            )
        thr = float(self.thr)
        ratio = self.side * g / abs(thr) if thr else 1.0
        remaining = last - latest.year
        horizon = last - base.year  # = n when the base is the year before the period
        need = (
            (float(base.value) * (1 + thr / 100.0) ** horizon / float(latest.value))
            ** (1 / remaining)
            - 1
        ) * 100.0
        return self.result(
            Verdict.NOT_ENOUGH_DATA if final else _status(ratio, self.settings),
            final,
            actual=_dec(g),
            basis=(first, latest.year),
            used=used,
            baseline=base,
            pace_ratio=ratio,
            pace_class=_pace_class(ratio, self.settings),
            required=_dec(need),
            required_kind=Required.GROWTH,
            required_years=(latest.year + 1, last),
            projection=_dec(g),
            projection_year=last,
        )

    # -- totals and yearly means -------------------------------------------------------

    def _reached(self, figs: Sequence[Figure]) -> int | None:
        """First year whose running total already met the requirement."""
        running = Decimal(0)
        for f in figs:
            running += f.value
            if satisfied(self.judge(running)):
                return f.year
        return None

    def cumulative(self) -> ClauseResult:
        return self._sum_or_mean(mean=False)

    def per_year(self) -> ClauseResult:
        return self._sum_or_mean(mean=True)

    def _sum_or_mean(self, *, mean: bool) -> ClauseResult:
        first, last = self.period()
        n = last - first + 1
        final = self.as_of >= last
        span = self.series.spans.get((first, last))
        if final and span is not None:
            value = span.value
            if mean and not _is_per_year(span):
                value = value / n
            if not mean and _is_per_year(span):
                value = value * n
            return self.result(
                self.judge(value, span.qualifier),
                True,
                actual=value,
                basis=(first, last),
                qualifier=span.qualifier,
                used=_used(span),
            )
        figs: list[Figure] = []
        for y in range(first, min(last, self.as_of) + 1):
            if y not in self.series.years:
                break
            figs.append(self.series.years[y])
        if not figs:
            return self.result(Verdict.NOT_ENOUGH_DATA, final)
        k = len(figs)
        total = sum((f.value for f in figs), Decimal(0))
        used = tuple(o for f in figs for o in _used(f))
        qualifier = _combined_qualifier(figs)
        statistic = total / k if mean else total
        # Only a total that must reach something can be reached early; a cap ("không quá")
        # holds from the first year until it is broken, which is no achievement yet.
        can_reach = not mean and better_side(self.clause.bound, self.indicator.direction) > 0
        if final and k == n:
            met = self._reached(figs) if can_reach else None
            verdict = self.judge(statistic, qualifier)
            return self.result(
                verdict,
                True,
                actual=statistic,
                basis=(first, last),
                qualifier=qualifier,
                used=used,
                met_year=met if satisfied(verdict) else None,
                met_early_years=(last - met) if met is not None and met < last else None,
            )
        gaps: tuple[Text, ...] = ()
        seen_last = figs[-1].year
        if seen_last < min(last, self.as_of):
            nxt = seen_last + 1
            gaps = (Text(f"Thiếu số liệu năm {nxt}.", f"No figure for {nxt}."),)
        thr = self.thr
        target_total = thr if not mean else thr * n
        mean_so_far = total / k
        required_per_year = None
        remaining = n - k
        if remaining > 0:
            required_per_year = (target_total - total) / remaining
        if can_reach and not gaps and satisfied(self.judge(total, qualifier)):
            return self.result(
                Verdict.NOT_ENOUGH_DATA if final else Verdict.ON_TRACK,
                final,
                actual=total,
                basis=(first, seen_last),
                qualifier=qualifier,
                used=used,
                met_year=self._reached(figs),
                notes=gaps,
            )
        allowed = float(target_total) / n
        if self.side < 0:
            # a cap: the pace allowed against the pace so far (≥ 1 while under it)
            so_far = float(mean_so_far)
            ratio = allowed / so_far if so_far > 0 else 1.0
        else:
            ratio = float(mean_so_far) / abs(allowed) if thr else 1.0
        verdict = Verdict.NOT_ENOUGH_DATA if final or gaps else _status(ratio, self.settings)
        return self.result(
            verdict,
            final,
            actual=statistic,
            basis=(first, seen_last),
            qualifier=qualifier,
            used=used,
            pace_ratio=ratio,
            pace_class=_pace_class(ratio, self.settings),
            required=required_per_year,
            required_kind=Required.PER_YEAR if required_per_year is not None else None,
            required_years=(seen_last + 1, last) if remaining > 0 else None,
            projection=(mean_so_far if mean else total + mean_so_far * remaining),
            projection_year=last,
            notes=gaps,
        )


@dataclass(frozen=True)
class _Path:
    ratio: float
    projection: float
    required: float | None
    kind: Required


def _path(base: Figure, latest: Figure, target: Decimal, year: int, side: int) -> _Path:
    """Required path from the base year and the pace so far (Eurostat / ESCAP).

    Compound growth where every value is positive; otherwise a straight line, since a
    CAGR through zero or a sign change means nothing.
    """
    b, v, t = float(base.value), float(latest.value), float(target)
    elapsed = latest.year - base.year
    horizon = year - base.year
    left = year - latest.year
    if b > 0 and v > 0 and t > 0:
        cagr_obs = (v / b) ** (1 / elapsed) - 1
        cagr_req = (t / b) ** (1 / horizon) - 1
        ratio = (
            side * cagr_obs / abs(cagr_req) if cagr_req else (1.0 if v * side >= t * side else -1.0)
        )
        projection = v * (1 + cagr_obs) ** left
        required = ((t / v) ** (1 / left) - 1) * 100.0 if left > 0 else None
        return _Path(ratio, projection, required, Required.GROWTH)
    slope_obs = (v - b) / elapsed
    slope_req = (t - b) / horizon
    ratio = side * slope_obs / abs(slope_req) if slope_req else 1.0
    required = (t - v) / left if left > 0 else None
    return _Path(ratio, v + slope_obs * left, required, Required.CHANGE)


def _factor(rates_pct: Iterable[Decimal]) -> Decimal:
    """Π(1 + r/100), exactly: the compound growth of yearly rates given in %."""
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        product = Decimal(1)
        for r in rates_pct:
            product *= 1 + r / 100
        return product


def _used(fig: Figure) -> tuple[Observation, ...]:
    return (fig.obs,) if fig.obs is not None else ()


def _is_per_year(fig: Figure) -> bool:
    if fig.obs is None:
        return False
    return parse_unit(fig.obs.unit).per_year


def _combined_qualifier(figs: Sequence[Figure]) -> Qualifier:
    qs = {f.qualifier for f in figs}
    if qs == {Qualifier.EXACT}:
        return Qualifier.EXACT
    if len(qs) == 1:
        return qs.pop()
    if Qualifier.APPROX in qs or (Qualifier.MORE_THAN in qs and Qualifier.LESS_THAN in qs):
        return Qualifier.APPROX
    return Qualifier.MORE_THAN if Qualifier.MORE_THAN in qs else Qualifier.LESS_THAN

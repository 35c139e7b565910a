"""What the overview and target pages (and their API twins) show, gathered in one place.

The web pages and ``/api/v1`` both build on these functions, so a leader's page and a
machine client read the same verdicts, figures and sentences. Nothing here formats for a
particular medium beyond the vi/en sentences the core already writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu import services
from chitieu.core.analysis.wording import outlook_lines
from chitieu.core.evaluation.in_year import InYearStatus
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.explain import bound_phrase, is_computed, qty
from chitieu.core.model import BoundKind, ClauseKind, Resolution, Verdict
from chitieu.core.observations import Observation, annual_levels, current
from chitieu.core.periods import PARTS
from chitieu.core.results import (
    VERDICT_LABEL,
    ClauseResult,
    Required,
    ResolutionResult,
    TargetResult,
)
from chitieu.core.units import Quantity, parse_unit
from chitieu.services import analysis, cache
from chitieu.services import in_year as in_year_service
from chitieu.store import Store
from chitieu.store.approval import ReviewState
from chitieu.store.review import Review


@dataclass(frozen=True)
class TargetRow:
    """One line of the overview."""

    result: TargetResult
    agencies: tuple[str, ...]
    latest: str  # the headline clause's figure as people read it, "—" when none
    trend: tuple[tuple[int, float], ...]  # the headline indicator's yearly series
    sentence: str
    # the headline clause's provisional status while the year has sub-annual figures only
    in_year: InYearStatus | None = None


@dataclass(frozen=True)
class Overview:
    result: ResolutionResult
    counts: dict[Verdict, int]
    rows: tuple[TargetRow, ...]
    extra: tuple[TargetRow, ...]
    pending: int


@dataclass(frozen=True)
class FigureRow:
    """A stored figure with its approval state (``None``: loaded from a reviewed file)."""

    obs: Observation
    review: Review | None
    in_force: bool  # the current figure evaluations use for its period

    @property
    def state(self) -> ReviewState:
        return ReviewState.APPROVED if self.review is None else self.review.state


@dataclass(frozen=True)
class Chart:
    """One clause's chart: observed series, required path, target band, projection."""

    unit: str
    observed: tuple[tuple[int, float], ...]
    required: tuple[tuple[int, float], ...]
    band: tuple[int, int, float | None, float | None]  # from year, to year, low, high
    projection: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class ClauseView:
    result: ClauseResult
    chart: Chart | None
    bound: str
    figure: str


@dataclass(frozen=True)
class TargetDetail:
    result: ResolutionResult
    target: TargetResult
    clauses: tuple[ClauseView, ...]
    figures: tuple[FigureRow, ...]
    agencies: tuple[str, ...]
    indicators: tuple[str, ...] = field(default=())
    # clause id → the outlook in words (projection, 80 % interval, chance, pace needed)
    outlooks: dict[str, list[str]] = field(default_factory=dict)
    # validation findings on this target's figures: (importance, message)
    violations: tuple[tuple[str, str], ...] = ()
    # clause id → its provisional status for the year evaluated, while that year has
    # only sub-annual figures (in-year tracking; an annual figure supersedes it)
    in_year: dict[str, InYearStatus] = field(default_factory=dict)


def evaluation(
    store: Store, resolution_id: str, as_of: int | None = None, area: str | None = None
) -> ResolutionResult:
    """The evaluation the pages show, computed once per change of the data (``cache``)."""
    resolution = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else services.default_as_of(resolution, _this_year())
    return cache.cached(
        store,
        ("evaluation", resolution_id, year, area),
        lambda: services.evaluate(store, resolution_id, EvaluationSettings(as_of=year), area),
    )


def _this_year() -> int:
    import datetime as dt

    return dt.date.today().year


def target_agencies(target: TargetResult, assignment: dict[str, str]) -> tuple[str, ...]:
    """The agencies responsible for a target's indicators, in clause order."""
    seen: list[str] = []
    for r in target.clauses:
        code = assignment.get(r.clause.indicator)
        if code is not None and code not in seen:
            seen.append(code)
    return tuple(seen)


def overview(
    store: Store,
    resolution_id: str,
    *,
    lang: str = "vi",
    as_of: int | None = None,
    group: str | None = None,
    verdict: str | None = None,
    agency: str | None = None,
    area: str | None = None,
) -> Overview:
    """The overview of a resolution, optionally filtered; counts are always of all targets."""
    result = evaluation(store, resolution_id, as_of, area)
    assignment = store.indicator_agencies()
    here = result.resolution.area
    series = cache.cached(
        store,
        ("series", resolution_id, here),
        lambda: _series_by_indicator(
            store.observations(all_revisions=True, approved_only=True, areas=[here]), here
        ),
    )

    tracked = cache.cached(
        store,
        ("in-year", resolution_id, result.as_of, area),
        lambda: in_year_service.in_year(store, resolution_id, result.as_of, area=area),
    )
    provisional = in_year_service.shown_by_clause(tracked)

    def row(t: TargetResult) -> TargetRow:
        head = t.headline
        latest = "—" if head is None else figure_text(head, lang)
        trend = () if head is None else series.get(head.clause.indicator, ())
        sentence = "" if head is None else head.explanation.get(lang)
        now = None if head is None else provisional.get(head.clause.id)
        return TargetRow(t, target_agencies(t, assignment), latest, trend, sentence, now)

    def keep(r: TargetRow) -> bool:
        if group and r.result.target.group != group:
            return False
        if verdict and (r.result.verdict is None or r.result.verdict.value != verdict):
            return False
        return not (agency and agency not in r.agencies)

    rows = tuple(r for r in map(row, result.targets) if keep(r))
    extra = tuple(r for r in map(row, result.extra) if keep(r))
    codes = [i.code for i in result.resolution.indicators]
    pending = cache.cached(store, ("pending", resolution_id), lambda: store.pending_count(codes))
    return Overview(result, result.counts(), rows, extra, pending)


def figure_text(r: ClauseResult, lang: str) -> str:
    if r.actual is None:
        return "—"
    text = qty(r.actual, r.clause.bound.unit, lang, computed=is_computed(r))
    if r.basis is not None:
        a, b = r.basis
        text += f" ({a})" if a == b else f" ({a}–{b})"
    return text


def _series_by_indicator(
    observations: Sequence[Observation], area: str
) -> dict[str, tuple[tuple[int, float], ...]]:
    mine = annual_levels(o for o in observations if o.area == area and o.is_year)
    by: dict[str, list[tuple[int, float]]] = {}
    for (indicator, _area, period, _part, _basis), obs in current(mine).items():
        by.setdefault(indicator, []).append((period[0], float(obs.value)))
    return {k: tuple(sorted(v)) for k, v in by.items()}


def target_detail(
    store: Store, resolution_id: str, target_id: str, *, lang: str = "vi", as_of: int | None = None
) -> TargetDetail:
    result = evaluation(store, resolution_id, as_of)
    target = result.target_result(target_id)
    indicators = tuple(dict.fromkeys(r.clause.indicator for r in target.clauses))
    area = result.resolution.area
    approved = store.observations(
        all_revisions=True, approved_only=True, indicators=indicators, areas=[area]
    )
    views = tuple(
        ClauseView(
            r,
            chart(r, approved, result.resolution),
            bound_phrase(r.clause.bound, lang),
            figure_text(r, lang),
        )
        for r in target.clauses
    )
    rows: list[Observation] = []
    shown = shown_areas(result.resolution)
    for code in indicators:
        rows.extend(
            sorted(store.observations(code, all_revisions=True, areas=shown), key=figure_order)
        )
    states = store.review_states([o.id for o in rows if o.id is not None])
    in_force = {id(o) for o in current(approved).values()}
    approved_ids = {o.id for o in approved if id(o) in in_force}
    figures = tuple(
        FigureRow(o, states.get(o.id) if o.id is not None else None, o.id in approved_ids)
        for o in rows
    )
    assignment = store.indicator_agencies()
    outlooks: dict[str, list[str]] = {}
    if not result.final:
        projected = cache.cached(
            store,
            ("outlook", resolution_id, target_id, result.as_of),
            lambda: analysis.project_resolution(
                store, resolution_id, target_id, as_of=result.as_of
            ),
        )
        for o in projected:
            lines = outlook_lines(o, lang)
            if lines:
                outlooks[o.clause.id] = lines
    # The checks run on this target's indicators (and those their rules compare them
    # with) in the areas the page lists: not on every figure of the country.
    violations = cache.cached(
        store,
        ("validation", resolution_id, target_id),
        lambda: analysis.validate_resolution(
            store, resolution_id, indicators=indicators, areas=shown
        ),
    )
    found = [
        (v.importance.value, v.message.get(lang))
        for v in violations
        if set(v.indicators) & set(indicators)
    ]
    tracked = cache.cached(
        store,
        ("in-year", resolution_id, target_id, result.as_of),
        lambda: in_year_service.in_year(store, resolution_id, result.as_of, indicators=indicators),
    )
    clause_ids = {r.clause.id for r in target.clauses}
    provisional = {
        k: s for k, s in in_year_service.shown_by_clause(tracked).items() if k in clause_ids
    }
    return TargetDetail(
        result,
        target,
        views,
        figures,
        target_agencies(target, assignment),
        indicators,
        outlooks,
        tuple(found),
        provisional,
    )


_PART_ORDER = {part: i for i, part in enumerate(("", *PARTS))}


def figure_order(o: Observation) -> tuple[object, ...]:
    """Figures of one indicator as a page lists them: by area and period, a year's own
    figure first and its parts under it in the order their months end, then basis and
    recording order."""
    return (o.area, o.period[1], o.period[0], _PART_ORDER.get(o.part, 99), o.basis, o.id or 0)


def shown_areas(resolution: Resolution) -> set[str]:
    """The areas whose figures a target page lists: the resolution's own, the areas beside
    it (no parent: merged or merging provinces) and its direct subdivisions. Deeper levels
    are left out: under a national resolution, 3.321 communes would put 33.000 rows per
    indicator on one page."""
    here = resolution.area
    return {here} | {a.code for a in resolution.areas if a.parent in (None, here)}


def chart(
    r: ClauseResult, observations: Sequence[Observation], resolution: Resolution
) -> Chart | None:
    """The series to draw for one clause, in the clause's unit where it converts."""
    unit = r.clause.bound.unit
    if r.clause.kind is ClauseKind.MILESTONE:
        return None
    points: list[tuple[int, float]] = []
    # yearly points only: a "9 tháng" figure is no point of a yearly line
    mine = annual_levels(o for o in observations if o.indicator == r.clause.indicator)
    for (_ind, _area, period, _p, _b), obs in sorted(
        current(mine).items(), key=lambda kv: kv[0][2]
    ):
        if period[0] != period[1]:
            continue
        value = _in_unit(obs.value, obs.unit, unit)
        if value is not None:
            points.append((period[0], float(value)))
    bound = r.clause.bound
    end = r.clause.end_year
    # A level target is drawn across the term, from the base year to its year.
    base = r.baseline.year if r.baseline is not None else resolution.base_year
    start = r.clause.period[0] if r.clause.period is not None else min(base, end)
    low = float(bound.low) if bound.low is not None else None
    high = float(bound.high) if bound.high is not None else None
    if bound.kind in (BoundKind.POINT, BoundKind.ABOUT) and low is not None:
        high = low
    required: list[tuple[int, float]] = []
    goal = low if low is not None else high
    if r.baseline is not None and goal is not None and r.clause.period is None:
        y0, v0 = r.baseline.year, float(r.baseline.value)
        span = end - y0
        if span > 0:
            geometric = r.required_kind is Required.GROWTH and v0 > 0 and goal > 0
            for step in range(span + 1):
                if geometric:
                    v = v0 * (goal / v0) ** (step / span)
                else:
                    v = v0 + (goal - v0) * step / span
                required.append((y0 + step, round(v, 6)))
    projection: list[tuple[int, float]] = []
    if r.projection is not None and r.projection_year is not None and points:
        last_year, last_value = points[-1]
        if r.projection_year > last_year:
            projection = [(last_year, last_value), (r.projection_year, float(r.projection))]
    if not points and not required and low is None and high is None:
        return None
    return Chart(unit, tuple(points), tuple(required), (start, end, low, high), tuple(projection))


def _in_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    if unit == wanted:
        return value
    try:
        return Quantity(value, parse_unit(unit)).to(parse_unit(wanted)).value
    except ValueError:
        return None


def verdict_label(verdict: Verdict | None, lang: str) -> str:
    return "—" if verdict is None else VERDICT_LABEL[verdict].get(lang)

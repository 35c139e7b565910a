"""Plausibility of figures as they are entered and reviewed: the core's rules
(:mod:`chitieu.core.analysis.validation.plausibility`) with what the store knows.

Every entry path (form, pasted years, workbook, CSV/JSON upload, API, ``chitieu
import``) and the review queue ask :func:`assess_figures`, so a figure is judged the same
way wherever it comes from: against its area's approved history (and the other years of
the same batch), the term of the resolution(s) that use its indicator, and, for a
per-person figure, the growth of its total. :func:`gate` then decides: impossible figures
are refused, implausible ones need a written justification, which is kept with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chitieu.core.analysis.validation.plausibility import FigureContext, Finding, assess
from chitieu.core.analysis.validation.values import value_in
from chitieu.core.model import Indicator, Resolution, Text
from chitieu.core.observations import Observation, current
from chitieu.store import Store
from chitieu.store.records import Justification, RowKey
from chitieu.store.review import obs_key

__all__ = ["Gate", "assess_figures", "describe", "gate"]

#: Keyed by (indicator, area): year → value in the indicator's unit.
_Series = dict[tuple[str, str], dict[int, float]]


@dataclass(frozen=True)
class _Scope:
    indicators: dict[str, Indicator]
    terms: dict[str, tuple[int, int]]
    totals: dict[str, tuple[str, Text]]  # per-person indicator → (growth of total, its name)


def _scope(store: Store, resolution_id: str | None) -> _Scope:
    """Indicators, their terms and per-person relations: one resolution's, or (an import
    not made for one resolution) every resolution's, a term spanning all that use it."""
    from chitieu.services.analysis import relations_and_rules

    ids = [resolution_id] if resolution_id is not None else store.resolution_ids()
    indicators: dict[str, Indicator] = {}
    terms: dict[str, tuple[int, int]] = {}
    totals: dict[str, tuple[str, Text]] = {}
    for rid in ids:
        resolution: Resolution = store.get_resolution(rid)
        names = {i.code: i.name for i in resolution.indicators}
        for ind in resolution.indicators:
            indicators.setdefault(ind.code, ind)
            base, end = resolution.base_year, resolution.period[1]
            held = terms.get(ind.code)
            terms[ind.code] = (
                (base, end) if held is None else (min(held[0], base), max(held[1], end))
            )
        relations, _ = relations_and_rules(store.resolution_text(rid))
        for pc in relations.per_capita:
            totals.setdefault(pc.indicator, (pc.growth, names.get(pc.growth, Text(pc.growth))))
    if resolution_id is None:
        for ind in store.indicators():
            indicators.setdefault(ind.code, ind)
    return _Scope(indicators, terms, totals)


def _series(
    store: Store,
    observations: Sequence[Observation],
    scope: _Scope,
    overlay: bool,
) -> _Series:
    """Approved current yearly figures of the batch's indicators (and the totals their
    per-person figures are compared with) in the batch's areas, overlaid by the batch
    when ``overlay``."""
    codes = {o.indicator for o in observations}
    codes |= {scope.totals[c][0] for c in codes if c in scope.totals}
    codes &= set(scope.indicators)
    areas = {o.area for o in observations}
    if not codes:
        return {}
    stored = store.observations(
        all_revisions=True, approved_only=True, indicators=sorted(codes), areas=sorted(areas)
    )
    out: _Series = {}
    for obs in (*current(stored).values(), *(observations if overlay else ())):
        ind = scope.indicators.get(obs.indicator)
        if ind is None or not obs.is_year:
            continue
        value = value_in(obs, ind.unit)
        if value is not None:
            out.setdefault((obs.indicator, obs.area), {})[obs.year] = value
    return out


def assess_figures(
    store: Store,
    observations: Sequence[Observation],
    resolution_id: str | None = None,
    *,
    overlay: bool = True,
) -> list[tuple[Finding, ...]]:
    """What the plausibility rules find in each figure, in the batch's order.

    With ``overlay`` the other figures of the batch count as history (a pasted series is
    judged as a whole); without it (the review queue: figures not approved yet) only
    approved figures do. A figure is never compared with itself: its own year is left out.
    """
    if not observations:
        return []
    scope = _scope(store, resolution_id)
    series = _series(store, observations, scope, overlay)
    found: list[tuple[Finding, ...]] = []
    for obs in observations:
        ind = scope.indicators.get(obs.indicator)
        if ind is None:
            found.append(())
            continue
        history = dict(series.get((obs.indicator, obs.area), {}))
        history.pop(obs.year, None)
        total = scope.totals.get(obs.indicator)
        context = FigureContext(
            ind,
            scope.terms.get(obs.indicator),
            history,
            series.get((total[0], obs.area), {}) if total else {},
            total[1] if total else Text(""),
        )
        found.append(assess(obs, context))
    return found


@dataclass
class Gate:
    """What the rules decided about a batch: figures refused (by position in the batch,
    with their findings), implausible figures still without a justification, and the
    justifications to keep with the figures that have one."""

    refused: list[tuple[int, Finding]] = field(default_factory=list)
    unexplained: list[tuple[int, Finding]] = field(default_factory=list)
    justified: dict[RowKey, Justification] = field(default_factory=dict)

    @property
    def passes(self) -> bool:
        return not self.refused and not self.unexplained


def gate(
    observations: Sequence[Observation],
    findings: Sequence[tuple[Finding, ...]],
    justification: str | Mapping[RowKey, str] = "",
) -> Gate:
    """Impossible figures are refused; implausible ones pass with a justification (one
    text for the whole batch, or one per figure's key)."""
    out = Gate()
    for n, (obs, found) in enumerate(zip(observations, findings, strict=True)):
        key = obs_key(obs)
        given = justification if isinstance(justification, str) else justification.get(key, "")
        given = given.strip()
        implausible = [f for f in found if not f.refused]
        out.refused.extend((n, f) for f in found if f.refused)
        if not implausible:
            continue
        if given:
            out.justified[key] = Justification(given, tuple(f.rule for f in implausible))
        else:
            out.unexplained.extend((n, f) for f in implausible)
    return out


def describe(
    obs: Observation,
    indicators: Mapping[str, Indicator],
    lang: str,
    areas: Mapping[str, Text] | None = None,
) -> str:
    """A figure as a line of a list names it: "Tỷ lệ thất nghiệp …, Hải Phòng, 2025 (ước)"."""
    ind = indicators.get(obs.indicator)
    name = ind.name.get(lang) if ind is not None else obs.indicator
    area = areas[obs.area].get(lang) if areas and obs.area in areas else obs.area
    return f"{name}, {area}, {obs.period_label()} ({obs.status.label.get(lang)})"

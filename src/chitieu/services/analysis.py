"""Analysis operations shared by the CLI and the web app: check, validate, project, backtest.

Each function takes the store and a resolution id and returns core objects; ``*_dict``
functions turn them into plain JSON-ready data (numbers as floats rounded for people,
texts in both languages), so every front end shows the same thing.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.backtest import Backtest, backtest
from chitieu.core.analysis.feasibility import Assumptions, Feasibility, check
from chitieu.core.analysis.outlook import Outlook, clause_outlook
from chitieu.core.analysis.relations import (
    GrowthOf,
    Investment,
    PerCapita,
    Relations,
    Structure,
    StructurePart,
)
from chitieu.core.analysis.validation import (
    Importance,
    Missing,
    Rule,
    Violation,
    parse_expression,
    references,
    validate,
)
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Resolution, Text
from chitieu.core.observations import Observation
from chitieu.core.units import ExchangeRates
from chitieu.definitions.schema import RelationsSpec, ValidationRuleSpec
from chitieu.store import Store


@dataclass(frozen=True)
class Analysed:
    """A stored resolution with what analysis needs beside it."""

    resolution: Resolution
    observations: list[Observation]
    relations: Relations
    rules: list[Rule]


def _text(spec: Any) -> Text:
    return Text(spec.vi, spec.en) if spec is not None else Text("")


#: The top-level keys of a definition that analysis reads beside the core model.
_SECTIONS = ("relations", "validation_rules")


def _sections(text: str) -> str:
    """The lines of the top-level ``relations:`` and ``validation_rules:`` blocks.

    A national definition is 280 KB (3.400 areas) and the pure-Python YAML parser takes
    seconds on it; these two blocks are a few lines. A block runs from its key at column
    0 to the next line at column 0 that is neither a comment nor a ``-`` item of it.
    """
    out: list[str] = []
    keep = False
    for line in text.splitlines(keepends=True):
        if line[:1] not in ("", " ", "\t", "\n", "\r", "#", "-"):
            keep = line.split(":", 1)[0].strip() in _SECTIONS
        if keep:
            out.append(line)
    return "".join(out)


def _load_sections(text: str) -> Any:
    """The two blocks parsed alone; the whole text when they cannot stand alone (an alias
    to an anchor elsewhere, a document not in block style)."""
    if all(key not in text for key in _SECTIONS):
        return {}
    try:
        data = YAML(typ="safe").load(_sections(text))
        if isinstance(data, dict) and any(key in data for key in _SECTIONS):
            return data
    except YAMLError:
        pass
    return YAML(typ="safe").load(text) or {}


def relations_and_rules(definition_text: str) -> tuple[Relations, list[Rule]]:
    """The optional ``relations:`` and ``validation_rules:`` of a definition text.

    The definitions loader has already checked them (with lines) when the text was
    loaded; the core model does not carry them, so they are read here from the text.
    """
    relations, rules = _relations_and_rules(definition_text)
    return relations, list(rules)


@functools.lru_cache(maxsize=16)
def _relations_and_rules(definition_text: str) -> tuple[Relations, tuple[Rule, ...]]:
    # Kept per text: a page asks twice per request, and definitions change rarely.
    data = _load_sections(definition_text) or {}
    rel_spec = RelationsSpec.model_validate(data.get("relations") or {})
    relations = Relations(
        structures=tuple(
            Structure(
                id=s.id,
                parts=tuple(StructurePart(p.share, p.growth) for p in s.parts),
                label=_text(s.label),
                total_growth=s.total_growth,
                **({"tolerance": s.tolerance} if s.tolerance is not None else {}),
            )
            for s in rel_spec.structures
        ),
        per_capita=tuple(PerCapita(p.indicator, p.growth) for p in rel_spec.per_capita),
        investment=tuple(Investment(i.indicator, i.output, i.growth) for i in rel_spec.investment),
        growth_of=tuple(
            GrowthOf(g.growth, g.level, **({"tolerance": g.tolerance} if g.tolerance else {}))
            for g in rel_spec.growth_of
        ),
    )
    rules = []
    for raw in data.get("validation_rules") or []:
        r = ValidationRuleSpec.model_validate(raw)
        rules.append(
            Rule(
                id=r.id,
                left=r.left,
                operator=r.operator,
                right=r.right,
                name=_text(r.name),
                importance=Importance(r.importance),
                missing=Missing(r.missing),
                tolerance=r.tolerance if r.tolerance is not None else Decimal(0),
            )
        )
    return relations, tuple(rules)


def _require_loaded(store: Store, resolution_id: str) -> None:
    if resolution_id not in store.resolution_ids():
        known = ", ".join(store.resolution_ids()) or "—"
        raise KeyError(
            f"chưa nạp nghị quyết '{resolution_id}' (resolution not loaded); đã nạp: {known}. "
            f"Dùng `chitieu load {resolution_id}`."
        )


def analysed(
    store: Store,
    resolution_id: str,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
) -> Analysed:
    """The resolution and its approved figures, of ``indicators`` in ``areas`` (None: all).

    A national store holds millions of figures; a page about one target must read the
    few thousand it shows, not validate the whole country first.
    """
    _require_loaded(store, resolution_id)
    resolution = store.get_resolution(resolution_id)
    relations, rules = relations_and_rules(store.resolution_text(resolution_id))
    codes = {i.code for i in resolution.indicators}
    if indicators is not None:
        codes &= set(indicators)
    # Approved figures only, like evaluations: a figure waiting for review is not a fact yet.
    observations = store.observations(
        all_revisions=True,
        approved_only=True,
        indicators=sorted(codes),
        areas=sorted(areas) if areas is not None else None,
    )
    return Analysed(resolution, observations, relations, rules)


def related_indicators(
    codes: Collection[str], relations: Relations, rules: Sequence[Rule]
) -> set[str]:
    """``codes`` and every indicator a check of theirs reads beside them.

    A rule, a structure or a growth-of-levels pair that mentions one of ``codes`` needs
    all of its indicators to give the same finding as on the whole store; checks of
    one indicator (outliers, plausibility, area validity, district sums) need no more.
    """
    wanted = set(codes)
    for rule in rules:
        refs = references(parse_expression(rule.left)) | references(parse_expression(rule.right))
        if refs & wanted:
            wanted |= refs
    for s in relations.structures:
        parts = {p.share for p in s.parts}
        if parts & wanted:
            wanted |= parts
    for g in relations.growth_of:
        if {g.growth, g.level} & wanted:
            wanted |= {g.growth, g.level}
    return wanted


def check_resolution(
    store: Store, resolution_id: str, assumptions: Assumptions | None = None
) -> Feasibility:
    a = analysed(store, resolution_id)
    return check(a.resolution, a.observations, a.relations, assumptions)


def validate_resolution(
    store: Store,
    resolution_id: str,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
) -> list[Violation]:
    """Every finding of the data checks; with ``indicators``, every finding that involves
    one of them (others may come too), read from their figures and those their checks
    compare them with; with ``areas``, from the figures of those areas only (a parent's
    district sum then needs its children among them)."""
    if indicators is None:
        a = analysed(store, resolution_id, areas=areas)
    else:
        relations, rules = relations_and_rules(store.resolution_text(resolution_id))
        wanted = related_indicators(indicators, relations, rules)
        a = analysed(store, resolution_id, indicators=wanted, areas=areas)
    known = {i.code: i for i in a.resolution.indicators}
    tree = AreaTree.from_resolution(a.resolution)
    return validate(a.observations, known, a.rules, a.relations, tree)


def blocking_violations(
    store: Store, resolution_id: str, candidates: Sequence[Observation]
) -> list[Violation]:
    """High-importance violations that involve the candidate figures: approval must wait.

    The candidates are checked together with the stored figures, as if approved.
    """
    relations, rules = relations_and_rules(store.resolution_text(resolution_id))
    # Findings involving the candidates' indicators read no other indicator's figures.
    wanted = related_indicators({o.indicator for o in candidates}, relations, rules)
    a = analysed(store, resolution_id, indicators=wanted)
    indicators = {i.code: i for i in a.resolution.indicators}
    tree = AreaTree.from_resolution(a.resolution)
    found = validate([*a.observations, *candidates], indicators, a.rules, a.relations, tree)
    touched = {(o.indicator, o.area, o.period) for o in candidates}
    return [
        v
        for v in found
        if v.blocks_approval and any((code, v.area, v.period) in touched for code in v.indicators)
    ]


def project_resolution(
    store: Store,
    resolution_id: str,
    target: str | None = None,
    as_of: int | None = None,
    area: str | None = None,
    rates: ExchangeRates | None = None,
) -> list[Outlook]:
    """The outlook of every running clause (or of one target's clauses).

    A clause's outlook reads its own indicator in one area, so only those figures are
    read from the store.
    """
    _require_loaded(store, resolution_id)
    res = store.get_resolution(resolution_id)
    year = as_of if as_of is not None else res.period[1] - 1
    if area is not None and area not in {x.code for x in res.areas}:
        known = ", ".join(x.code for x in res.areas)
        raise KeyError(f"không có địa bàn '{area}' (no area '{area}'); có: {known}")
    targets = (*res.targets, *res.extra_targets)
    if target is not None:
        chosen = [t for t in targets if t.id == target]
        if not chosen:
            known = ", ".join(t.id for t in targets)
            raise KeyError(f"không có chỉ tiêu '{target}' (no target '{target}'); có: {known}")
        targets = tuple(chosen)
    codes = {c.indicator for t in targets for c in t.clauses}
    a = analysed(store, resolution_id, indicators=codes, areas=[area or res.area])
    settings = EvaluationSettings(as_of=year, rates=rates)
    return [
        clause_outlook(res, c, a.observations, year, settings, area)
        for t in targets
        for c in t.clauses
    ]


def backtest_resolution(
    store: Store, resolution_id: str, upto: int, year: int | None = None
) -> Backtest:
    a = analysed(store, resolution_id)
    if upto >= (year or a.resolution.period[1]):
        raise ValueError(
            f"--upto {upto}: phải trước năm dự báo (must be before the projected year)"
        )
    return backtest(a.resolution, a.observations, upto, year)


# -- plain data for JSON and templates -------------------------------------------------


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def _t(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"vi": text.vi, "en": text.en}


def feasibility_dict(f: Feasibility) -> dict[str, Any]:
    return {
        "resolution": f.resolution.id,
        "findings": [
            {
                "check": x.check,
                "severity": str(x.severity),
                "clauses": list(x.clauses),
                "figures": {k: _r(v) for k, v in x.figures},
                "arithmetic": _t(x.arithmetic),
                "sentence": _t(x.sentence),
            }
            for x in f.findings
        ],
        "required_paces": [
            {
                "clause": p.clause.id,
                "label": _t(p.clause.label),
                "base_year": p.base[0] if p.base else None,
                "base": _r(p.base[1]) if p.base else None,
                "target": _r(p.target),
                "required_pct": _r(p.required_pct),
                "previous_pct": _r(p.previous_pct),
                "previous_years": list(p.previous_years) if p.previous_years else None,
                "faster_than_before": p.faster_than_before,
            }
            for p in f.paces
        ],
    }


def violation_dict(v: Violation) -> dict[str, Any]:
    return {
        "check": v.check,
        "importance": str(v.importance),
        "blocks_approval": v.blocks_approval,
        "area": v.area,
        "period": list(v.period),
        "indicators": list(v.indicators),
        "left": _r(v.left),
        "right": _r(v.right),
        "message": _t(v.message),
    }


def outlook_dict(o: Outlook) -> dict[str, Any]:
    p = o.projection
    iv = p.interval if p is not None else None
    return {
        "clause": o.clause.id,
        "label": _t(o.clause.label),
        "indicator": o.indicator.code,
        "area": o.area,
        "as_of": o.as_of,
        "unit": o.clause.bound.unit,
        "points": [[y, _r(v)] for y, v in o.points],
        "projection": None
        if p is None
        else {
            "year": p.year,
            "value": _r(p.value),
            "interval_80": [_r(iv[0]), _r(iv[1])] if iv else None,
            "method": str(p.kind),
            "trend_pct_per_year": _r(p.drift_pct),
            "figures_used": p.points,
        },
        "probability_met": _r(o.probability),
        "met_if": None if o.region is None else [_r(o.region[0]), _r(o.region[1])],
        "required_pace": None
        if o.pace is None
        else {
            "pct_per_year": _r(o.pace.pct),
            "years": list(o.pace.years),
            "best_pct": _r(o.pace.best.pct) if o.pace.best else None,
            "best_years": [o.pace.best.first, o.pace.best.last] if o.pace.best else None,
            "reached_before": o.pace.reached,
        },
        "note": _t(o.note),
    }


def backtest_dict(b: Backtest) -> dict[str, Any]:
    inside, with_interval = b.coverage
    right, called = b.calls
    return {
        "resolution": b.resolution.id,
        "upto": b.upto,
        "year": b.year,
        "cases": [
            {
                "indicator": c.indicator.code,
                "clause": c.clause.id if c.clause else None,
                "points": [[y, _r(v)] for y, v in c.points],
                "actual": _r(c.actual),
                "projected": _r(c.projection.value),
                "interval_80": [_r(x) for x in c.projection.interval]
                if c.projection.interval
                else None,
                "error": _r(c.error),
                "pct_error": _r(c.pct_error),
                "inside_interval": c.inside,
                "probability_met": _r(c.probability),
                "met": c.met,
            }
            for c in b.cases
        ],
        "skipped": [{"indicator": i.code, "reason": _t(r)} for i, r in b.skipped],
        "mean_abs_pct_error": _r(b.mape),
        "median_abs_pct_error": _r(b.median_ape),
        "inside_interval": inside,
        "with_interval": with_interval,
        "verdicts_called_right": right,
        "verdicts_called": called,
    }

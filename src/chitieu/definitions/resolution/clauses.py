"""The clauses of a target: what each one measures, its bound, its unit and its years.

A clause kind decides its time: a span of years (average growth, cumulative, per year)
takes ``period``, the others one ``year``; a milestone is itself a year (unit "năm").
A bound kind decides its numbers: ``range`` takes ``low`` and ``high``, the others one
``value``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from chitieu.core.model import Bound, BoundKind, Citation, Clause, ClauseKind, Indicator
from chitieu.definitions.resolution.document import (
    ResolutionDocument,
    text_of,
    units_compatible,
)
from chitieu.definitions.schema import ClauseSpec
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["MILESTONE_UNIT", "PERIOD_KINDS", "VALUE_BOUNDS", "read_clauses"]

#: Clause kinds that cover a span of years and take ``period``; the others take ``year``.
PERIOD_KINDS = frozenset({ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR})
#: Bounds stated with one ``value``; ``range`` takes ``low`` and ``high``.
VALUE_BOUNDS = frozenset(
    {
        BoundKind.POINT,
        BoundKind.ABOUT,
        BoundKind.AT_LEAST,
        BoundKind.ABOVE,
        BoundKind.BELOW,
        BoundKind.AT_MOST,
    }
)
MILESTONE_UNIT = "năm"


def read_clauses(
    doc: ResolutionDocument,
    path: Path_,
    raw_clauses: Sequence[Any],
    value_known: bool,
    period: tuple[int, int] | None,
    indicators: Mapping[str, tuple[Path_, Indicator]],
    target_source: Citation,
) -> tuple[list[str], list[Clause]]:
    """Validate a target's clauses; returns the declared ids and the clauses built."""
    declared: list[str] = []
    clauses: list[Clause] = []
    for j, raw in enumerate(raw_clauses):
        cpath: Path_ = (*path, "clauses", j)
        cspec = doc.validate(ClauseSpec, raw, cpath)
        if cspec is None:
            if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                declared.append(raw["id"])
            continue
        declared.append(cspec.id)
        clause = _clause(doc, cspec, cpath, value_known, period, indicators, target_source)
        if clause is not None:
            clauses.append(clause)
    return declared, clauses


def _clause(
    doc: ResolutionDocument,
    spec: ClauseSpec,
    path: Path_,
    value_known: bool,
    period: tuple[int, int] | None,
    indicators: Mapping[str, tuple[Path_, Indicator]],
    target_source: Citation,
) -> Clause | None:
    problems_before = len(doc.problems)
    if spec.id in doc.clause_ids:
        doc.add((*path, "id"), f"duplicate clause id {spec.id!r}")
    else:
        doc.clause_ids[spec.id] = path

    indicator: Indicator | None = None
    if spec.indicator in indicators:
        indicator = indicators[spec.indicator][1]
    else:
        doc.add((*path, "indicator"), f"unknown indicator {spec.indicator!r}" + _known(indicators))

    given = {name for name in ("value", "low", "high") if getattr(spec, name) is not None}
    if not value_known and not given:
        # The value is stated nowhere: the requirement stays in the target's text.
        return None

    bound = _bound(doc, spec, path, given)
    unit = _clause_unit(doc, spec, path, indicator)

    year: int | None = None
    span: tuple[int, int] | None = None
    if spec.kind in PERIOD_KINDS:
        if spec.year is not None:
            doc.add(
                (*path, "year"),
                f"a {spec.kind} clause covers a period: write period: 2021-2025, not year",
            )
        span = spec.period if spec.period is not None else period
    else:
        if spec.period is not None:
            doc.add(
                (*path, "period"),
                f"a {spec.kind} clause refers to one year: write year: 2025, not period",
            )
        year = spec.year if spec.year is not None else (period[1] if period else None)

    if (spec.base_year is None) != (spec.base_value is None):
        missing = "base_value" if spec.base_value is None else "base_year"
        present = "base_year" if spec.base_value is None else "base_value"
        doc.add(
            (*path, missing),
            f"{present} is given without {missing}",
            anchor=(
                *path,
                present,
            ),
        )
    if spec.base_year is not None:
        start = span[0] if span is not None else year
        if start is not None and spec.base_year >= start:
            doc.add(
                (*path, "base_year"),
                f"base year {spec.base_year} is not before {start}, where the clause starts",
            )
    if spec.tolerance is not None:
        if spec.bound != BoundKind.ABOUT:
            doc.add(
                (*path, "tolerance"), f"tolerance only applies to bound about, not {spec.bound}"
            )
        elif spec.tolerance < 0:
            doc.add((*path, "tolerance"), "tolerance must not be negative")

    if len(doc.problems) > problems_before or bound is None or unit is None:
        return None
    if span is None and year is None:
        return None
    return Clause(
        id=spec.id,
        text=spec.text,
        indicator=spec.indicator,
        kind=spec.kind,
        bound=Bound(kind=spec.bound, low=bound[0], high=bound[1], unit=unit),
        label=text_of(spec.label),
        year=year,
        period=span,
        base_year=spec.base_year,
        base_value=spec.base_value,
        tolerance=spec.tolerance,
        each_year=spec.each_year,
        source=doc.citation(spec.source, default=target_source),
    )


def _bound(
    doc: ResolutionDocument, spec: ClauseSpec, path: Path_, given: set[str]
) -> tuple[Decimal | None, Decimal | None] | None:
    kind = spec.bound
    anchor: Path_ = (*path, "bound")
    needed = {"value"} if kind in VALUE_BOUNDS else {"low", "high"}
    ok = True
    for name in sorted(needed - given):
        hint = "" if kind in VALUE_BOUNDS else " (a range needs low and high)"
        doc.add((*path, name), f"bound {kind} needs {name}{hint}", anchor=anchor)
        ok = False
    for name in sorted(given - needed):
        use = "value" if kind in VALUE_BOUNDS else "low and high"
        doc.add((*path, name), f"bound {kind} takes {use}, not {name}")
        ok = False
    if not ok:
        return None
    if kind == BoundKind.RANGE:
        low, high = spec.low, spec.high
        if low is not None and high is not None and low > high:
            doc.add((*path, "low"), f"range low {low} is greater than high {high}")
            return None
        return (low, high)
    value = spec.value
    if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        return (value, None)
    if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
        return (None, value)
    return (value, value)


def _clause_unit(
    doc: ResolutionDocument, spec: ClauseSpec, path: Path_, indicator: Indicator | None
) -> str | None:
    upath: Path_ = (*path, "unit")
    if spec.kind == ClauseKind.MILESTONE:
        if spec.unit not in (None, MILESTONE_UNIT):
            doc.add(
                upath,
                f"a milestone is a year: its unit is {MILESTONE_UNIT!r} or absent, "
                f"not {spec.unit!r}",
            )
            return None
        return MILESTONE_UNIT
    if spec.unit is None:
        doc.add(
            upath,
            'unit is required (write unit: "" for a bare number)',
            anchor=(*path, "bound"),
        )
        return None
    if not doc.check_unit(spec.unit, upath):
        return None
    if indicator is not None and not units_compatible(spec.unit, indicator.unit):
        doc.add(
            upath,
            f"unit {spec.unit!r} is not compatible with the unit {indicator.unit!r} "
            f"of indicator {indicator.code!r}",
        )
        return None
    return spec.unit

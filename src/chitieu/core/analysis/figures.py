"""Figures as floats for analysis: one indicator, one area, in a chosen unit.

Analysis is arithmetic on published, rounded figures and is shown rounded; it never
decides a verdict, so floats are fine here (verdicts stay exact, in Decimal, in
``chitieu.core.evaluation``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.series import build_series
from chitieu.core.model import Clause, ClauseKind, Resolution
from chitieu.core.numbers import format_number
from chitieu.core.observations import Observation
from chitieu.core.units import UnknownUnitError, parse_unit, unit_label

ALL_YEARS = 9999


@dataclass(frozen=True)
class Figures:
    years: dict[int, float] = field(default_factory=dict)
    spans: dict[tuple[int, int], float] = field(default_factory=dict)


def figures(
    observations: Sequence[Observation],
    indicator: str,
    area: str,
    unit: str,
    settings: EvaluationSettings | None = None,
) -> Figures:
    mine = [o for o in observations if o.indicator == indicator]
    series = build_series(unit, area, mine, ALL_YEARS, settings or EvaluationSettings())
    return Figures(
        {y: float(f.value) for y, f in series.years.items()},
        {p: float(f.value) for p, f in series.spans.items()},
    )


def all_clauses(resolution: Resolution) -> list[Clause]:
    return [c for t in (*resolution.targets, *resolution.extra_targets) for c in t.clauses]


def clause_for(
    resolution: Resolution, indicator: str, kinds: Sequence[ClauseKind]
) -> Clause | None:
    for c in all_clauses(resolution):
        if c.indicator == indicator and c.kind in kinds and not c.each_year:
            return c
    return None


def fmt(x: float, lang: str, digits: int = 2) -> str:
    """vi-VN (or en) number with at most ``digits`` decimals, trailing zeros dropped."""
    d = Decimal(repr(round(x, digits))).normalize()
    if d == d.to_integral():
        d = d.quantize(Decimal(1))
    return format_number(d, lang=lang)


def unit_text(unit: str, lang: str) -> str:
    """The unit as people read it in ``lang`` ("tỷ USD" / "billion USD")."""
    try:
        return unit_label(parse_unit(unit), lang)
    except UnknownUnitError:
        return unit


def with_unit(x: float, unit: str, lang: str, digits: int = 2) -> str:
    """ "53,4%" (no space before %), "6.556 ha"."""
    text, label = fmt(x, lang, digits), unit_text(unit, lang)
    return f"{text}{label}" if label.startswith("%") else f"{text} {label}".rstrip()


def lower_first(name: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("GRDP …")."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def approx(x: float, lang: str) -> str:
    """A computed value rounded to what a reader can use: 2 decimals below 10, 1 below
    100, none above ("110.863"), as ``chitieu.core.explain.num`` does for projections."""
    size = abs(x)
    return fmt(x, lang, 2 if size < 10 else 1 if size < 100 else 0)


def approx_unit(x: float, unit: str, lang: str) -> str:
    text, label = approx(x, lang), unit_text(unit, lang)
    return f"{text}{label}" if label.startswith("%") else f"{text} {label}".rstrip()


def percent(p: float, lang: str) -> str:
    """A probability in %, never rounded to a false certainty ("< 1%", "> 99%")."""
    if 0.0 < p < 0.01:
        return "< 1%"
    if 0.99 < p < 1.0:
        return "> 99%"
    return f"{fmt(p * 100.0, lang, 0)}%"

"""Rules from the definition: two expressions, an operator, an importance and a strategy
for missing figures, checked in every area and year (DHIS2's validation rules)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.validation.expressions import (
    ExpressionError,
    evaluate,
    parse_expression,
    references,
)
from chitieu.core.analysis.validation.values import yearly_values
from chitieu.core.analysis.validation.violations import Importance, Violation
from chitieu.core.model import Indicator, Text
from chitieu.core.observations import Observation

__all__ = ["OPERATORS", "Missing", "Rule", "check_rules"]

OPERATORS = ("==", "!=", "<", "<=", ">", ">=")


class Missing(StrEnum):
    """DHIS2's missing-value strategies."""

    SKIP_IF_ANY_MISSING = "skip_if_any_missing"
    SKIP_IF_ALL_MISSING = "skip_if_all_missing"  # missing values count as 0
    NEVER_SKIP = "never_skip"


@dataclass(frozen=True)
class Rule:
    id: str
    left: str
    operator: str
    right: str
    name: Text = field(default_factory=lambda: Text(""))
    importance: Importance = Importance.MEDIUM
    missing: Missing = Missing.SKIP_IF_ANY_MISSING
    tolerance: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.operator not in OPERATORS:
            raise ExpressionError(f"rule {self.id}: operator {self.operator!r} not in {OPERATORS}")
        parse_expression(self.left)
        parse_expression(self.right)


def _holds(left: float, op: str, right: float, tol: float) -> bool:
    if op == "==":
        return abs(left - right) <= tol
    if op == "!=":
        return abs(left - right) > tol
    if op == "<":
        return left < right + tol
    if op == "<=":
        return left <= right + tol
    if op == ">":
        return left > right - tol
    return left >= right - tol


def check_rules(
    rules: Sequence[Rule],
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
    """Violations of ``rules`` in every area and year that has figures for them."""
    values = yearly_values(observations, indicators)
    cells = sorted({(a, y) for (_, a, y) in values})
    out: list[Violation] = []
    for rule in rules:
        left, right = parse_expression(rule.left), parse_expression(rule.right)
        refs = sorted(references(left) | references(right))
        for area, year in cells:
            got = {r: values[(r, area, year)][0] for r in refs if (r, area, year) in values}
            if not got:
                continue
            if len(got) < len(refs):
                if rule.missing is Missing.SKIP_IF_ANY_MISSING:
                    continue
                got = {r: got.get(r, 0.0) for r in refs}
            lv, rv = evaluate(left, got), evaluate(right, got)
            if lv is None or rv is None:
                continue
            if _holds(lv, rule.operator, rv, float(rule.tolerance)):
                continue
            name_vi = rule.name.vi or rule.id
            name_en = rule.name.get("en") or rule.id
            out.append(
                Violation(
                    rule.id,
                    rule.importance,
                    area,
                    (year, year),
                    tuple(refs),
                    Text(
                        f"{name_vi}: {fmt(lv, 'vi')} {rule.operator} {fmt(rv, 'vi')} không "
                        f"thỏa ({area}, {year}).",
                        f"{name_en}: {fmt(lv, 'en')} {rule.operator} {fmt(rv, 'en')} does "
                        f"not hold ({area}, {year}).",
                    ),
                    lv,
                    rv,
                )
            )
    return out

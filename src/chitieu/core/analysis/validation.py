"""Data checks: DHIS2-style rules from the definition, and built-in checks.

A rule compares a left and a right expression over the figures of one area and one
year (``#{indicator}``, numbers, + − × ÷ and parentheses), with an operator, an
importance (high, medium, low) and a missing-value strategy, as in DHIS2. Built-ins:
shares of a structure add up to 100 ± tolerance; a published growth rate agrees with
its levels; a yearly growth far from the rest of the series (robust z-score on the
median and MAD, |z| > 3,5, Iglewicz & Hoaglin) is flagged; a figure's unit and
magnitude are plausible; a figure lies within its area's validity; a city's flow
equals the sum of its districts. Violations of a ``high`` rule block approval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from statistics import median

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.figures import fmt
from chitieu.core.analysis.relations import Relations
from chitieu.core.model import Aggregation, Indicator, Measure, Text
from chitieu.core.observations import Observation, current
from chitieu.core.units import (
    IncompatibleUnitsError,
    Quantity,
    UnknownUnitError,
    parse_unit,
    uses_rate,
)

OPERATORS = ("==", "!=", "<", "<=", ">", ">=")
OUTLIER_Z = 3.5
# A series that moves by a fraction of a point a year would otherwise make any ordinary
# change an "outlier" (unemployment falling 0,25–0,5 point a year, then 2,28: z = −9,6).
# With the spread floored at 1 point, a year is flagged only 5,2 points or more from the median.
OUTLIER_MAD_FLOOR = 1.0
OUTLIER_MIN_POINTS = 4
MAGNITUDE_FACTOR = 10.0


class Importance(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


IMPORTANCE_LABEL = {
    Importance.HIGH: Text("cao", "high"),
    Importance.MEDIUM: Text("trung bình", "medium"),
    Importance.LOW: Text("thấp", "low"),
}


class Missing(StrEnum):
    """DHIS2's missing-value strategies."""

    SKIP_IF_ANY_MISSING = "skip_if_any_missing"
    SKIP_IF_ALL_MISSING = "skip_if_all_missing"  # missing values count as 0
    NEVER_SKIP = "never_skip"


class ExpressionError(ValueError):
    """An expression that cannot be read; the message says where."""


# -- expressions -----------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(#\{[a-z0-9-]+\})|(\d+(?:\.\d+)?)|([-+*/()]))")

Expr = tuple[object, ...]  # ("num", x) | ("ref", code) | ("neg", e) | (op, a, b)


def parse_expression(text: str) -> Expr:
    """Read ``#{a} + #{b} * 100``; numbers in machine format (``.`` decimal mark)."""
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ExpressionError(f"{text!r}: cannot read from position {pos + 1}: {text[pos:]!r}")
        tokens.append(m.group(1) or m.group(2) or m.group(3))
        pos = m.end()
    if not tokens:
        raise ExpressionError(f"{text!r}: empty expression")
    expr, rest = _sum(tokens, text)
    if rest:
        raise ExpressionError(f"{text!r}: unexpected {rest[0]!r}")
    return expr


def _sum(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    left, tokens = _product(tokens, text)
    while tokens and tokens[0] in "+-":
        op = tokens[0]
        right, tokens = _product(tokens[1:], text)
        left = (op, left, right)
    return left, tokens


def _product(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    left, tokens = _atom(tokens, text)
    while tokens and tokens[0] in "*/":
        op = tokens[0]
        right, tokens = _atom(tokens[1:], text)
        left = (op, left, right)
    return left, tokens


def _atom(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    if not tokens:
        raise ExpressionError(f"{text!r}: ends too early")
    tok = tokens[0]
    if tok == "(":
        inner, rest = _sum(tokens[1:], text)
        if not rest or rest[0] != ")":
            raise ExpressionError(f"{text!r}: missing ')'")
        return inner, rest[1:]
    if tok == "-":
        inner, rest = _atom(tokens[1:], text)
        return ("neg", inner), rest
    if tok.startswith("#{"):
        return ("ref", tok[2:-1]), tokens[1:]
    if tok[0].isdigit():
        return ("num", float(tok)), tokens[1:]
    raise ExpressionError(f"{text!r}: unexpected {tok!r}")


def references(expr: Expr) -> set[str]:
    if expr[0] == "ref":
        return {str(expr[1])}
    if expr[0] == "num":
        return set()
    return set().union(*(references(e) for e in expr[1:] if isinstance(e, tuple)))


def evaluate(expr: Expr, values: Mapping[str, float | None]) -> float | None:
    """The value, or None when a referenced figure is missing or a division is by 0."""
    head = expr[0]
    if head == "num":
        return float(expr[1])  # type: ignore[arg-type]
    if head == "ref":
        return values.get(str(expr[1]))
    if head == "neg":
        inner = evaluate(expr[1], values)  # type: ignore[arg-type]
        return None if inner is None else -inner
    a = evaluate(expr[1], values)  # type: ignore[arg-type]
    b = evaluate(expr[2], values)  # type: ignore[arg-type]
    if a is None or b is None:
        return None
    if head == "+":
        return a + b
    if head == "-":
        return a - b
    if head == "*":
        return a * b
    return None if b == 0 else a / b


# -- rules and violations --------------------------------------------------------------


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


@dataclass(frozen=True)
class Violation:
    check: str  # a rule id, or a built-in: structure_sum, growth_levels, outlier, unit, …
    importance: Importance
    area: str
    period: tuple[int, int]
    indicators: tuple[str, ...]
    message: Text
    left: float | None = None
    right: float | None = None

    @property
    def blocks_approval(self) -> bool:
        return self.importance is Importance.HIGH


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


def _value_in(obs: Observation, unit: str) -> float | None:
    try:
        return float(Quantity(obs.value, parse_unit(obs.unit)).to(parse_unit(unit)).value)
    except (IncompatibleUnitsError, UnknownUnitError):
        return None


def yearly_values(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> dict[tuple[str, str, int], tuple[float, Observation]]:
    """(indicator, area, year) → current figure in the indicator's unit."""
    out: dict[tuple[str, str, int], tuple[float, Observation]] = {}
    for obs in current(observations).values():
        ind = indicators.get(obs.indicator)
        if ind is None or not obs.is_year:
            continue
        v = _value_in(obs, ind.unit)
        if v is not None:
            out[(obs.indicator, obs.area, obs.year)] = (v, obs)
    return out


def check_rules(
    rules: Sequence[Rule],
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
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


# -- built-in checks -------------------------------------------------------------------


def structure_sums(
    relations: Relations,
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
    """Shares of a structure add up to 100 ± tolerance; with parts missing, not above."""
    values = yearly_values(observations, indicators)
    out: list[Violation] = []
    for s in relations.structures:
        codes = [p.share for p in s.parts]
        cells = sorted({(a, y) for (c, a, y) in values if c in codes})
        tol = float(s.tolerance)
        for area, year in cells:
            got = [values[(c, area, year)][0] for c in codes if (c, area, year) in values]
            total = sum(got)
            complete = len(got) == len(codes)
            bad = abs(total - 100.0) > tol if complete else total > 100.0 + tol
            if not bad:
                continue
            out.append(
                Violation(
                    "structure_sum",
                    Importance.HIGH,
                    area,
                    (year, year),
                    tuple(codes),
                    Text(
                        f"Cơ cấu {s.label.vi or s.id} năm {year} cộng lại {fmt(total, 'vi')}%"
                        + (" (thiếu một số phần)" if not complete else "")
                        + f", lệch khỏi 100% quá {fmt(tol, 'vi')} điểm %.",
                        f"The {s.label.get('en') or s.id} structure in {year} adds up to "
                        f"{fmt(total, 'en')}%"
                        + (" (some parts missing)" if not complete else "")
                        + f", more than {fmt(tol, 'en')} points off 100%.",
                    ),
                    total,
                    100.0,
                )
            )
    return out


def growth_agrees_with_levels(
    relations: Relations,
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
) -> list[Violation]:
    """A published growth rate (a year, or a period average) against the CAGR of its levels."""
    cur = list(current(observations).values())
    levels = yearly_values(cur, indicators)
    out: list[Violation] = []
    for rel in relations.growth_of:
        for obs in cur:
            if obs.indicator != rel.growth:
                continue
            first, last = obs.period
            a = levels.get((rel.level, obs.area, first - 1))
            b = levels.get((rel.level, obs.area, last))
            if a is None or b is None or a[0] <= 0 or b[0] <= 0:
                continue
            n = last - first + 1
            cagr = ((b[0] / a[0]) ** (1.0 / n) - 1.0) * 100.0
            rate = float(obs.value)
            if abs(cagr - rate) <= float(rel.tolerance):
                continue
            span = obs.period_label()
            out.append(
                Violation(
                    "growth_levels",
                    Importance.MEDIUM,
                    obs.area,
                    obs.period,
                    (rel.growth, rel.level),
                    Text(
                        f"{rel.growth} {span} = {fmt(rate, 'vi')}% nhưng {rel.level} "
                        f"{first - 1}→{last}: {fmt(a[0], 'vi')} → {fmt(b[0], 'vi')} cho "
                        f"{fmt(cagr, 'vi')}%/năm.",
                        f"{rel.growth} {span} = {fmt(rate, 'en')}% but {rel.level} "
                        f"{first - 1}→{last}: {fmt(a[0], 'en')} → {fmt(b[0], 'en')} gives "
                        f"{fmt(cagr, 'en')}%/year.",
                    ),
                    rate,
                    cagr,
                )
            )
    return out


def robust_z(values: Sequence[float], floor: float = 0.0) -> list[float] | None:
    """0,6745 (x − median) / max(MAD, floor); None when the MAD is 0 (half the values equal)."""
    med = median(values)
    mad = median(abs(v - med) for v in values)
    if mad == 0:
        return None
    return [0.6745 * (v - med) / max(mad, floor) for v in values]


def outliers(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> list[Violation]:
    """Yearly growth far from the rest of its series (levels) or rates far from the rest."""
    values = yearly_values(observations, indicators)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for (code, area, year), (v, _) in values.items():
        series.setdefault((code, area), []).append((year, v))
    out: list[Violation] = []
    for (code, area), pts in sorted(series.items()):
        pts.sort()
        ind = indicators[code]
        if ind.measure is Measure.GROWTH_RATE:
            steps = [(y, y, v) for y, v in pts]
        else:
            steps = [
                (y0, y1, ((v1 / v0) ** (1.0 / (y1 - y0)) - 1.0) * 100.0)
                for (y0, v0), (y1, v1) in pairwise(pts)
                if v0 > 0 and v1 > 0
            ]
        if len(steps) < OUTLIER_MIN_POINTS:
            continue
        zs = robust_z([g for _, _, g in steps], OUTLIER_MAD_FLOOR)
        if zs is None:
            continue
        for (y0, y1, g), z in zip(steps, zs, strict=True):
            if abs(z) <= OUTLIER_Z:
                continue
            what_vi = "tốc độ" if ind.measure is Measure.GROWTH_RATE else "mức tăng"
            what_en = "rate" if ind.measure is Measure.GROWTH_RATE else "growth"
            span = str(y1) if y0 == y1 else f"{y0}→{y1}"
            out.append(
                Violation(
                    "outlier",
                    Importance.LOW,
                    area,
                    (y0, y1),
                    (code,),
                    Text(
                        f"{ind.name.vi}: {what_vi} {span} = {fmt(g, 'vi')}%/năm, khác xa phần "
                        f"còn lại của chuỗi (z = {fmt(z, 'vi', 1)}).",
                        f"{ind.name.get('en')}: {what_en} {span} = {fmt(g, 'en')}%/year, far "
                        f"from the rest of the series (z = {fmt(z, 'en', 1)}).",
                    ),
                    g,
                    z,
                )
            )
    return out


def plausibility(
    observations: Iterable[Observation], indicators: Mapping[str, Indicator]
) -> list[Violation]:
    """Unit compatible with the indicator's; shares within 0–100 %; flows not negative;
    no figure ten times above or below the median of its series."""
    cur = list(current(observations).values())
    out: list[Violation] = []
    for obs in cur:
        ind = indicators.get(obs.indicator)
        if ind is None:
            continue
        where = f"{obs.indicator}, {obs.area}, {obs.period_label()}"
        try:
            needs_rate = uses_rate(obs.unit, ind.unit)
        except UnknownUnitError:
            needs_rate = False
        if needs_rate:
            out.append(
                Violation(
                    "unit",
                    Importance.LOW,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} khác {ind.unit}; chỉ so sánh được khi có "
                        f"tỷ giá (--rate).",
                        f"{where}: unit {obs.unit}, not {ind.unit}; comparable only with an "
                        f"exchange rate (--rate).",
                    ),
                )
            )
            continue
        v = _value_in(obs, ind.unit)
        if v is None:
            out.append(
                Violation(
                    "unit",
                    Importance.HIGH,
                    obs.area,
                    obs.period,
                    (obs.indicator,),
                    Text(
                        f"{where}: đơn vị {obs.unit} không đổi được sang {ind.unit}.",
                        f"{where}: unit {obs.unit} cannot be converted to {ind.unit}.",
                    ),
                )
            )
            continue
        is_share = ind.unit.strip() == "%" and ind.measure is Measure.LEVEL
        if is_share and not 0.0 <= v <= 100.0:
            out.append(_range_violation(obs, where, v, "0–100%"))
        elif ind.aggregation is Aggregation.SUM and v < 0:
            out.append(_range_violation(obs, where, v, "≥ 0"))
    values = yearly_values(cur, indicators)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for (code, area, year), (v, _) in values.items():
        series.setdefault((code, area), []).append((year, v))
    for (code, area), pts in sorted(series.items()):
        if len(pts) < 3 or indicators[code].measure is Measure.GROWTH_RATE:
            continue
        for year, v in sorted(pts):
            others = [x for y, x in pts if y != year]
            med = median(others)
            if med <= 0 or v <= 0:
                continue
            ratio = v / med
            if ratio > MAGNITUDE_FACTOR or ratio < 1.0 / MAGNITUDE_FACTOR:
                out.append(
                    Violation(
                        "magnitude",
                        Importance.MEDIUM,
                        area,
                        (year, year),
                        (code,),
                        Text(
                            f"{code}, {area}, {year}: {fmt(v, 'vi')} gấp "
                            f"{fmt(ratio, 'vi')} lần trung vị các năm khác ({fmt(med, 'vi')}); "
                            f"kiểm tra đơn vị (nghìn/triệu/tỷ).",
                            f"{code}, {area}, {year}: {fmt(v, 'en')} is {fmt(ratio, 'en')} "
                            f"times the median of the other years ({fmt(med, 'en')}); check "
                            f"the scale (thousand/million/billion).",
                        ),
                        v,
                        med,
                    )
                )
    return out


def _range_violation(obs: Observation, where: str, v: float, allowed: str) -> Violation:
    return Violation(
        "unit",
        Importance.HIGH,
        obs.area,
        obs.period,
        (obs.indicator,),
        Text(
            f"{where}: {fmt(v, 'vi')} nằm ngoài khoảng hợp lý {allowed}.",
            f"{where}: {fmt(v, 'en')} is outside the plausible range {allowed}.",
        ),
        v,
    )


def area_validity(observations: Iterable[Observation], tree: AreaTree) -> list[Violation]:
    """A figure for a year wholly outside its area's validity (no silent continuation)."""
    out: list[Violation] = []
    for obs in current(observations).values():
        if obs.area not in tree.areas:
            continue
        first, last = obs.period
        if any(tree.valid_in(obs.area, y) for y in range(first, last + 1)):
            continue
        area = tree.areas[obs.area]
        out.append(
            Violation(
                "area_validity",
                Importance.HIGH,
                obs.area,
                obs.period,
                (obs.indicator,),
                Text(
                    f"{obs.indicator}, {obs.period_label()}: {area.name.vi} không tồn tại trong "
                    f"kỳ này (hiệu lực {tree.validity_label(obs.area, 'vi')}).",
                    f"{obs.indicator}, {obs.period_label()}: {area.name.get('en')} did not "
                    f"exist then (valid {tree.validity_label(obs.area, 'en')}).",
                ),
            )
        )
    return out


def district_sums(
    observations: Iterable[Observation],
    indicators: Mapping[str, Indicator],
    tree: AreaTree,
    tolerance_pct: float = 0.5,
) -> list[Violation]:
    """A flow for a parent area equals the sum over its children valid that year."""
    values = yearly_values(observations, indicators)
    out: list[Violation] = []
    for (code, area, year), (v, _) in sorted(values.items()):
        if indicators[code].aggregation is not Aggregation.SUM:
            continue
        children = tree.children(area, year)
        if not children:
            continue
        parts = [values.get((code, c, year)) for c in children]
        if any(p is None for p in parts):
            continue
        total = sum(p[0] for p in parts if p is not None)
        if v and abs(total - v) / abs(v) * 100.0 <= tolerance_pct:
            continue
        out.append(
            Violation(
                "district_sum",
                Importance.MEDIUM,
                area,
                (year, year),
                (code,),
                Text(
                    f"{code} {year}: tổng {len(children)} đơn vị cấp dưới = {fmt(total, 'vi')}, "
                    f"số của {area} = {fmt(v, 'vi')}.",
                    f"{code} {year}: the {len(children)} sub-areas add up to "
                    f"{fmt(total, 'en')}, {area} reports {fmt(v, 'en')}.",
                ),
                total,
                v,
            )
        )
    return out


def validate(
    observations: Sequence[Observation],
    indicators: Mapping[str, Indicator],
    rules: Sequence[Rule] = (),
    relations: Relations | None = None,
    tree: AreaTree | None = None,
) -> list[Violation]:
    """Every rule and built-in check; high importance first, then by area and period."""
    rel = relations or Relations()
    found = [
        *check_rules(rules, observations, indicators),
        *structure_sums(rel, observations, indicators),
        *growth_agrees_with_levels(rel, observations, indicators),
        *outliers(observations, indicators),
        *plausibility(observations, indicators),
    ]
    if tree is not None:
        found += area_validity(observations, tree)
        found += district_sums(observations, indicators, tree)
    order = {Importance.HIGH: 0, Importance.MEDIUM: 1, Importance.LOW: 2}
    found.sort(key=lambda v: (order[v.importance], v.area, v.period, v.check))
    return found

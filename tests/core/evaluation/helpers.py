"""Resolutions, clauses and figures built in code, and one clause run through the
reference evaluation with its explanation checked."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import (
    Area,
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Direction,
    Group,
    Indicator,
    Measure,
    Resolution,
    Target,
    Text,
    Verdict,
)
from chitieu.core.observations import Observation, Status
from chitieu.core.results import ClauseResult

D = Decimal
AREA = "HP"
EXC, ACH, NOT = Verdict.EXCEEDED, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED
ON, RISK, OFF, NED = Verdict.ON_TRACK, Verdict.AT_RISK, Verdict.OFF_TRACK, Verdict.NOT_ENOUGH_DATA


# -- factory -------------------------------------------------------------------------


def ind(
    unit: str = "%",
    direction: Direction = Direction.HIGHER,
    measure: Measure = Measure.LEVEL,
    code: str = "x",
) -> Indicator:
    return Indicator(code, Text("chỉ số x", "indicator x"), unit, direction, measure)


def bound(kind: str, low: str | None = None, high: str | None = None, unit: str = "%") -> Bound:
    k = BoundKind(kind)
    if k in (BoundKind.POINT, BoundKind.ABOUT):
        high = low
    if k in (BoundKind.BELOW, BoundKind.AT_MOST):
        low, high = None, low
    return Bound(
        k, D(low) if low is not None else None, D(high) if high is not None else None, unit
    )


def clause(
    kind: ClauseKind,
    bnd: Bound,
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    cid: str = "c1",
    indicator: str = "x",
    **kw: object,
) -> Clause:
    if year is None and period is None:
        year = 2025
    return Clause(cid, "text", indicator, kind, bnd, year=year, period=period, **kw)  # type: ignore[arg-type]


def resolution(
    targets: tuple[Target, ...],
    indicators: tuple[Indicator, ...],
    *,
    base_year: int = 2020,
    period: tuple[int, int] = (2021, 2025),
    areas: tuple[Area, ...] = (),
) -> Resolution:
    return Resolution(
        id="test",
        title=Text("Nghị quyết thử", "Test resolution"),
        body=Text("Đảng bộ thử", "Test committee"),
        base_year=base_year,
        period=period,
        area=AREA,
        groups=(Group("kt", Text("Kinh tế", "Economy")),),
        targets=targets,
        indicators=indicators,
        areas=areas or (Area(AREA, Text("thành phố Hải Phòng", "Hai Phong city")),),
    )


def obs(
    year: int | tuple[int, int],
    value: str,
    unit: str = "%",
    status: Status = Status.OFFICIAL,
    *,
    indicator: str = "x",
    area: str = AREA,
    **kw: object,
) -> Observation:
    period = (year, year) if isinstance(year, int) else year
    return Observation(indicator, area, period, D(value), unit, status, **kw)  # type: ignore[arg-type]


def series(values: dict[int, str], unit: str = "%") -> list[Observation]:
    return [obs(y, v, unit) for y, v in values.items()]


def run(
    c: Clause,
    indicator: Indicator,
    observations: list[Observation],
    as_of: int | None = None,
    **kw: object,
) -> ClauseResult:
    """Evaluate one clause through the whole pipeline (current figures, target, result)."""
    period: tuple[int, int] = kw.pop("period", (2021, 2025))  # type: ignore[assignment]
    base_year: int = kw.pop("base_year", period[0] - 1)  # type: ignore[assignment]
    areas: tuple[Area, ...] = kw.pop("areas", ())  # type: ignore[assignment]
    res = resolution(
        (Target("t1", "kt", "text", (c,), number=1),),
        (indicator,),
        base_year=base_year,
        period=period,
        areas=areas,
    )
    st_ = EvaluationSettings(as_of=as_of, **kw)  # type: ignore[arg-type]
    out = evaluate_resolution(res, observations, st_)
    result = out.targets[0].clauses[0]
    assert result.explanation.vi
    assert result.explanation.en
    return result


def level_verdict(value: str, bnd: Bound, direction: Direction = Direction.HIGHER) -> Verdict:
    r = run(clause(ClauseKind.LEVEL, bnd), ind(bnd.unit, direction), [obs(2025, value, bnd.unit)])
    assert r.final
    return r.verdict

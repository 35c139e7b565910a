"""The vectorised evaluation gives the reference verdicts, on random data and on Hải Phòng.

Figures are drawn from a small grid around the bounds, so exact ties (the cases floats
get wrong) are frequent; period figures, revisions, qualified figures and units that
need converting appear too. For every clause and area, verdict and finality must equal
what :func:`chitieu.core.evaluation.evaluate_resolution` says for that area.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import (
    VERDICTS,
    AreaVerdicts,
    evaluate_all_areas,
    from_observations,
)
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
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.definitions import load_resolution
from chitieu.exchange.figures_csv import load_observations_csv

DATASETS = Path(__file__).resolve().parents[4] / "src" / "chitieu" / "datasets"
AREAS = ("a", "b", "c")
YEARS = range(2016, 2026)

# indicator shape → (indicator unit, measure, clause unit, other units a figure may use)
SHAPES = {
    "amount": ("tỷ đồng", Measure.LEVEL, "tỷ đồng", ("nghìn tỷ đồng",)),
    "rate": ("%", Measure.GROWTH_RATE, "%/năm", ()),
    "count": ("người", Measure.LEVEL, "người/năm", ()),
    "share": ("%", Measure.LEVEL, "%", ()),
    "rank": ("hạng", Measure.LEVEL, "hạng", ()),
    "year": ("năm", Measure.LEVEL, "năm", ()),
}
KINDS_FOR = {
    "amount": (ClauseKind.LEVEL, ClauseKind.CUMULATIVE, ClauseKind.AVERAGE_GROWTH),
    "rate": (ClauseKind.AVERAGE_GROWTH,),
    "count": (ClauseKind.PER_YEAR, ClauseKind.CUMULATIVE),
    "share": (ClauseKind.SHARE, ClauseKind.STRUCTURE, ClauseKind.COVERAGE, ClauseKind.LEVEL),
    "rank": (ClauseKind.RANK,),
    "year": (ClauseKind.MILESTONE,),
}
GRID = {  # figures near the bounds below, ties included
    "amount": [Decimal(v) for v in ("0", "8", "9.5", "10", "10.5", "12", "-3", "50")],
    "rate": [Decimal(v) for v in ("-2", "0", "5", "6", "6.5", "7", "7.5", "8", "12")],
    "count": [Decimal(v) for v in ("0", "90", "100", "110", "500")],
    "share": [Decimal(v) for v in ("0", "28", "30", "31.5", "32", "95", "100")],
    "rank": [Decimal(v) for v in ("1", "5", "10", "11", "20")],
    "year": [Decimal(v) for v in ("2019", "2021", "2023", "2024", "2025")],
}
BOUND_VALUES = {
    "amount": ("10", "12", "50"),
    "rate": ("6.5", "7", "0"),
    "count": ("100", "500"),
    "share": ("30", "32", "95"),
    "rank": ("10", "5"),
    "year": ("2023", "2025"),
}


@st.composite
def bounds(draw: st.DrawFn, shape: str, unit: str) -> Bound:
    values = sorted({Decimal(v) for v in BOUND_VALUES[shape]})
    kind = draw(st.sampled_from(list(BoundKind)))
    if shape == "year":
        kind = BoundKind.AT_MOST
    a, b = draw(st.sampled_from(values)), draw(st.sampled_from(values))
    lo, hi = min(a, b), max(a, b)
    if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
        return Bound(kind, lo, None, unit)
    if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
        return Bound(kind, None, hi, unit)
    if kind is BoundKind.RANGE:
        return Bound(kind, lo, hi, unit)
    return Bound(kind, lo, lo, unit)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Resolution, list[Observation], int]:
    indicators: list[Indicator] = []
    targets: list[Target] = []
    observations: list[Observation] = []
    for i in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(sorted(SHAPES)))
        unit, measure, clause_unit, others = SHAPES[shape]
        code = f"i{i}"
        direction = draw(st.sampled_from(list(Direction)))
        indicators.append(Indicator(code, Text(code), unit, direction, measure))
        clauses = []
        for j in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from(KINDS_FOR[shape]))
            c_unit = clause_unit
            if kind is ClauseKind.AVERAGE_GROWTH:
                c_unit = "%/năm"
            if kind is ClauseKind.CUMULATIVE and shape == "count":
                c_unit = "người"
            bound = draw(bounds("rate" if kind is ClauseKind.AVERAGE_GROWTH else shape, c_unit))
            spans = kind in (ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR)
            year = draw(st.sampled_from((2023, 2025))) if not spans else None
            if kind is ClauseKind.MILESTONE:
                year = int(bound.high or 2025)
            base_value = None
            if kind in (ClauseKind.LEVEL, ClauseKind.AVERAGE_GROWTH) and draw(st.booleans()):
                base_value = draw(st.sampled_from(GRID[shape][1:]))
            clauses.append(
                Clause(
                    id=f"{code}-{j}",
                    text="…",
                    indicator=code,
                    kind=kind,
                    bound=bound,
                    year=year,
                    period=(2021, 2025) if spans else None,
                    base_year=2020 if base_value is not None else None,
                    base_value=base_value,
                    tolerance=draw(st.sampled_from((None, Decimal("10")))),
                    each_year=(
                        not spans and kind is not ClauseKind.MILESTONE and draw(st.booleans())
                    ),
                )
            )
        targets.append(Target(f"t{i}", "g", "…", tuple(clauses), number=i + 1))
        for area in AREAS:
            for y in YEARS:
                if draw(st.integers(0, 9)) < 2:
                    continue  # a gap
                observations.append(_obs(draw, shape, code, area, (y, y), unit, others))
            if shape in ("amount", "rate", "count") and draw(st.integers(0, 4)) == 0:
                span = draw(st.sampled_from(((2021, 2025), (2021, 2023), (2016, 2020))))
                observations.append(_obs(draw, shape, code, area, span, unit, ()))
    resolution = Resolution(
        id="r",
        title=Text("r"),
        body=Text("r"),
        base_year=2020,
        period=(2021, 2025),
        area="a",
        groups=(Group("g", Text("g")),),
        targets=tuple(targets),
        indicators=tuple(indicators),
        areas=tuple(Area(a, Text(a)) for a in AREAS),
    )
    return resolution, observations, draw(st.integers(2019, 2026))


def _obs(
    draw: st.DrawFn,
    shape: str,
    code: str,
    area: str,
    period: tuple[int, int],
    unit: str,
    others: tuple[str, ...],
) -> Observation:
    value = draw(st.sampled_from(GRID[shape]))
    if others and draw(st.integers(0, 5)) == 0:
        unit, value = others[0], value / 1000
    status = draw(st.sampled_from(list(Status)))
    qualifier = draw(st.sampled_from([Qualifier.EXACT] * 5 + list(Qualifier)))
    return Observation(code, area, period, value, unit, status, qualifier,
                       revision=draw(st.integers(1, 2)))  # fmt: skip


def assert_same(resolution: Resolution, obs: list[Observation], as_of: int) -> AreaVerdicts:
    settings_ = EvaluationSettings(as_of=as_of)
    fast = evaluate_all_areas(
        resolution,
        from_observations(obs),
        settings_,
        reference=lambda pairs: [o for o in obs if (o.area, o.indicator) in set(pairs)],
    )
    for a, area in enumerate(fast.areas):
        local = dataclasses.replace(resolution, area=area)
        ref = evaluate_resolution(local, [o for o in obs if o.area == area], settings_)
        results = [c for t in (*ref.targets, *ref.extra) for c in t.clauses]
        assert [r.clause.id for r in results] == [c.id for c in fast.clauses]
        for i, r in enumerate(results):
            got = (VERDICTS[fast.clause_verdict[i, a]], bool(fast.clause_final[i, a]))
            assert got == (r.verdict, r.final), (area, r.clause, as_of)
            if r.actual is not None and not np.isnan(fast.clause_actual[i, a]):
                # the reference rounds float statistics to 6 decimals (pace.dec)
                assert float(r.actual) == pytest.approx(
                    fast.clause_actual[i, a], rel=1e-6, abs=1e-6
                )
        tv = [VERDICTS[v] if v >= 0 else None for v in fast.target_verdict[:, a]]
        assert tv == [t.verdict for t in (*ref.targets, *ref.extra)]
    return fast


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_fast_path_equals_reference(scenario: tuple[Resolution, list[Observation], int]) -> None:
    resolution, observations, as_of = scenario
    assert_same(resolution, observations, as_of)


@pytest.mark.parametrize("as_of", [2021, 2022, 2023, 2024, 2025])
def test_haiphong_every_area_equals_reference(as_of: int) -> None:
    folder = DATASETS / "haiphong-xvi-2020-2025"
    resolution = load_resolution(folder / "resolution.yaml")
    obs = load_observations_csv(
        folder / "observations.csv",
        indicators={i.code: i for i in resolution.indicators},
        areas=[a.code for a in resolution.areas],
    )
    fast = assert_same(resolution, obs, as_of)
    assert len(fast.areas) == len(resolution.areas) > 10


def test_most_cells_are_decided_by_the_arrays() -> None:
    """Referring everything to the reference path would pass the tests above and be slow."""
    rng = np.random.default_rng(5)
    indicator = Indicator("x", Text("x"), "tỷ đồng")
    clause = Clause(
        "c",
        "…",
        "x",
        ClauseKind.LEVEL,
        Bound(BoundKind.AT_LEAST, Decimal(10), None, "tỷ đồng"),
        year=2025,
    )
    areas = tuple(Area(f"a{i}", Text("a")) for i in range(200))
    resolution = Resolution("r", Text("r"), Text("r"), 2020, (2021, 2025), "a0",
                            (Group("g", Text("g")),), (Target("t", "g", "…", (clause,)),),
                            (indicator,), areas)  # fmt: skip
    obs = [
        Observation(
            "x",
            a.code,
            (y, y),
            Decimal(str(round(rng.uniform(5, 15), 2))),
            "tỷ đồng",
            Status.OFFICIAL,
        )
        for a in areas
        for y in YEARS
    ]
    for as_of in (2023, 2025):
        fast = evaluate_all_areas(resolution, from_observations(obs), EvaluationSettings(as_of))
        assert fast.referred == 0
        assert len(set(fast.clause_verdict.ravel().tolist())) >= 2


def test_cells_that_need_the_reference_path_and_no_observations_raise() -> None:
    """An exact tie of a plain figure is decided on the arrays (10 = 10); a qualified one
    is not, and without observations to refer it to, evaluation refuses."""
    indicator = Indicator("x", Text("x"), "%")
    clause = Clause(
        "c",
        "…",
        "x",
        ClauseKind.LEVEL,
        Bound(BoundKind.AT_LEAST, Decimal(10), None, "%"),
        year=2025,
    )
    resolution = Resolution("r", Text("r"), Text("r"), 2020, (2021, 2025), "a",
                            (Group("g", Text("g")),), (Target("t", "g", "…", (clause,)),),
                            (indicator,), (Area("a", Text("a")),))  # fmt: skip
    # "khoảng 10 %" against "tối thiểu 10 %": only the Decimal rules can settle it
    tie = [Observation("x", "a", (2025, 2025), Decimal(10), "%", Status.OFFICIAL, Qualifier.APPROX)]
    with pytest.raises(ValueError, match="reference path"):
        evaluate_all_areas(resolution, from_observations(tie))
    plain = [Observation("x", "a", (2025, 2025), Decimal("10.0"), "%", Status.OFFICIAL)]
    decided = evaluate_all_areas(resolution, from_observations(plain))
    assert decided.referred == 0
    assert decided.verdict("c", "a") is Verdict.ACHIEVED  # at least 10: exactly 10 is achieved

"""Yearly verdicts read annual levels only: no sub-annual figure, and no figure on another
basis ("so với cùng kỳ", "% kế hoạch"), ever changes them.

Random resolutions and figures (the scenarios of the fast-path properties) are judged
twice, without and with any number of figures for months, quarters, half years and years
to date, and annual figures measured against something else; every verdict, statistic and
sentence of the reference path, every cell of the fast path, every data-check finding and
every feasibility finding must be the same.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.core.analysis.feasibility import check
from chitieu.core.analysis.outlook import clause_outlook
from chitieu.core.analysis.validation import validate
from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.evaluation.vector import evaluate_all_areas, from_observations
from chitieu.core.model import Resolution
from chitieu.core.observations import Observation, Status, annual_levels, current
from chitieu.core.periods import PARTS, Basis, BasisKind
from tests.core.evaluation.vector.test_properties import scenarios

BASES = [
    Basis(BasisKind.LEVEL),
    Basis(BasisKind.SAME_PERIOD),
    Basis(BasisKind.PLAN),
    Basis(BasisKind.PREVIOUS_PERIOD),
    Basis(BasisKind.YEAR, 2015),
]
VALUES = [Decimal(v) for v in ("-5", "0", "7.5", "10", "12", "75", "100", "2025", "1e6")]


@st.composite
def other_figures(draw: st.DrawFn, resolution: Resolution) -> list[Observation]:
    """Figures the yearly paths must never read: a part of a year (any basis), or a whole
    year on a basis other than the level."""
    out: list[Observation] = []
    for _ in range(draw(st.integers(1, 25))):
        indicator = draw(st.sampled_from(resolution.indicators))
        area = draw(st.sampled_from([a.code for a in resolution.areas]))
        year = draw(st.integers(2016, 2026))
        part = draw(st.sampled_from(["", *PARTS]))
        basis = draw(st.sampled_from(BASES if part else BASES[1:]))
        out.append(
            Observation(
                indicator.code,
                area,
                (year, year),
                draw(st.sampled_from(VALUES)),
                indicator.unit,
                draw(st.sampled_from(list(Status))),
                part=part,
                basis=basis,
                revision=draw(st.integers(1, 3)),
            )
        )
    return out


def _reference(resolution: Resolution, obs: list[Observation], as_of: int) -> list[object]:
    result = evaluate_resolution(resolution, obs, EvaluationSettings(as_of=as_of))
    return [
        (c.clause.id, c.verdict, c.final, c.actual, c.used, c.explanation, c.notes)
        for t in (*result.targets, *result.extra)
        for c in t.clauses
    ] + [t.verdict for t in result.targets]


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_sub_annual_figures_never_change_a_yearly_verdict(data: st.DataObject) -> None:
    resolution, observations, as_of = data.draw(scenarios())
    extra = data.draw(other_figures(resolution))
    mixed = [*observations, *extra]
    data.draw(st.randoms()).shuffle(mixed)
    assert annual_levels(mixed) == [o for o in mixed if o in observations]

    assert _reference(resolution, mixed, as_of) == _reference(resolution, observations, as_of)

    settings_ = EvaluationSettings(as_of=as_of)

    def fast(obs: list[Observation]) -> tuple[object, ...]:
        got = evaluate_all_areas(
            resolution,
            from_observations(obs),
            settings_,
            reference=lambda pairs: [o for o in obs if (o.area, o.indicator) in set(pairs)],
        )
        return (
            got.clause_verdict.tolist(),
            got.clause_final.tolist(),
            [repr(x) for x in got.clause_actual.ravel()],
            got.target_verdict.tolist(),
        )

    assert fast(mixed) == fast(observations)

    indicators = {i.code: i for i in resolution.indicators}
    assert validate(mixed, indicators) == validate(observations, indicators)
    assert check(resolution, mixed) == check(resolution, observations)
    clause = resolution.targets[0].clauses[0]
    assert clause_outlook(resolution, clause, mixed, as_of) == clause_outlook(
        resolution, clause, observations, as_of
    )


def test_a_nine_month_figure_and_the_year_never_compete() -> None:
    """Same indicator, area and year: the year's figure and the 9-month figure are two
    current figures, each under its own key; a same-period change is a third."""
    year = Observation("x", "a", (2026, 2026), Decimal("40"), "tỷ USD", Status.OFFICIAL)
    nine = Observation(
        "x", "a", (2026, 2026), Decimal("30"), "tỷ USD", Status.OFFICIAL, part="9M", revision=5
    )
    change = Observation(
        "x",
        "a",
        (2026, 2026),
        Decimal("12.5"),
        "%",
        Status.OFFICIAL,
        basis=Basis(BasisKind.SAME_PERIOD),
        revision=7,
    )
    picked = current([year, nine, change])
    assert len(picked) == 3
    assert picked[year.key()] is year
    assert annual_levels([nine, year, change]) == [year]
    assert year.key() != nine.key() != change.key()

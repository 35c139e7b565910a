"""``check`` on the real Hải Phòng 2020–2025 targets: every family of findings, and the paces."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.core.analysis.feasibility import Assumptions, Severity, check
from chitieu.core.analysis.relations import (
    Investment,
    PerCapita,
    Relations,
    Structure,
    StructurePart,
)
from chitieu.core.observations import Observation
from chitieu.datasets import get
from chitieu.definitions import load_resolution
from chitieu.exchange.figures_csv import load_observations_csv

XVI = "haiphong-xvi-2020-2025"
XV = "haiphong-xv-2015-2020"


@pytest.fixture(scope="module")
def hai_phong() -> tuple[object, list[Observation]]:
    figures: list[Observation] = []
    for name in (XV, XVI):
        figures += load_observations_csv(Path(get(name).path) / "observations.csv")  # type: ignore[union-attr]
    return load_resolution(get(XVI).path / "resolution.yaml"), figures  # type: ignore[union-attr]


HP_RELATIONS = Relations(
    structures=(
        Structure(
            "grdp-structure",
            tuple(
                StructurePart(f"{s}-share", f"{s}-growth")
                for s in ("industry-construction", "services", "agriculture", "product-taxes")
            ),
            total_growth="grdp-growth",
        ),
    ),
    per_capita=(PerCapita("grdp-per-capita", "grdp-growth"),),
    investment=(Investment("total-investment", "grdp", "grdp-growth"),),
)


def test_hai_phong_findings(hai_phong: tuple[object, list[Observation]]) -> None:
    res, figures = hai_phong
    f = check(res, figures, HP_RELATIONS)  # type: ignore[arg-type]
    by = {(x.check, x.clauses): x for x in f.findings}
    total = by[("structure_sum", ("1f", "1g", "1h", "1i"))]
    assert total.severity is Severity.OK
    assert "51 + 43,4 + 1,8 + 3,8 = 100%" in total.arithmetic.vi
    implied = by[("implied_structure", ("1f", "1g", "1h", "1i"))]
    assert implied.severity is Severity.PROBLEM
    assert dict(implied.figures)["implied:industry-construction-share"] == pytest.approx(
        65.2, abs=0.05
    )
    manufacturing = by[("baseline_side", ("3b",))]
    assert manufacturing.severity is Severity.WARNING
    per_head = dict(by[("per_capita", ("2a", "1a"))].figures)
    assert per_head["needed_pct"] == pytest.approx(((14740 / 6196) ** 0.2 - 1) * 100)
    assert per_head["residual_pct"] == pytest.approx(2.52, abs=0.005)
    assert per_head["previous_pct"] == pytest.approx(((6196 / 3042) ** 0.2 - 1) * 100)
    icor = dict(by[("icor", ("5a", "1a"))].figures)
    assert icor["icor"] == pytest.approx(1500 / (292.657 * (1.16**5 - 1)))
    assert icor["icor_previous"] == pytest.approx(578.5 / (131.314 * (1.1494**5 - 1)))
    # the ranking: most demanding first, each with the previous term's pace where known
    ids = [p.clause.id for p in f.paces]
    assert ids.index("2a") < ids.index("4a") < ids.index("3b")
    row = next(p for p in f.paces if p.clause.id == "4a")
    assert row.required_pct == pytest.approx(((180000 / 98250) ** 0.2 - 1) * 100)
    assert row.previous_years == (2015, 2020)
    assert row.faster_than_before is True


def test_assumptions_turn_the_per_capita_note_into_a_verdict(
    hai_phong: tuple[object, list[Observation]],
) -> None:
    res, figures = hai_phong
    low = Assumptions(population_growth=1.0, deflator=2.0, depreciation=2.0)
    f = check(res, figures, HP_RELATIONS, low)  # type: ignore[arg-type]
    per_head = next(x for x in f.findings if x.check == "per_capita")
    implied = dict(per_head.figures)["implied_pct"]
    assert implied == pytest.approx((1.16 * 1.02 / (1.01 * 1.02) - 1) * 100)
    assert per_head.severity is Severity.WARNING  # 6.196 × 1,1485^5 < 14.740

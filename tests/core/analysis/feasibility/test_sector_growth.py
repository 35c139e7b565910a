"""Sector growth weighted by the base-year structure, and the structure it implies."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.feasibility import Severity, check
from chitieu.core.analysis.relations import Relations, Structure, StructurePart
from chitieu.core.model import BoundKind, ClauseKind, Measure

from ..helpers import clause, ind, obs, resolution


def test_sector_growth_weighted_and_compounded() -> None:
    pct = {"unit": "%/năm", "kind": ClauseKind.AVERAGE_GROWTH}
    cs = [
        clause("g", "gt", "10", bound=BoundKind.AT_LEAST, **pct),  # type: ignore[arg-type]
        clause("ga", "ga", "20", **pct),  # type: ignore[arg-type]
        clause("gb", "gb", "0", **pct),  # type: ignore[arg-type]
        clause("sa", "sa", "50", kind=ClauseKind.STRUCTURE, unit="%"),
        clause("sb", "sb", "50", kind=ClauseKind.STRUCTURE, unit="%"),
    ]
    growth = {"unit": "%", "measure": Measure.GROWTH_RATE}
    inds = [ind(c, **growth) for c in ("gt", "ga", "gb")]  # type: ignore[arg-type]
    inds += [ind("sa", unit="%"), ind("sb", unit="%")]
    res = resolution(inds, cs)
    rel = Relations(
        structures=(
            Structure(
                "s", (StructurePart("sa", "ga"), StructurePart("sb", "gb")), total_growth="gt"
            ),
        )
    )
    figures = [obs("sa", 2020, 50, "%"), obs("sb", 2020, 50, "%")]
    f = check(res, figures, rel)
    growth_f = next(x for x in f.findings if x.check == "sector_growth")
    figs = dict(growth_f.figures)
    assert figs["first_year"] == pytest.approx(10.0)
    assert figs["compounded"] == pytest.approx(((0.5 * 1.2**5 + 0.5) ** 0.2 - 1) * 100)
    assert growth_f.severity is Severity.OK
    implied = next(x for x in f.findings if x.check == "implied_structure")
    share_a = 1.2**5 / (1.2**5 + 1) * 100
    assert dict(implied.figures)["implied:sa"] == pytest.approx(share_a)
    assert implied.severity is Severity.PROBLEM  # 71,3 % vs 50 % stated


def test_sector_growth_needs_a_rate_for_every_part_with_a_share() -> None:
    cs = [
        clause(
            "g", "gt", "10", bound=BoundKind.AT_LEAST, unit="%/năm", kind=ClauseKind.AVERAGE_GROWTH
        ),
        clause("ga", "ga", "20", unit="%/năm", kind=ClauseKind.AVERAGE_GROWTH),
    ]
    growth = {"unit": "%", "measure": Measure.GROWTH_RATE}
    inds = [ind(c, **growth) for c in ("gt", "ga", "gb")]  # type: ignore[arg-type]
    inds += [ind("sa", unit="%"), ind("sb", unit="%")]
    rel = Relations(
        structures=(
            Structure(
                "s", (StructurePart("sa", "ga"), StructurePart("sb", "gb")), total_growth="gt"
            ),
        )
    )
    f = check(resolution(inds, cs), [obs("sa", 2020, 60, "%"), obs("sb", 2020, 40, "%")], rel)
    (only,) = [x for x in f.findings if x.check in ("sector_growth", "implied_structure")]
    assert only.severity is Severity.INFO
    assert "sb" in only.sentence.en

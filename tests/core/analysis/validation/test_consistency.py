"""Structure sums and growth rates against their levels."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.relations import GrowthOf, Relations, Structure, StructurePart
from chitieu.core.analysis.validation import validate

from ..helpers import obs
from .helpers import INDICATORS


def test_structure_sums_and_missing_parts() -> None:
    rel = Relations(structures=(Structure("s", (StructurePart("a"), StructurePart("b"))),))
    figures = [
        obs("a", 2020, 60, "%"),
        obs("b", 2020, 39.9, "%"),  # 99,9: within 0,5
        obs("a", 2021, 60, "%"),
        obs("b", 2021, 38, "%"),  # 98: off
        obs("a", 2022, 101, "%"),  # b missing, but already above 100
    ]
    found = validate(figures, INDICATORS, relations=rel)
    sums = [v for v in found if v.check == "structure_sum"]
    assert [v.period[0] for v in sums] == [2021, 2022]


def test_growth_agrees_with_levels() -> None:
    rel = Relations(growth_of=(GrowthOf("g", "domestic"),))
    figures = [
        obs("domestic", 2015, 12882),
        obs("domestic", 2020, 33000),
        obs("g", (2016, 2020), "20.7", "%"),  # the XV report: 20,7 %/year — agrees
        obs("domestic", 2021, 40000),
        obs("g", 2021, 10, "%"),  # levels say 21,2 %
    ]
    found = [v for v in validate(figures, INDICATORS, relations=rel) if v.check == "growth_levels"]
    assert [v.period for v in found] == [(2021, 2021)]
    assert found[0].right == pytest.approx((40000 / 33000 - 1) * 100)

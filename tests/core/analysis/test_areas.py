"""Areas: hierarchy with validity, lineage, and aggregation across areas."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.areas import AreaTree, ratio_of_sums, same_territory, sum_flows
from chitieu.core.model import Area, Text

from .helpers import obs

TREE = AreaTree.of(
    [
        Area("hp", Text("Hải Phòng"), valid_to="2025-06-30"),
        Area("hd", Text("Hải Dương"), valid_to="2025-06-30"),
        Area("hp-2025", Text("Hải Phòng mới"), valid_from="2025-07-01", predecessors=("hp", "hd")),
        Area("le-chan", Text("Lê Chân"), parent="hp", valid_to="2025-06-30"),
        Area("hai-an", Text("Hải An"), parent="hp", valid_to="2025-06-30"),
        Area("new-ward", Text("Phường mới"), parent="hp-2025", valid_from="2025-07-01"),
        Area("sub", Text("Tổ"), parent="le-chan"),
    ]
)


def test_validity_and_hierarchy() -> None:
    assert TREE.valid_in("hp", 2025)
    assert not TREE.whole_year("hp", 2025)
    assert not TREE.valid_in("hp", 2026)
    assert TREE.valid_in("hp-2025", 2025)
    assert not TREE.valid_in("hp-2025", 2024)
    assert TREE.children("hp", 2024) == ["hai-an", "le-chan"]
    assert TREE.children("hp", 2025) == []  # abolished mid-year: no whole-year children
    assert TREE.ancestors("sub") == ["le-chan", "hp"]
    assert TREE.validity_label("hp", "vi") == "đến 30/06/2025"
    assert TREE.validity_label("hp-2025", "en") == "from 01/07/2025"


def test_lineage() -> None:
    assert TREE.successors("hp") == ["hp-2025"]
    assert TREE.lineage("hp-2025") == ["hp", "hd"]


def test_flows_sum_over_valid_children_only() -> None:
    agg = sum_flows(TREE, "hp", 2024, {"le-chan": 10.0, "hai-an": 5.0, "new-ward": 99.0})
    assert agg.value == 15.0
    assert agg.missing == ()
    partial = sum_flows(TREE, "hp", 2024, {"le-chan": 10.0})
    assert partial.value is None
    assert partial.missing == ("hai-an",)
    assert partial.note is not None
    assert "hai-an" in partial.note.vi


def test_ratios_aggregate_through_numerator_and_denominator() -> None:
    # 1/10 and 90/100: the mean of ratios would be 50 %, the ratio of sums is 91/110
    agg = ratio_of_sums(
        TREE, "hp", 2024, {"le-chan": 1.0, "hai-an": 90.0}, {"le-chan": 10.0, "hai-an": 100.0}
    )
    assert agg.value == pytest.approx(91 / 110 * 100)
    zero = ratio_of_sums(TREE, "hp", 2024, {"le-chan": 1, "hai-an": 1}, {"le-chan": 0, "hai-an": 0})
    assert zero.value is None


def test_a_series_is_never_continued_with_the_merged_city() -> None:
    figures = [obs("x", 2024, 100, area="hp"), obs("x", 2025, 180, area="hp-2025")]
    own, other = same_territory(TREE, "hp", figures)
    assert [o.year for o in own] == [2024]
    assert [o.area for o in other] == ["hp-2025"]

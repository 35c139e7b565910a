"""Figures within their area's validity; districts adding up to their city."""

from __future__ import annotations

from chitieu.core.analysis.areas import AreaTree
from chitieu.core.analysis.validation import validate
from chitieu.core.analysis.validation.violations import Importance
from chitieu.core.model import Area, Text

from ..helpers import obs
from .helpers import INDICATORS


def test_area_validity_and_district_sums() -> None:
    tree = AreaTree.of(
        [
            Area("hp", Text("Hải Phòng"), valid_to="2025-06-30"),
            Area("le-chan", Text("Lê Chân"), parent="hp", valid_to="2025-06-30"),
            Area("hai-an", Text("Hải An"), parent="hp", valid_to="2025-06-30"),
        ]
    )
    figures = [
        obs("budget", 2026, 5, area="hp"),  # the old city did not exist in 2026
        obs("budget", 2024, 100, area="hp"),
        obs("budget", 2024, 60, area="le-chan"),
        obs("budget", 2024, 30, area="hai-an"),  # 90 ≠ 100
        obs("budget", 2023, 100, area="hp"),
        obs("budget", 2023, 60, area="le-chan"),
        obs("budget", 2023, 40, area="hai-an"),
    ]
    found = validate(figures, INDICATORS, tree=tree)
    assert [(v.check, v.period[0]) for v in found if v.check == "area_validity"] == [
        ("area_validity", 2026)
    ]
    sums = [v for v in found if v.check == "district_sum"]
    assert [(v.period[0], v.left, v.right) for v in sums] == [(2024, 90.0, 100.0)]
    assert found[0].importance is Importance.HIGH  # sorted: high first

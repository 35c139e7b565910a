"""Unit labels: Vietnamese as written, English composed from the parsed parts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.units.grammar import Unit, parse_unit
from chitieu.core.units.labels import unit_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("tỷ đồng", "billion VND"),
        ("nghìn tỷ đồng", "trillion VND"),
        ("tỷ USD", "billion USD"),
        ("triệu tấn", "million tonnes"),
        ("triệu lượt", "million visits"),
        ("%/năm", "%/year"),
        ("USD/người", "USD/person"),
        ("bác sĩ/vạn dân", "doctors/10,000 people"),
        ("triệu đồng/người/năm", "million VND/person/year"),
        ("điểm %", "percentage points"),
    ],
)
def test_unit_label_en(text: str, label: str) -> None:
    assert unit_label(parse_unit(text), "en") == label
    assert unit_label(text, "vi") == text


def test_unit_label_falls_back_to_vietnamese() -> None:
    handmade = Unit(
        text="chỉ tiêu", scale=Decimal(1), dimension=(("count:chỉ tiêu", 1),), per_year=False,
        base_text="chỉ tiêu",
    )  # fmt: skip
    assert unit_label(handmade, "en") == "chỉ tiêu"

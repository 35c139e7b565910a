"""The kind of an indicator is read from its unit and measure, never from its code."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.validation.kinds import IndicatorKind, kind_of
from chitieu.core.model import Measure

from ..helpers import ind


@pytest.mark.parametrize(
    ("unit", "measure", "kind"),
    [
        ("%", Measure.LEVEL, IndicatorKind.SHARE),
        ("%", Measure.GROWTH_RATE, IndicatorKind.GROWTH),
        ("tỷ đồng", Measure.LEVEL, IndicatorKind.AMOUNT),
        ("triệu lượt", Measure.LEVEL, IndicatorKind.AMOUNT),
        ("ha", Measure.LEVEL, IndicatorKind.AMOUNT),
        ("khu công nghiệp", Measure.LEVEL, IndicatorKind.AMOUNT),
        ("USD/người", Measure.LEVEL, IndicatorKind.PER_PERSON),
        ("bác sĩ/vạn dân", Measure.LEVEL, IndicatorKind.PER_PERSON),
        ("hạng", Measure.LEVEL, IndicatorKind.RANK),
        ("năm", Measure.LEVEL, IndicatorKind.YEAR),
        ("điểm", Measure.LEVEL, IndicatorKind.OTHER),
        ("%/năm", Measure.LEVEL, IndicatorKind.OTHER),
        ("không phải đơn vị", Measure.LEVEL, IndicatorKind.OTHER),
    ],
)
def test_kind_of(unit: str, measure: Measure, kind: IndicatorKind) -> None:
    assert kind_of(ind("x", unit=unit, measure=measure)) is kind

"""A clause's outlook: which figures, which bound region, which method."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.outlook import NOT_APPLICABLE, clause_outlook, met_region
from chitieu.core.model import BoundKind, ClauseKind, Direction, Measure

from .helpers import clause, ind, obs, resolution


@pytest.mark.parametrize(
    ("bound", "direction", "kw", "region"),
    [
        (BoundKind.POINT, Direction.HIGHER, {"value": "35"}, (35.0, None)),
        (BoundKind.POINT, Direction.LOWER, {"value": "3.5"}, (None, 3.5)),
        (BoundKind.POINT, Direction.NEUTRAL, {"value": "3.8"}, (3.8, 3.8)),
        (BoundKind.BELOW, Direction.LOWER, {"value": "3.5"}, (None, 3.5)),
        (BoundKind.AT_LEAST, Direction.HIGHER, {"value": "16"}, (16.0, None)),
        (BoundKind.RANGE, Direction.HIGHER, {"low": "180", "high": "190"}, (180.0, None)),
        (BoundKind.RANGE, Direction.LOWER, {"low": "1", "high": "2"}, (None, 2.0)),
        (BoundKind.RANGE, Direction.NEUTRAL, {"low": "1", "high": "2"}, (1.0, 2.0)),
        (BoundKind.ABOUT, Direction.NEUTRAL, {"value": "100"}, (95.0, 105.0)),
    ],
)
def test_met_region(
    bound: BoundKind, direction: Direction, kw: dict[str, str], region: tuple[object, object]
) -> None:
    c = clause("c", "x", bound=bound, **kw)  # type: ignore[arg-type]
    assert met_region(c, ind("x", direction=direction)) == region


def test_level_outlook_uses_the_terms_own_figures() -> None:
    c = clause("6a", "exports", "161.051", unit="tỷ USD")
    res = resolution([ind("exports", unit="tỷ USD")], [c])
    figures = [
        obs("exports", 2015, 10, "tỷ USD"),  # before the base year: record only
        obs("exports", 2020, 100, "tỷ USD"),
        obs("exports", 2021, 110, "tỷ USD"),
        obs("exports", 2022, 121, "tỷ USD"),
        obs("exports", 2023, 133.1, "tỷ USD"),
        obs("exports", 2024, 146.41, "tỷ USD"),
        obs("exports", 2025, 999, "tỷ USD"),  # after as_of: unseen
    ]
    o = clause_outlook(res, c, figures, 2024)
    assert [y for y, _ in o.points] == [2020, 2021, 2022, 2023, 2024]
    assert o.projection is not None
    assert o.projection.value == pytest.approx(161.051)
    assert o.probability == 1.0
    assert o.pace is not None
    assert o.pace.pct == pytest.approx(10.0)
    # the record includes 2015–2020 (10 → 100: 58,5 %/year)
    assert o.pace.best is not None
    assert o.pace.best.first == 2015


def test_growth_rate_outlook_and_converted_units() -> None:
    c = clause(
        "1a", "g", "16", kind=ClauseKind.AVERAGE_GROWTH, bound=BoundKind.AT_LEAST, unit="%/năm"
    )
    res = resolution([ind("g", unit="%", measure=Measure.GROWTH_RATE)], [c])
    figures = [obs("g", y, r, "%") for y, r in ((2021, 12.38), (2022, 12.32), (2023, 10.34))]
    o = clause_outlook(res, c, figures, 2024)
    assert o.projection is not None
    assert o.projection.points == 3
    assert 11.0 < o.projection.value < 12.0
    assert o.probability is not None
    assert o.probability < 0.01
    assert o.pace is not None
    assert o.pace.years == (2024, 2025)


def test_average_growth_of_a_level_series_is_judged_on_the_end_level() -> None:
    c = clause(
        "5a", "v", "10", kind=ClauseKind.AVERAGE_GROWTH, bound=BoundKind.AT_LEAST, unit="%/năm"
    )
    res = resolution([ind("v")], [c])
    figures = [obs("v", y, 100 * 1.1 ** (y - 2020)) for y in range(2020, 2024)]
    o = clause_outlook(res, c, figures, 2023)
    assert o.region is not None
    assert o.region[0] == pytest.approx(100 * 1.1**5)
    assert o.probability == 1.0


def test_not_applicable_and_too_few() -> None:
    cum = clause("5a", "v", "1500", kind=ClauseKind.CUMULATIVE)
    res = resolution([ind("v")], [cum])
    assert clause_outlook(res, cum, [], 2024).note == NOT_APPLICABLE
    lvl = clause("x", "v", "10")
    res = resolution([ind("v")], [lvl])
    o = clause_outlook(res, lvl, [obs("v", 2020, 5)], 2024)
    assert o.projection is None
    assert o.note is not None


def test_outlook_for_a_district() -> None:
    c = clause("x", "v", "200")
    res = resolution([ind("v")], [c])
    figures = [obs("v", y, 100 + y - 2020, area="le-chan") for y in range(2020, 2024)]
    assert clause_outlook(res, c, figures, 2024).projection is None  # city: no figures
    o = clause_outlook(res, c, figures, 2024, area="le-chan")
    assert o.area == "le-chan"
    assert o.projection is not None

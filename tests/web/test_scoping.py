"""The target page, the report and the xlsx export read only the figures they show.

On a national store (two million figures) reading everything took minutes per page. These
tests record every figure the store hands out while a page or report is built and check it
belongs to the indicators and areas that page shows; and that figures of other indicators
added afterwards change nothing on the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.model import Resolution
from chitieu.core.observations import Observation, Status
from chitieu.services import analysis, cache, dashboard, reports
from chitieu.store import Store
from tests.web.conftest import XVI, Site


class Recorder:
    """Wraps ``store.observations`` on one store object and keeps what it returned."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[Observation] = []
        original = store.observations

        def observations(*args: object, **kwargs: object) -> list[Observation]:
            found = original(*args, **kwargs)  # type: ignore[arg-type]
            self.read.extend(found)
            return found

        monkeypatch.setattr(store, "observations", observations)


@pytest.fixture
def recorder(fresh_site: Site, monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    cache.clear()
    yield Recorder(fresh_site.store, monkeypatch)
    cache.clear()


def _page_scope(store: Store, resolution: Resolution, target_id: str) -> tuple[set[str], set[str]]:
    target = next(t for t in resolution.targets if t.id == target_id)
    own = {c.indicator for c in target.clauses}
    relations, rules = analysis.relations_and_rules(store.resolution_text(resolution.id))
    indicators = analysis.related_indicators(own, relations, rules)
    return indicators, dashboard.shown_areas(resolution)


def test_target_page_reads_only_its_indicators_and_shown_areas(
    fresh_site: Site, recorder: Recorder
) -> None:
    store = fresh_site.store
    resolution = store.get_resolution(XVI)
    stored = {o.indicator for o in store.observations(all_revisions=True)}
    assert stored - {i.code for i in resolution.indicators}, "the XV figures must be there"
    seen = 0
    for target in resolution.targets:
        cache.clear()
        dashboard.evaluation(store, XVI, 2024)  # the evaluation has its own scoping (E, F)
        recorder.read.clear()
        dashboard.target_detail(store, XVI, target.id, as_of=2024)
        indicators, areas = _page_scope(store, resolution, target.id)
        seen += len(recorder.read)
        stray = {
            (o.indicator, o.area)
            for o in recorder.read
            if o.indicator not in indicators or o.area not in areas
        }
        assert not stray, f"{target.id} read figures it does not show: {sorted(stray)[:5]}"
    assert seen > 100, seen


def _page(store: Store, target_id: str) -> tuple[object, ...]:
    cache.clear()
    d = dashboard.target_detail(store, XVI, target_id, as_of=2024)
    return (
        d.violations,
        d.outlooks,
        tuple((v.chart, v.figure, v.bound) for v in d.clauses),
        tuple((f.obs.indicator, f.obs.area, f.obs.period, f.obs.value) for f in d.figures),
    )


def test_figures_of_other_indicators_change_nothing_on_a_target_page(fresh_site: Site) -> None:
    store = fresh_site.store
    resolution = store.get_resolution(XVI)
    target = resolution.targets[0]
    indicators, _ = _page_scope(store, resolution, target.id)
    other = next(i for i in resolution.indicators if i.code not in indicators)
    before = _page(store, target.id)
    # A steady series with one figure a thousand times too large (a unit slip), for an
    # indicator the page does not show: the data checks flag it, the page must not.
    wild = [
        Observation(
            other.code,
            resolution.area,
            (year, year),
            Decimal(100 + year - 2016) * (1000 if year == 2021 else 1),
            other.unit,
            Status.OFFICIAL,
        )
        for year in range(2016, 2025)
    ]
    store.add_observations(wild, recorded_by="test", reason="scoping test")
    cache.clear()
    after_validation = analysis.validate_resolution(store, XVI)
    assert any(other.code in v.indicators for v in after_validation), other.code
    assert _page(store, target.id) == before


def test_report_and_xlsx_read_only_the_resolution_area(
    fresh_site: Site, recorder: Recorder, tmp_path: Path
) -> None:
    store = fresh_site.store
    resolution = store.get_resolution(XVI)
    codes = {i.code for i in resolution.indicators}
    result = reports.evaluate_for_report(store, XVI, 2024)
    # What the evaluation reads (services.evaluate): the area and its successors.
    here = resolution.area
    evaluated = {here} | {a.code for a in resolution.areas if here in a.predecessors}
    evaluated |= {r.area for t in result.targets for r in t.clauses}
    recorder.read.clear()
    content = reports.build_content(store, XVI, as_of=2024, date=dt.date(2025, 1, 2))
    assert content.rows
    assert recorder.read
    assert {o.indicator for o in recorder.read} <= codes
    assert {o.area for o in recorder.read} <= evaluated
    recorder.read.clear()
    out = reports.write_report(store, XVI, "xlsx", tmp_path / "r.xlsx", as_of=2024)
    assert out.stat().st_size > 0
    assert {o.indicator for o in recorder.read} <= codes
    assert {o.area for o in recorder.read} <= dashboard.shown_areas(resolution) | evaluated

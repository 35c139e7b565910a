"""The cache of evaluations behind the pages: computed once, recomputed after ANY write.

A stale verdict on a leader's page is worse than a slow one, so every kind of write is
tried: figures loaded, a figure submitted (and waiting), approved, withdrawn, and a new
version of the definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Citation
from chitieu.core.observations import Observation, Status
from chitieu.services import cache, dashboard, load_dataset
from chitieu.store import Store
from chitieu.store.review import ReviewAction
from tests.store.conftest import BACKENDS, _fresh_postgres_database

XVI = "haiphong-xvi-2020-2025"
REVIEWER = Principal("duyet", Role.REVIEWER, frozenset())


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'cache.sqlite3'}"])
    else:
        urls = _fresh_postgres_database()
    url = next(urls)
    with Store.open(url) as opened:
        opened.init()
        load_dataset(opened, XVI)
        cache.clear()
        yield opened
    next(urls, None)  # PostgreSQL: drop the database


def figure(value: str, year: int = 2025) -> Observation:
    return Observation(
        indicator="grdp-growth",
        area="haiphong",
        period=(year, year),
        value=Decimal(value),
        unit="%",
        status=Status.OFFICIAL,
        source=Citation("Niên giám thống kê"),
    )


def fresh(store: Store) -> object:
    """The evaluation computed now, bypassing the cache: what the page must show."""
    year = dashboard.evaluation(store, XVI).as_of
    return services.evaluate(store, XVI, EvaluationSettings(as_of=year))


def test_unchanged_data_is_evaluated_once(store: Store) -> None:
    first = dashboard.evaluation(store, XVI)
    again = dashboard.evaluation(store, XVI)
    assert again is first
    assert cache.stats()["misses"] == 1
    assert cache.stats()["hits"] == 1
    assert first == fresh(store)


def test_loaded_figures_invalidate(store: Store) -> None:
    before = dashboard.evaluation(store, XVI)
    store.add_observations([figure("1.5")])
    after = dashboard.evaluation(store, XVI)
    assert after is not before
    assert after != before  # the figure changes a verdict or a value
    assert after == fresh(store)


def test_submitted_approved_and_withdrawn_figures_invalidate(store: Store) -> None:
    before = dashboard.overview(store, XVI)
    submitted = store.submit_figures([figure("1.5")], actor="nhaplieu")
    waiting = dashboard.overview(store, XVI)
    assert waiting.pending == before.pending + 1
    assert waiting.result == before.result  # not approved: not a fact yet
    (figure_id,) = submitted.observation_ids
    store.review_figure(figure_id, ReviewAction.APPROVE, reviewer=REVIEWER)
    approved = dashboard.overview(store, XVI)
    assert approved.pending == before.pending
    assert approved.result != before.result
    assert approved.result == fresh(store)
    store.withdraw_figure(figure_id, by=REVIEWER, reason="nhập nhầm")
    withdrawn = dashboard.evaluation(store, XVI)
    assert withdrawn == before.result
    assert withdrawn == fresh(store)


def test_a_new_definition_version_invalidates(store: Store) -> None:
    before = dashboard.evaluation(store, XVI)
    text = store.resolution_text(XVI)
    resolution = store.get_resolution(XVI)
    changed = text.replace(resolution.title.vi, resolution.title.vi + " (sửa)", 1)
    assert changed != text
    from chitieu.definitions.resolution import load_resolution_text

    store.save_resolution(load_resolution_text(changed, "r.yaml"), changed, "r.yaml")
    after = dashboard.evaluation(store, XVI)
    assert after.resolution.title.vi.endswith("(sửa)")
    assert after != before


def test_pending_count_matches_the_review_queue(store: Store) -> None:
    codes = [i.code for i in store.get_resolution(XVI).indicators]
    assert store.pending_count(codes) == len(store.awaiting_review(codes)) == 0
    done = store.submit_figures([figure("1.5"), figure("2.5", 2030)], actor="nhaplieu")
    assert store.pending_count(codes) == len(store.awaiting_review(codes)) == 2
    # A newer revision of one (a correction, with its reason).
    store.submit_figures([figure("1.7")], actor="nhaplieu", reason="sửa")
    assert store.pending_count(codes) == len(store.awaiting_review(codes)) == 2
    store.review_figure(
        done.observation_ids[1], ReviewAction.RETURN, reviewer=REVIEWER, comment="kiểm tra lại"
    )
    assert store.pending_count(codes) == len(store.awaiting_review(codes)) == 1
    assert store.pending_count(["grdp"]) == len(store.awaiting_review(["grdp"])) == 0

"""The bulk write path of figures: same outcome as row-by-row, on SQLite and PostgreSQL.

Figures are written with the driver's executemany (SQLite) or COPY (PostgreSQL) rather
than one ORM object each; these tests pin what must not change with that: every column
stored as given, revisions and idempotence, ids handed to the review workflow, one
transaction, and a clash on the unique key refused as a conflict.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
import sqlalchemy as sa

from chitieu import datasets
from chitieu.core.model import Citation
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.services import load_dataset
from chitieu.store import Store
from chitieu.store import figures as figures_module
from chitieu.store.errors import ConflictError, StoreError

XVI = "haiphong-xvi-2020-2025"


def figures(n: int, value: str = "1.50") -> list[Observation]:
    areas = ["haiphong", "hong-bang", "le-chan", "ngo-quyen"]
    return [
        Observation(
            indicator="grdp",
            area=areas[i % 4],
            period=(2000 + i // 4, 2000 + i // 4),
            value=Decimal(value) + i,
            unit="tỷ đồng",
            status=Status.OFFICIAL,
            qualifier=Qualifier.APPROX if i % 3 == 0 else Qualifier.EXACT,
            source=Citation("Niên giám", "Phần I", i + 1 if i % 2 else None, "", "2021", ""),
            note="ghi chú" if i % 5 == 0 else "",
        )
        for i in range(n)
    ]


@pytest.fixture
def loaded(store: Store) -> Store:
    assert datasets.get(XVI) is not None
    load_dataset(store, XVI)
    return store


def test_every_column_is_stored_as_given(loaded: Store) -> None:
    batch = figures(50)
    assert loaded.add_observations(batch, dataset="bulk", reason="r").inserted == 50
    stored = {(o.area, o.period): o for o in loaded.observations("grdp") if o.period[0] < 2016}
    for obs in batch:
        got = stored[(obs.area, obs.period)]
        assert got.id is not None
        assert got.recorded_at
        assert replace(got, id=None, recorded_at="") == obs
        assert str(got.value) == str(obs.value)  # the written scale is kept: "1.50"


def test_reload_is_idempotent_and_a_change_is_a_revision(loaded: Store) -> None:
    batch = figures(30)
    loaded.add_observations(batch)
    again = loaded.add_observations(batch)
    assert (again.inserted, again.revised, again.unchanged) == (0, 0, 30)
    changed = loaded.add_observations([replace(batch[7], value=Decimal("99")), *batch[:7]])
    assert (changed.inserted, changed.revised, changed.unchanged) == (0, 1, 7)
    history = loaded.observations("grdp", batch[7].area)
    revisions = [o.revision for o in history if o.period == batch[7].period]
    assert revisions == [1, 2]


def test_submitted_figures_get_their_own_ids(loaded: Store) -> None:
    batch = figures(40)
    done = loaded.submit_figures(batch, actor="editor", dataset="import")
    assert len(done.observation_ids) == 40
    by_id = {o.id: o for o in loaded.observations("grdp")}
    for obs, figure_id in zip(batch, done.observation_ids, strict=True):
        assert by_id[figure_id].key() == obs.key()
    states = loaded.review_states(list(done.observation_ids))
    assert {s.state.value for s in states.values()} == {"submitted"}
    with loaded.engine.connect() as conn:
        audits = conn.scalar(sa.text("SELECT count(*) FROM audit_log WHERE action = 'submit'"))
    assert audits == 40


def test_a_bad_row_writes_nothing(loaded: Store) -> None:
    before = len(loaded.observations())
    batch = figures(20)
    batch[13] = replace(batch[13], area="nowhere")
    with pytest.raises(StoreError, match="row 14"):
        loaded.add_observations(batch)
    assert len(loaded.observations()) == before


def test_a_clash_on_the_unique_key_is_a_conflict(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a concurrent writer that took the same revision first looks like: the insert
    hits the unique key; the batch is refused as a conflict, nothing is written."""
    batch = figures(5)
    loaded.add_observations(batch)
    before = len(loaded.observations())
    monkeypatch.setattr(figures_module, "_latest_revisions", lambda *a: {})
    with pytest.raises(ConflictError, match="reload"):
        loaded.add_observations(figures(5, value="7"))
    assert len(loaded.observations()) == before

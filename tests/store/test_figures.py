"""Figures in the store (store/figures.py), on SQLite and PostgreSQL: exact decimals,
revisions instead of changes, current figures, batches refused as a whole."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import chitieu
from chitieu.core.model import Citation
from chitieu.core.observations import Qualifier, Status
from chitieu.core.periods import LEVEL
from chitieu.store import AddResult, Store, StoreError
from chitieu.store.tables import ObservationRow
from tests.store.sample import count_rows, obs, resolution


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    return store


def test_decimal_round_trip_is_exact(loaded: Store) -> None:
    values = ["12.38", "445995", "131314.000", "0.000001", "-0.73", "1.5E+15", "6196"]
    batch = [obs(v, 2001 + i) for i, v in enumerate(values)]
    assert loaded.add_observations(batch) == AddResult(inserted=len(values), revised=0, unchanged=0)
    stored = {o.year: o.value for o in loaded.observations()}
    for i, v in enumerate(values):
        assert stored[2001 + i] == Decimal(v)
        assert str(stored[2001 + i]) == str(Decimal(v))  # scale kept too
        assert isinstance(stored[2001 + i], Decimal)


def test_observation_round_trip_keeps_everything(loaded: Store) -> None:
    given = replace(
        obs("14.94", period=(2016, 2020), qualifier=Qualifier.APPROX),
        source=Citation("Báo cáo chính trị XVI", "Phần thứ nhất I.1", 25, "", "2020-10", "khoảng"),
        note="bình quân giai đoạn",
    )
    loaded.add_observations([given])
    (got,) = loaded.observations()
    assert got.id is not None
    assert got.revision == 1
    assert got.recorded_at.endswith("+00:00")
    assert replace(got, id=None, recorded_at="") == given


def test_adding_the_same_batch_again_is_unchanged(loaded: Store) -> None:
    batch = [obs("12.38", 2021), obs("12.32", 2022), obs("11.5", 2023, status=Status.ESTIMATE)]
    assert loaded.add_observations(batch) == AddResult(3, 0, 0)
    assert loaded.add_observations(batch) == AddResult(0, 0, 3)
    # same number written differently, other note or source: still unchanged
    again = [replace(batch[0], value=Decimal("12.380"), note="lại", source=Citation("khác"))]
    assert loaded.add_observations(again) == AddResult(0, 0, 1)
    assert count_rows(loaded, "observations") == 3


def test_changed_value_is_revision_2_and_current(loaded: Store) -> None:
    loaded.add_observations([obs("12.38")], dataset="soha")
    result = loaded.add_observations([obs("12.40")], reason="sửa theo niên giám", recorded_by="an")
    assert result == AddResult(inserted=0, revised=1, unchanged=0)
    history = loaded.observations("grdp-growth", "haiphong")
    assert [(o.revision, o.value) for o in history] == [
        (1, Decimal("12.38")),
        (2, Decimal("12.40")),
    ]
    latest = loaded.observations(all_revisions=False)
    assert [(o.revision, o.value) for o in latest] == [(2, Decimal("12.40"))]
    current = loaded.current_observations()
    assert current[("grdp-growth", "haiphong", (2021, 2021), "", LEVEL)].value == Decimal("12.40")
    with loaded.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                ObservationRow.revision, ObservationRow.reason, ObservationRow.recorded_by
            ).order_by(ObservationRow.revision)
        ).all()
    assert [tuple(r) for r in rows] == [(1, "", "cli"), (2, "sửa theo niên giám", "an")]


@pytest.mark.parametrize(
    "change",
    [{"unit": "%/năm"}, {"qualifier": Qualifier.MORE_THAN}],
    ids=["unit", "qualifier"],
)
def test_changed_unit_or_qualifier_is_a_revision(loaded: Store, change: dict[str, Any]) -> None:
    loaded.add_observations([obs("12.38")])
    changed = replace(obs("12.38"), **change)
    assert loaded.add_observations([changed]) == AddResult(0, 1, 0)
    assert [o.revision for o in loaded.observations()] == [1, 2]


def test_official_beats_a_later_estimate(loaded: Store) -> None:
    loaded.add_observations([obs("12.38", status=Status.OFFICIAL)])
    assert loaded.add_observations([obs("13", status=Status.ESTIMATE)]) == AddResult(1, 0, 0)
    current = loaded.current_observations(indicator="grdp-growth")
    chosen = current[("grdp-growth", "haiphong", (2021, 2021), "", LEVEL)]
    assert (chosen.status, chosen.value) == (Status.OFFICIAL, Decimal("12.38"))
    assert len(loaded.observations()) == 2


def test_filters(loaded: Store) -> None:
    loaded.add_observations(
        [
            obs("12.38"),
            obs("445995", indicator="grdp", unit="tỷ đồng"),
            obs("13", area="haiphong-2025", year=2025),
        ]
    )
    assert len(loaded.observations()) == 3
    assert [o.value for o in loaded.observations(indicator="grdp")] == [Decimal("445995")]
    assert [o.year for o in loaded.observations(area="haiphong-2025")] == [2025]
    assert len(loaded.observations("grdp-growth", "haiphong")) == 1
    assert loaded.observations("nothing") == []


def test_batch_with_unknown_indicator_writes_nothing(loaded: Store) -> None:
    batch = [obs("12.38", 2021), obs("1", 2022, indicator="fdi-share"), obs("12.32", 2023)]
    with pytest.raises(StoreError, match=r"row 2 .*unknown indicator 'fdi-share'"):
        loaded.add_observations(batch)
    assert loaded.observations() == []
    assert count_rows(loaded, "observations") == 0


def test_batch_with_unknown_area_writes_nothing(loaded: Store) -> None:
    loaded.add_observations([obs("12.38")])
    batch = [obs("12.5"), obs("1", 2022, area="hai-duong")]
    with pytest.raises(StoreError, match="unknown area 'hai-duong'"):
        loaded.add_observations(batch)
    assert [(o.revision, o.value) for o in loaded.observations()] == [(1, Decimal("12.38"))]


def test_duplicate_key_in_one_batch_writes_nothing(loaded: Store) -> None:
    with pytest.raises(StoreError, match=r"row 2 .*same .*row 1"):
        loaded.add_observations([obs("12.38"), obs("12.40")])
    assert loaded.observations() == []


def test_empty_batch(loaded: Store) -> None:
    assert loaded.add_observations([]) == AddResult(0, 0, 0)


def test_observations_are_append_only_in_the_code() -> None:
    """No UPDATE or DELETE of observations anywhere in the package."""
    root = Path(chitieu.__file__ or "").parent
    needles = ("update(ObservationRow", "delete(ObservationRow")
    needles_sql = ("update observations", "delete from observations")
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in needles:
            assert needle not in text, f"{path}: {needle}"
        for needle in needles_sql:
            assert needle not in text.lower(), f"{path}: {needle}"

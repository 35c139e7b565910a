"""The store against SQLite and PostgreSQL: resolutions, indicators, observations."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import chitieu
from chitieu.core.model import (
    Aggregation,
    Area,
    Citation,
    Direction,
    Indicator,
    Measure,
    Resolution,
    Text,
)
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.settings import DATABASE_URL_ENV, Settings, default_database_url
from chitieu.store import AddResult, ConflictError, NotFoundError, Store, StoreError
from chitieu.store.db import normalize_url
from chitieu.store.tables import ObservationRow

GRDP = Indicator(
    "grdp",
    Text("Tổng sản phẩm trên địa bàn", "GRDP"),
    "tỷ đồng",
    Direction.HIGHER,
    Measure.LEVEL,
    Aggregation.SUM,
)
GROWTH = Indicator("grdp-growth", Text("Tốc độ tăng trưởng GRDP"), "%", measure=Measure.GROWTH_RATE)
HAIPHONG = Area("haiphong", Text("Hải Phòng"), valid_to="2025-06-30")
HAIPHONG_2025 = Area(
    "haiphong-2025",
    Text("Hải Phòng (sau sáp nhập)", "Hải Phòng (after the merger)"),
    valid_from="2025-07-01",
    predecessors=("haiphong", "haiduong"),
)


def resolution(
    rid: str = "haiphong-xvi-2020-2025",
    indicators: tuple[Indicator, ...] = (GRDP, GROWTH),
    areas: tuple[Area, ...] = (HAIPHONG, HAIPHONG_2025),
) -> Resolution:
    return Resolution(
        id=rid,
        title=Text("Nghị quyết Đại hội XVI", "Resolution of the 16th Congress"),
        body=Text("Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        base_year=2020,
        period=(2021, 2025),
        area="haiphong",
        groups=(),
        targets=(),
        indicators=indicators,
        areas=areas,
    )


def obs(
    value: str,
    year: int = 2021,
    *,
    indicator: str = "grdp-growth",
    area: str = "haiphong",
    status: Status = Status.PRELIMINARY,
    unit: str = "%",
    qualifier: Qualifier = Qualifier.EXACT,
    period: tuple[int, int] | None = None,
) -> Observation:
    return Observation(
        indicator=indicator,
        area=area,
        period=period or (year, year),
        value=Decimal(value),
        unit=unit,
        status=status,
        qualifier=qualifier,
        source=Citation(document="Báo cáo", section="I.1", line=25, url="https://x.vn"),
    )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    return store


def count_rows(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


# -- observations -----------------------------------------------------------------------


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
    assert current[("grdp-growth", "haiphong", (2021, 2021))].value == Decimal("12.40")
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
    chosen = current[("grdp-growth", "haiphong", (2021, 2021))]
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


# -- resolutions, indicators, areas -----------------------------------------------------


def test_save_resolution_versions(store: Store) -> None:
    text = "id: haiphong-xvi-2020-2025\n# bản 1\n"
    first = store.save_resolution(resolution(), text, "resolution.yaml", loaded_by="lan")
    assert (first.version, first.created, first.changed) == (1, True, True)
    again = store.save_resolution(resolution(), text, "resolution.yaml")
    assert (again.version, again.created, again.changed) == (1, False, False)
    assert count_rows(store, "resolution_versions") == 1

    changed_text = text.replace("bản 1", "bản 2")
    second = store.save_resolution(resolution(), changed_text, "resolution.yaml")
    assert (second.resolution_id, second.version, second.created, second.changed) == (
        "haiphong-xvi-2020-2025",
        2,
        False,
        True,
    )
    assert store.resolution_ids() == ["haiphong-xvi-2020-2025"]
    assert store.resolution_text("haiphong-xvi-2020-2025") == changed_text
    assert store.resolution_text("haiphong-xvi-2020-2025", version=1) == text
    versions = store.resolution_versions("haiphong-xvi-2020-2025")
    assert [(v.version, v.loaded_by) for v in versions] == [(1, "lan"), (2, "cli")]
    assert all(v.loaded_at.tzinfo is not None for v in versions)
    assert versions[0].checksum != versions[1].checksum


def test_unknown_resolution(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no resolution 'nope'"):
        store.resolution_text("nope")
    with pytest.raises(KeyError):
        store.get_resolution("nope")
    with pytest.raises(NotFoundError):
        store.resolution_versions("nope")
    assert store.resolution_ids() == []


def test_indicators_and_areas_round_trip(loaded: Store) -> None:
    assert loaded.indicators() == [GRDP, GROWTH]
    assert loaded.areas() == [HAIPHONG, HAIPHONG_2025]


def test_indicators_are_shared_between_resolutions(loaded: Store) -> None:
    renamed = replace(GRDP, name=Text("GRDP (giá hiện hành)"))
    other = resolution("haiphong-xv-2015-2020", indicators=(renamed,), areas=(HAIPHONG,))
    loaded.save_resolution(other, "id: haiphong-xv-2015-2020\n", "xv.yaml")
    assert loaded.resolution_ids() == ["haiphong-xv-2015-2020", "haiphong-xvi-2020-2025"]
    assert [i.name.vi for i in loaded.indicators()] == ["GRDP (giá hiện hành)", GROWTH.name.vi]


def test_indicator_conflict_raises_and_writes_nothing(loaded: Store) -> None:
    conflicting = replace(GRDP, unit="triệu USD", direction=Direction.LOWER)
    new_area = Area("haiduong", Text("Hải Dương"))
    other = resolution("haiphong-xv-2015-2020", indicators=(GROWTH, conflicting), areas=(new_area,))
    with pytest.raises(ConflictError) as info:
        loaded.save_resolution(other, "id: haiphong-xv-2015-2020\n", "xv.yaml")
    message = str(info.value)
    assert "'grdp'" in message
    assert "'tỷ đồng'" in message
    assert "'triệu USD'" in message
    assert "direction 'higher'" in message
    assert isinstance(info.value, StoreError)
    assert loaded.resolution_ids() == ["haiphong-xvi-2020-2025"]
    assert count_rows(loaded, "resolution_versions") == 1
    assert [a.code for a in loaded.areas()] == ["haiphong", "haiphong-2025"]
    assert loaded.indicators() == [GRDP, GROWTH]


TINY_YAML = """\
format: chitieu/resolution@1
id: tiny-2020-2025
title: {vi: "Nghị quyết thử", en: "Test resolution"}
body: {vi: "Ban Chấp hành", en: "Executive committee"}
base_year: 2020
period: 2021-2025
area: haiphong
areas:
  - code: haiphong
    name: {vi: "Hải Phòng", en: "Hải Phòng"}
indicators:
  - code: unemployment-urban
    name: {vi: "Tỷ lệ thất nghiệp thành thị", en: "Urban unemployment rate"}
    unit: "%"
    direction: lower
groups:
  - code: xa-hoi
    name: {vi: "Về xã hội", en: "Society"}
targets:
  - id: "1"
    number: 1
    group: xa-hoi
    text: "Tỷ lệ thất nghiệp khu vực thành thị dưới 3,5%"
    clauses:
      - id: 1a
        text: "dưới 3,5%"
        indicator: unemployment-urban
        kind: level
        bound: below
        value: "3,5"
        unit: "%"
        year: 2025
"""


def test_get_resolution_parses_the_stored_text(store: Store) -> None:
    loader = pytest.importorskip("chitieu.definitions.resolution")
    parsed: Resolution = loader.load_resolution_text(TINY_YAML, "tiny.yaml")
    store.save_resolution(parsed, TINY_YAML, "tiny.yaml")
    assert store.get_resolution("tiny-2020-2025") == parsed


# -- opening, settings, rules -------------------------------------------------------------


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    default = Settings.from_env()
    assert default.database_url == default_database_url()
    assert default.database_url.startswith("sqlite:///")
    assert default.database_url.endswith("/chitieu/chitieu.sqlite3")
    assert Settings.from_env({DATABASE_URL_ENV: "postgresql://h/db"}).database_url == (
        "postgresql://h/db"
    )


def test_open_uses_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "data" / "chitieu.sqlite3"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    assert not path.parent.exists()
    with Store.open() as store:
        store.init()
        assert store.resolution_ids() == []
        assert store.dialect == "sqlite"
    assert path.is_file()


@pytest.mark.parametrize(
    "url",
    ["postgresql://u:p@h:5433/db", "postgres://u:p@h:5433/db", "postgresql+psycopg2://u:p@h/db"],
)
def test_postgres_urls_use_psycopg3(url: str) -> None:
    assert normalize_url(url).drivername == "postgresql+psycopg"


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


def test_save_dataset_writes_definition_and_figures_together(store: Store) -> None:
    saved, added = store.save_dataset(
        resolution(), "id: x\n", "dataset:x", [obs("12.38"), obs("12.32", 2022)], dataset="x"
    )
    assert saved.created
    assert (added.inserted, added.revised, added.unchanged) == (2, 0, 0)
    assert count_rows(store, "observations") == 2


def test_save_dataset_with_a_bad_figure_writes_nothing(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown area"):
        store.save_dataset(
            resolution(), "id: x\n", "dataset:x", [obs("12.38"), obs("1", area="nowhere")]
        )
    assert store.resolution_ids() == []
    assert count_rows(store, "observations") == 0
    assert count_rows(store, "indicators") == 0


def test_dry_run_reports_and_rolls_back(store: Store) -> None:
    saved, added = store.save_dataset(
        resolution(), "id: x\n", "dataset:x", [obs("12.38")], dry_run=True
    )
    assert saved.created
    assert added.inserted == 1
    assert store.resolution_ids() == []
    assert count_rows(store, "observations") == 0
    assert count_rows(store, "indicators") == 0

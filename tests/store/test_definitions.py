"""Definitions in the store (store/definitions.py), on SQLite and PostgreSQL: resolutions
and their versions, indicators and areas shared between resolutions (their meaning cannot
drift), a definition saved with its figures in one transaction."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chitieu.core.model import Area, Direction, Indicator, Resolution, Text
from chitieu.store import ConflictError, NotFoundError, Store, StoreError
from tests.store.sample import GRDP, GROWTH, HAIPHONG, HAIPHONG_2025, count_rows, obs, resolution


@pytest.fixture
def loaded(store: Store) -> Store:
    store.save_resolution(resolution(), "id: haiphong-xvi-2020-2025\n", "resolution.yaml")
    return store


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


def area_resolution(rid: str, *areas: Area) -> Resolution:
    return Resolution(
        id=rid,
        title=Text("Nghị quyết"),
        body=Text("Ban Chấp hành"),
        base_year=2020,
        period=(2021, 2025),
        area="hp",
        groups=(),
        targets=(),
        indicators=(Indicator("grdp", Text("GRDP"), "tỷ đồng"),),
        areas=areas,
    )


def test_a_second_resolution_may_rename_but_not_move_an_area(store: Store) -> None:
    city = Area("hp", Text("Hải Phòng (trước sáp nhập)"), valid_to="2025-06-30")
    store.save_resolution(area_resolution("a", city), "id: a\n", "a.yaml")
    renamed = Area("hp", Text("Thành phố Hải Phòng"), valid_to="2025-06-30")
    store.save_resolution(area_resolution("b", renamed), "id: b\n", "b.yaml")
    assert [a.name.vi for a in store.areas()] == ["Thành phố Hải Phòng"]

    moved = Area("hp", Text("Hải Phòng"))  # no end of validity: a different boundary story
    with pytest.raises(ConflictError) as info:
        store.save_resolution(area_resolution("c", moved), "id: c\n", "c.yaml")
    assert "area 'hp' conflicts" in str(info.value)
    assert "valid_to '2025-06-30' (stored) vs None (given)" in str(info.value)
    assert store.resolution_ids() == ["a", "b"]  # nothing of "c" was written
    assert store.areas()[0].valid_to == "2025-06-30"


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


# -- a definition with its figures ------------------------------------------------------


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

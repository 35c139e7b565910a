"""Areas are shared by every resolution in a store: their boundaries cannot drift."""

from __future__ import annotations

import pytest

from chitieu.core.model import Area, Indicator, Resolution, Text
from chitieu.store import ConflictError, Store


def resolution(rid: str, *areas: Area) -> Resolution:
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
    store.save_resolution(resolution("a", city), "id: a\n", "a.yaml")
    renamed = Area("hp", Text("Thành phố Hải Phòng"), valid_to="2025-06-30")
    store.save_resolution(resolution("b", renamed), "id: b\n", "b.yaml")
    assert [a.name.vi for a in store.areas()] == ["Thành phố Hải Phòng"]

    moved = Area("hp", Text("Hải Phòng"))  # no end of validity: a different boundary story
    with pytest.raises(ConflictError) as info:
        store.save_resolution(resolution("c", moved), "id: c\n", "c.yaml")
    assert "area 'hp' conflicts" in str(info.value)
    assert "valid_to '2025-06-30' (stored) vs None (given)" in str(info.value)
    assert store.resolution_ids() == ["a", "b"]  # nothing of "c" was written
    assert store.areas()[0].valid_to == "2025-06-30"

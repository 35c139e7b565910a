"""Figures out and back in, as CSV and as JSON: round trips through real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.services import exchange
from chitieu.store import Store
from tests.reports.conftest import XVI


def _key(o: object) -> tuple[object, ...]:
    return (o.indicator, o.area, o.period, o.status, o.value, o.unit, o.qualifier)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_into_a_fresh_store(fmt: str, loaded_store: Store, tmp_path: Path) -> None:
    path = exchange.export(loaded_store, XVI, fmt, tmp_path / f"figures.{fmt}")
    exported = exchange.resolution_observations(loaded_store, XVI)
    # back into the same store: every figure is recognised as unchanged
    again = exchange.import_file(loaded_store, path)
    assert again.read == len(exported)
    assert (again.added.inserted, again.added.revised) == (0, 0)
    # and read back, field by field, the same figures (values as exact decimals)
    read = exchange.read_file(loaded_store, path)
    assert sorted(map(_key, read), key=str) == sorted(map(_key, exported), key=str)

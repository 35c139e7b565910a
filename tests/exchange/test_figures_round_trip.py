"""Figures out and back in, as CSV and as JSON: round trips through real files."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.periods import Basis, BasisKind
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


def _full(o: object) -> tuple[object, ...]:
    return (*_key(o), o.part, o.basis)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_sub_annual_figures_round_trip(fmt: str, loaded_store: Store, tmp_path: Path) -> None:
    """Figures for parts of a year and on other bases go out with their period codes and
    basis and come back the same: `figures --format csv|json` writes what `load` reads."""
    [year] = [
        o for o in loaded_store.observations("exports", "haiphong") if o.period == (2024, 2024)
    ]
    loaded_store.add_observations(
        [
            replace(year, id=None, part="9M", value=year.value * 3 / 4),
            replace(year, id=None, part="Q1", value=Decimal("6.25")),
            replace(
                year,
                id=None,
                part="M09",
                value=Decimal("12.4"),
                unit="%",
                basis=Basis(BasisKind.SAME_PERIOD),
            ),
            replace(
                year,
                id=None,
                part="H1",
                value=Decimal("48.5"),
                unit="%",
                basis=Basis(BasisKind.PLAN),
            ),
        ]
    )
    path = exchange.export(loaded_store, XVI, fmt, tmp_path / f"figures.{fmt}")
    exported = exchange.resolution_observations(loaded_store, XVI)
    assert {o.part for o in exported} >= {"9M", "Q1", "M09", "H1"}
    again = exchange.import_file(loaded_store, path)
    assert (again.read, again.added.inserted, again.added.revised) == (len(exported), 0, 0)
    read = exchange.read_file(loaded_store, path)
    assert sorted(map(_full, read), key=str) == sorted(map(_full, exported), key=str)

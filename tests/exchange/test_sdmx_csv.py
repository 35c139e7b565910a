"""SDMX-CSV: written from the store's figures, and checked by sdmx1 against its structure."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from chitieu.core.observations import Status
from chitieu.core.periods import Basis, BasisKind
from chitieu.exchange import sdmx_csv
from chitieu.services import exchange
from chitieu.store import Store
from tests.reports.conftest import XV, XVI


def test_sdmx_csv_matches_its_structure(loaded_store: Store, tmp_path: Path) -> None:
    path = exchange.export(loaded_store, XV, "sdmx-csv", tmp_path / "xv.csv")
    text = path.read_text(encoding="utf-8")
    resolution = loaded_store.get_resolution(XV)
    dsd = sdmx_csv.data_structure(resolution, loaded_store.areas())
    assert sdmx_csv.validate(text, dsd) == []
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(exchange.resolution_observations(loaded_store, XV))
    assert list(rows[0])[:9] == [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "INDICATOR",
        "AREA",
        "TIME_PERIOD",
        "STATUS",
        "BASIS",
        "OBS_VALUE",
    ]
    assert {r["STRUCTURE_ID"] for r in rows} == {"CHITIEU:DSD_OBSERVATIONS(2.0)"}
    assert {r["BASIS"] for r in rows} == {"level"}
    # a five-year figure is an ISO 8601 interval
    growth = {r["TIME_PERIOD"]: r["OBS_VALUE"] for r in rows if r["INDICATOR"] == "grdp-growth"}
    assert growth["2016-01-01/P5Y"] == "14.94"  # 2016–2020, as the XVI report gives it


def test_sdmx_validation_can_fail(loaded_store: Store) -> None:
    resolution = loaded_store.get_resolution(XVI)
    dsd = sdmx_csv.data_structure(resolution)
    obs = exchange.resolution_observations(loaded_store, XVI)[0]
    good = sdmx_csv.to_sdmx_csv(resolution, [obs])
    assert sdmx_csv.validate(good, dsd) == []
    bad = good.replace(f",{obs.status.value},", ",guess,").replace(",NOTE", ",COLOUR")
    problems = sdmx_csv.validate(bad, dsd)
    assert "column 'COLOUR' is not in the structure" in problems
    assert "observation 1: STATUS 'guess' is not in its code list" in problems
    unknown_area = replace(obs, area="atlantis", status=Status.PLAN)
    with pytest.raises(sdmx_csv.SdmxValidationError, match="AREA 'atlantis'"):
        sdmx_csv.to_sdmx_csv(resolution, [unknown_area])


@pytest.mark.parametrize(
    ("part", "basis", "time", "code"),
    [
        ("M01", Basis(), "2026-M01", "level"),
        ("M12", Basis(BasisKind.PREVIOUS_PERIOD), "2026-M12", "previous_period"),
        ("Q3", Basis(BasisKind.SAME_PERIOD), "2026-Q3", "same_period"),
        ("H1", Basis(BasisKind.PLAN), "2026-S1", "plan"),
        ("H2", Basis(), "2026-S2", "level"),
        ("9M", Basis(), "2026-01-01/P9M", "level"),
        ("2M", Basis(BasisKind.YEAR, 2015), "2026-01-01/P2M", "year_2015"),
    ],
)
def test_sub_annual_periods_and_bases(
    loaded_store: Store, part: str, basis: Basis, time: str, code: str
) -> None:
    """SDMX's own period forms (month, quarter, semester; an ISO 8601 interval for the
    first months of a year) and the basis in the key; sdmx1 reads them back."""
    resolution = loaded_store.get_resolution(XVI)
    [year] = [o for o in exchange.resolution_observations(loaded_store, XVI)
              if o.indicator == "exports" and o.period == (2024, 2024)]  # fmt: skip
    figure = replace(year, period=(2026, 2026), part=part, basis=basis)
    text = sdmx_csv.to_sdmx_csv(resolution, [year, figure])
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["TIME_PERIOD"], r["BASIS"]) for r in rows] == [("2024", "level"), (time, code)]
    dsd = sdmx_csv.data_structure(resolution, bases=[basis])
    assert sdmx_csv.validate(text, dsd) == []
    # a basis outside the code list is caught
    assert "observation 2: BASIS 'guess' is not in its code list" in sdmx_csv.validate(
        text.replace(f",{code},", ",guess,"), dsd
    )

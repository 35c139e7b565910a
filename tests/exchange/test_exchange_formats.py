"""CSV, JSON and SDMX-CSV: round trips through real files, and SDMX checked by sdmx1."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.observations import Status
from chitieu.definitions.errors import DefinitionError
from chitieu.exchange import sdmx_csv
from chitieu.exchange.json_import import load_observations_json_text
from chitieu.services import exchange
from chitieu.store import Store
from tests.reports.conftest import XV, XVI


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


def test_json_values_are_decimal_and_errors_name_the_item(loaded_store: Store) -> None:
    indicators = {i.code: i for i in loaded_store.indicators()}
    areas = [a.code for a in loaded_store.areas()]
    text = json.dumps(
        [
            {
                "indicator": "exports",
                "area": "haiphong",
                "period": "2021",
                "value": 25.11,
                "unit": "tỷ USD",
                "status": "estimate",
                "source": "Sở Công Thương",
            },
            {
                "indicator": "exports",
                "area": "haiphong",
                "period": "2022",
                "value": "25,1",
                "unit": "tỷ USD",
                "status": "estimate",
                "source": "Sở Công Thương",
            },
            {
                "indicator": "exports",
                "area": "nowhere",
                "period": "2016–2020",
                "value": 1,
                "unit": "tỷ USD",
                "status": "sometimes",
                "source_url": "https://x.vn",
            },
        ]
    )
    with pytest.raises(DefinitionError) as info:
        load_observations_json_text(text, "f.json", indicators, areas)
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith("f.json: [1].value: not a machine number: '25,1'")
    assert "f.json: [2].area: unknown area 'nowhere'" in messages
    assert any(m.startswith("f.json: [2].status: unknown status 'sometimes'") for m in messages)
    [obs] = load_observations_json_text(
        json.dumps([json.loads(text)[0]]), "ok.json", indicators, areas
    )
    assert obs.value == Decimal("25.11")
    assert obs.source.document == "Sở Công Thương"


def test_json_refuses_unknown_fields() -> None:
    with pytest.raises(DefinitionError, match=r"\[0\]\.colour: unknown field 'colour'"):
        load_observations_json_text('[{"colour": "red"}]', "f.json")


def test_sdmx_csv_matches_its_structure(loaded_store: Store, tmp_path: Path) -> None:
    path = exchange.export(loaded_store, XV, "sdmx-csv", tmp_path / "xv.csv")
    text = path.read_text(encoding="utf-8")
    resolution = loaded_store.get_resolution(XV)
    dsd = sdmx_csv.data_structure(resolution, loaded_store.areas())
    assert sdmx_csv.validate(text, dsd) == []
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(exchange.resolution_observations(loaded_store, XV))
    assert list(rows[0])[:8] == [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "INDICATOR",
        "AREA",
        "TIME_PERIOD",
        "STATUS",
        "OBS_VALUE",
    ]
    assert {r["STRUCTURE_ID"] for r in rows} == {"CHITIEU:DSD_OBSERVATIONS(1.0)"}
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

"""Figures as JSON: decimals read exactly, and every problem named by its item."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from chitieu.definitions.errors import DefinitionError
from chitieu.exchange.figures_json import load_observations_json_text
from chitieu.store import Store


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

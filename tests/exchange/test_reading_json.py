"""What the reader found, as JSON (``chitieu/extract@1``): structure and offsets."""

from __future__ import annotations

import json

from chitieu.exchange.reading_json import extraction_json
from chitieu.services import reading


def test_json_structure(haiphong_extract: reading.ExtractReport) -> None:
    data = json.loads(json.dumps(extraction_json(haiphong_extract.extraction, "r.txt")))
    assert data["format"] == "chitieu/extract@1"
    assert data["period"] == [2021, 2025]
    first = data["targets"][0]["clauses"][0]
    assert set(first) >= {"text", "start", "end", "indicator", "kind", "bound", "low", "high",
                          "unit", "value_base", "year", "period"}  # fmt: skip
    assert haiphong_extract.text[first["start"] : first["end"]] == first["text"]
    five = data["targets"][4]["clauses"][0]
    assert (five["low"], five["unit"], five["value_base"]) == ("1.500", "nghìn tỷ đồng", 1.5e15)

"""Figures out, in the same long CSV format they come in (docs/definition-format.md).

Writing exactly the loader's format makes the round trip a test: exported figures load back
as "unchanged".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from chitieu.core.observations import Observation
from chitieu.definitions.observations_csv import COLUMNS, format_period
from chitieu.exports.evaluation import observation_dict


def to_csv(observations: Iterable[Observation]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for o in observations:
        writer.writerow(
            [
                o.indicator,
                o.area,
                format_period(o.period),
                f"{o.value:f}",
                o.unit,
                o.status.value,
                o.qualifier.value,
                o.source.document,
                o.source.section,
                "" if o.source.line is None else o.source.line,
                o.source.url,
                o.source.date,
                o.note,
            ]
        )
    return out.getvalue()


def to_json(observations: Iterable[Observation]) -> str:
    rows: list[dict[str, Any]] = []
    for o in observations:
        row = observation_dict(o)
        row["recorded_at"] = o.recorded_at
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)

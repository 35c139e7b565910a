"""Figures out, in the same long CSV format they come in (docs/definition-format.md).

Writing exactly the reader's format makes the round trip a test: exported figures load
back as "unchanged".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from chitieu.core.observations import Observation
from chitieu.exchange.figures_csv.columns import COLUMNS, format_period

__all__ = ["to_csv"]


def to_csv(observations: Iterable[Observation]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for o in observations:
        writer.writerow(
            [
                o.indicator,
                o.area,
                format_period(o.period, o.part),
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
                o.basis.code,
            ]
        )
    return out.getvalue()

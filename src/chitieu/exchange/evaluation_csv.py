"""The evaluation as CSV: one row per clause, for a spreadsheet or a statistics package.

The values are those of the evaluation JSON (:func:`.evaluation_json.clause_dict`);
``verdict_label`` and ``explanation`` are in the language asked for.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from chitieu.core.results import VERDICT_LABEL, ResolutionResult
from chitieu.exchange.evaluation_json import clause_dict

__all__ = ["CSV_COLUMNS", "to_csv"]

CSV_COLUMNS = (
    "resolution",
    "target",
    "number",
    "group",
    "clause",
    "headline",
    "kind",
    "bound",
    "low",
    "high",
    "unit",
    "year",
    "period",
    "final",
    "verdict",
    "verdict_label",
    "actual",
    "actual_years",
    "qualifier",
    "pace_ratio",
    "required",
    "projection",
    "met_early_years",
    "explanation",
)


def to_csv(result: ResolutionResult, lang: str = "vi") -> str:
    """One row per clause; ``verdict_label`` and ``explanation`` in the chosen language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in (*result.targets, *result.extra):
        for r in t.clauses:
            d = clause_dict(r)
            writer.writerow(
                [
                    result.resolution.id,
                    t.target.id,
                    t.target.number if t.target.number is not None else "",
                    t.target.group,
                    r.clause.id,
                    "1" if t.headline is r else "0",
                    d["kind"],
                    d["bound"],
                    _cell(d["low"]),
                    _cell(d["high"]),
                    d["unit"],
                    d["year"] or "",
                    d["period"] or "",
                    "1" if r.final else "0",
                    r.verdict.value,
                    VERDICT_LABEL[r.verdict].get(lang),
                    _cell(d["actual"]),
                    d["actual_years"] or "",
                    d["qualifier"],
                    _cell(d["pace_ratio"]),
                    _cell(d["required"]),
                    _cell(d["projection"]),
                    d["met_early_years"] or "",
                    r.explanation.get(lang),
                ]
            )
    return out.getvalue()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)

"""The evaluation as JSON and CSV: a documented, stable structure (docs/evaluation-json.md).

Format ``chitieu/evaluation@1``. Numbers are JSON numbers; Decimal figures are converted
at the last moment, so the rounding of the store never leaks into verdicts.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from chitieu.core.model import Verdict
from chitieu.core.observations import Observation
from chitieu.core.results import VERDICT_LABEL, ClauseResult, ResolutionResult, TargetResult

FORMAT = "chitieu/evaluation@1"


def _num(value: Decimal | float | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return round(value, 6)


def observation_dict(obs: Observation) -> dict[str, Any]:
    return {
        "id": obs.id,
        "indicator": obs.indicator,
        "area": obs.area,
        "period": obs.period_label(),
        "value": _num(obs.value),
        "unit": obs.unit,
        "status": obs.status.value,
        "qualifier": obs.qualifier.value,
        "revision": obs.revision,
        "source": obs.source.label(),
        "note": obs.note,
    }


def clause_dict(r: ClauseResult) -> dict[str, Any]:
    c = r.clause
    return {
        "id": c.id,
        "label": {"vi": c.label.vi, "en": c.label.en},
        "text": c.text,
        "indicator": c.indicator,
        "kind": c.kind.value,
        "bound": c.bound.kind.value,
        "low": _num(c.bound.low),
        "high": _num(c.bound.high),
        "unit": c.bound.unit,
        "year": c.year,
        "period": f"{c.period[0]}-{c.period[1]}" if c.period else None,
        "area": r.area,
        "final": r.final,
        "verdict": r.verdict.value,
        "actual": _num(r.actual),
        "actual_years": f"{r.basis[0]}-{r.basis[1]}" if r.basis else None,
        "qualifier": r.qualifier.value,
        "pace_ratio": _num(r.pace_ratio),
        "pace_class": r.pace_class.value if r.pace_class else None,
        "required": _num(r.required),
        "required_kind": r.required_kind.value if r.required_kind else None,
        "required_years": (
            f"{r.required_years[0]}-{r.required_years[1]}" if r.required_years else None
        ),
        "projection": _num(r.projection),
        "projection_year": r.projection_year,
        "met_year": r.met_year,
        "met_early_years": r.met_early_years,
        "explanation_vi": r.explanation.vi,
        "explanation_en": r.explanation.en,
        "notes_vi": [n.vi for n in r.notes],
        "notes_en": [n.en for n in r.notes],
        "observations": [observation_dict(o) for o in r.used],
    }


def target_dict(t: TargetResult, result: ResolutionResult) -> dict[str, Any]:
    group = result.resolution.group(t.target.group)
    reported = t.reported
    return {
        "id": t.target.id,
        "number": t.target.number,
        "group": t.target.group,
        "group_name": {"vi": group.name.vi, "en": group.name.en},
        "label": {"vi": t.target.label.vi, "en": t.target.label.en},
        "text": t.target.text,
        "verdict": t.verdict.value if t.verdict else None,
        "verdict_source": "report" if t.from_report else "chitieu",
        "headline": t.headline.clause.id if t.headline else None,
        "value_known": t.target.value_known,
        "reported": (
            {
                "verdict": reported.verdict.value,
                "met_early_years": reported.met_early_years,
                "citation": reported.citation.label(),
                "quote": reported.citation.quote,
            }
            if reported
            else None
        ),
        "source": t.target.source.label(),
        "clauses": [clause_dict(c) for c in t.clauses],
    }


def to_dict(result: ResolutionResult) -> dict[str, Any]:
    res = result.resolution
    counts = result.counts()
    return {
        "format": FORMAT,
        "resolution": res.id,
        "title": {"vi": res.title.vi, "en": res.title.en},
        "area": res.area,
        "period": f"{res.period[0]}-{res.period[1]}",
        "base_year": res.base_year,
        "as_of": result.as_of,
        "final": result.final,
        "targets_total": len(result.targets),
        "targets_counted_by_source": res.counted_targets,
        "counted_note": {"vi": res.counted_note.vi, "en": res.counted_note.en},
        "counts": {v.value: counts.get(v, 0) for v in Verdict if counts.get(v, 0)},
        "targets": [target_dict(t, result) for t in result.targets],
        "extra_targets": [target_dict(t, result) for t in result.extra],
    }


def to_json(result: ResolutionResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2)


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

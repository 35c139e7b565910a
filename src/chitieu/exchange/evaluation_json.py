"""The evaluation as JSON: a documented, stable structure (docs/evaluation-json.md).

Format ``chitieu/evaluation@1``. Numbers are JSON numbers; Decimal figures are converted
at the last moment, so the rounding of the store never leaks into verdicts. The figures a
clause used are objects of the figures JSON (:func:`.figures_json.observation_dict`).
"""

from __future__ import annotations

import json
from typing import Any

from chitieu.core.model import Verdict
from chitieu.core.results import ClauseResult, ResolutionResult, TargetResult
from chitieu.exchange.figures_json import json_number, observation_dict

__all__ = ["FORMAT", "clause_dict", "target_dict", "to_dict", "to_json"]

FORMAT = "chitieu/evaluation@1"


def clause_dict(r: ClauseResult) -> dict[str, Any]:
    c = r.clause
    return {
        "id": c.id,
        "label": {"vi": c.label.vi, "en": c.label.en},
        "text": c.text,
        "indicator": c.indicator,
        "kind": c.kind.value,
        "bound": c.bound.kind.value,
        "low": json_number(c.bound.low),
        "high": json_number(c.bound.high),
        "unit": c.bound.unit,
        "year": c.year,
        "period": f"{c.period[0]}-{c.period[1]}" if c.period else None,
        "area": r.area,
        "final": r.final,
        "verdict": r.verdict.value,
        "actual": json_number(r.actual),
        "actual_years": f"{r.basis[0]}-{r.basis[1]}" if r.basis else None,
        "qualifier": r.qualifier.value,
        "pace_ratio": json_number(r.pace_ratio),
        "pace_class": r.pace_class.value if r.pace_class else None,
        "required": json_number(r.required),
        "required_kind": r.required_kind.value if r.required_kind else None,
        "required_years": (
            f"{r.required_years[0]}-{r.required_years[1]}" if r.required_years else None
        ),
        "projection": json_number(r.projection),
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

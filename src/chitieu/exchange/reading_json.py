"""What the reader found in a text, as JSON: ``chitieu/extract@1`` (``extract --format
json``: draft targets and clauses) and ``chitieu/claims@1`` (``claims --format json``:
figure-backed claims and their verdicts).

The two formats share their conventions, so they share a module: numbers as written stay
strings ("1.500"); computed values are JSON numbers; offsets are character offsets in the
NFC-normalised text (documented in docs/reading.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chitieu.core.reading import Claim, DraftClause, Extraction

__all__ = ["claim_dict", "claims_json", "clause_dict", "extraction_json"]

FORMAT_EXTRACT = "chitieu/extract@1"
FORMAT_CLAIMS = "chitieu/claims@1"


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


def clause_dict(clause: DraftClause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "text": clause.text,
        "start": clause.start,
        "end": clause.end,
        "indicator": clause.indicator,
        "kind": clause.kind.value,
        "bound": clause.bound.value,
        "low": clause.low,
        "high": clause.high,
        "unit": clause.unit,
        "value_base": _number(clause.value_base),
        "low_base": _number(clause.low_base),
        "high_base": _number(clause.high_base),
        "year": clause.year,
        "period": list(clause.period) if clause.period else None,
        "time_stated": clause.time_stated,
        "notes": list(clause.notes),
    }


def extraction_json(extraction: Extraction, source: str) -> dict[str, Any]:
    return {
        "format": FORMAT_EXTRACT,
        "source": source,
        "period": list(extraction.period),
        "period_stated": extraction.period_stated,
        "sections": [
            {"heading": s.heading, "start": s.start, "end": s.end} for s in extraction.sections
        ],
        "spans": [list(span) for span in extraction.spans],
        "targets": [
            {
                "number": t.number,
                "group": t.group,
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "clauses": [clause_dict(c) for c in t.clauses],
            }
            for t in extraction.targets
        ],
    }


def claim_dict(claim: Claim, text: str) -> dict[str, Any]:
    return {
        "kind": claim.kind.value,
        "start": claim.start,
        "end": claim.end,
        "text": text[claim.start : claim.end],
        "sentence": {"start": claim.sentence_start, "end": claim.sentence_end},
        "stated": claim.stated,
        "stated_value": _number(claim.stated_value),
        "qualifier": claim.qualifier,
        "recomputed": _number(claim.recomputed),
        "verdict": claim.verdict.value,
        "reason": claim.reason,
        "figures": [
            {"role": f.role, "text": f.text, "start": f.start, "end": f.end} for f in claim.figures
        ],
    }


def claims_json(claims: list[Claim], text: str, source: str) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {}
    for claim in claims:
        by_kind = counts.setdefault(claim.kind.value, {})
        by_kind[claim.verdict.value] = by_kind.get(claim.verdict.value, 0) + 1
    return {
        "format": FORMAT_CLAIMS,
        "source": source,
        "counts": counts,
        "claims": [claim_dict(c, text) for c in claims],
    }

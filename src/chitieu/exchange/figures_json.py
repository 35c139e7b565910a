"""Figures as JSON: the long format of ``figures --format json``, one object per figure.

Written: one object per figure (:func:`observation_dict`, also the shape of a figure in
the evaluation JSON and the HTTP API), numbers as JSON numbers, converted from Decimal at
the last moment.

Read: the objects carry the same fields as the CSV columns (docs/definition-format.md),
so each object is turned into a CSV row and checked by the CSV reader: one set of rules,
one set of messages, with the location translated back to the JSON item (``[3]``).
Accepted besides the CSV names: the export's ``source`` (a citation label, kept as the
source document) and its ``id``, ``revision`` and ``recorded_at`` (ignored: the store
assigns them). Numbers are read as decimals, never through a binary float.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from chitieu.core.model import Indicator
from chitieu.core.observations import Observation
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.exchange.figures_csv import COLUMNS, load_observations_text

__all__ = [
    "json_number",
    "load_observations_json",
    "load_observations_json_text",
    "observation_dict",
    "to_json",
]

IGNORED = ("id", "revision", "recorded_at")
#: Beyond 10^±100 a figure is not a statistic; its exponent is kept, not expanded.
_MAX_EXPONENT = 100


def json_number(value: Decimal | float | None) -> float | int | None:
    """A figure or a computed value as a JSON number: whole decimals as integers, floats
    rounded to 6 places (their noise is not information)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return round(value, 6)


def observation_dict(obs: Observation) -> dict[str, Any]:
    """One figure: its period as the canonical code (``2021``, ``2016-2020``, ``2026-Q1``,
    ``2026-9M``) and its basis code (``level``, ``same_period``, ``plan`` …), as the CSV
    writes them, so an exported file loads back."""
    return {
        "id": obs.id,
        "indicator": obs.indicator,
        "area": obs.area,
        "period": obs.period_code,
        "basis": obs.basis.code,
        "value": json_number(obs.value),
        "unit": obs.unit,
        "status": obs.status.value,
        "qualifier": obs.qualifier.value,
        "revision": obs.revision,
        "source": obs.source.label(),
        "note": obs.note,
    }


def to_json(observations: Iterable[Observation]) -> str:
    rows: list[dict[str, Any]] = []
    for o in observations:
        row = observation_dict(o)
        row["recorded_at"] = o.recorded_at
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


def load_observations_json(
    path: Path,
    indicators: Mapping[str, Indicator] | None = None,
    areas: Collection[str] | None = None,
) -> list[Observation]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot read file: {exc}"
        said = "Không đọc được tệp (tệp JSON phải là văn bản UTF-8)."
        raise DefinitionError([Problem(str(path), None, "", message, vi=said, en=message)]) from exc
    return load_observations_json_text(text, str(path), indicators, areas)


def load_observations_json_text(
    text: str,
    filename: str = "<json>",
    indicators: Mapping[str, Indicator] | None = None,
    areas: Collection[str] | None = None,
) -> list[Observation]:
    try:
        # Integers as decimals too: Python refuses to convert one of more than 4300 digits.
        data = json.loads(text, parse_float=_decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise DefinitionError(
            [
                Problem(
                    filename,
                    exc.lineno,
                    "",
                    f"not valid JSON: {exc.msg}",
                    vi=f"Tệp không phải JSON hợp lệ ({exc.msg}).",
                    en=f"The file is not valid JSON ({exc.msg}).",
                )
            ]
        ) from exc
    except RecursionError as exc:
        raise DefinitionError(
            [
                Problem(
                    filename,
                    None,
                    "",
                    "not valid JSON: nested too deeply",
                    vi="Tệp JSON lồng quá sâu.",
                    en="The JSON is nested too deeply.",
                )
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("observations"), list):
        data = data["observations"]
    if not isinstance(data, list):
        raise DefinitionError(
            [
                Problem(
                    filename,
                    None,
                    "",
                    "expected a JSON array of figures (objects)",
                    vi="Tệp cần là một mảng JSON các số liệu (đối tượng).",
                    en="Expected a JSON array of figures (objects).",
                )
            ]
        )
    problems: list[Problem] = []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    line_to_item: dict[int, int] = {}
    line = 2
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    filename,
                    None,
                    f"[{i}]",
                    "expected an object",
                    vi="Mỗi số liệu phải là một đối tượng JSON.",
                    en="Each figure must be a JSON object.",
                )
            )
            continue
        unknown = set(item) - set(COLUMNS) - set(IGNORED) - {"source"}
        for key in sorted(unknown):
            problems.append(
                Problem(
                    filename,
                    None,
                    f"[{i}].{key}",
                    f"unknown field {key!r}",
                    vi=f"Không có trường «{key}» trong định dạng.",
                    en=f"Unknown field {key!r}.",
                )
            )
        row = [_cell(item.get(c)) for c in COLUMNS]
        if not item.get("source_document") and item.get("source"):
            row[COLUMNS.index("source_document")] = _cell(item["source"])
        before = out.tell()
        writer.writerow(row)
        line_to_item[line] = i
        line += out.getvalue()[before:].count("\n")
    if problems:
        raise DefinitionError(problems)
    try:
        return load_observations_text(out.getvalue(), filename, indicators, areas)
    except DefinitionError as exc:
        raise DefinitionError(
            [
                Problem(
                    p.file,
                    None,
                    f"[{line_to_item.get(p.line, '?')}].{p.field}"
                    if p.line in line_to_item
                    else p.field,
                    p.message,
                    vi=p.vi,
                    en=p.en,
                )
                for p in exc.problems
            ]
        ) from exc


def _decimal(text: str) -> Decimal | str:
    """A JSON number as a Decimal; one whose exponent Decimal cannot hold ("5e999…9")
    stays as written, for the CSV rules to refuse (found by the fuzz campaign)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if not value.is_finite() or abs(value.adjusted()) > _MAX_EXPONENT:
            # "1e999999999" written out would be a billion digits; as written, the CSV
            # rules refuse it with their usual message.
            return str(value)
        return f"{value:f}"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)

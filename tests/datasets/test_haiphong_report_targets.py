"""`extract` on the Hải Phòng report reproduces the 20 encoded targets, clause for clause.

The reference is the shipped definition, read with the definitions loader. Where the
definition encodes a clause differently from how the text writes it, the difference is
listed in DOCUMENTED_DIFFERENCES with the reason; every other field must be equal.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu import datasets
from chitieu.core.model import BoundKind, Clause, Resolution
from chitieu.core.numbers import parse_number
from chitieu.core.reading import DraftClause
from chitieu.definitions import load_resolution
from chitieu.services import reading

# (clause id, field) → (extracted, encoded, why)
DOCUMENTED_DIFFERENCES: dict[tuple[str, str], tuple[object, object, str]] = {
    ("8a", "unit"): (
        "triệu lượt khách du lịch",
        "triệu lượt",
        "the definition keeps the unit of its figures (lượt); the text writes the noun",
    ),
    ("8b", "unit"): (
        "triệu lượt khách",
        "triệu lượt",
        "as 8a",
    ),
    ("16a", "kind"): (
        "level",
        "coverage",
        "the definition reads 'tỷ lệ hộ dân … 100%' as coverage; the text has no '% số …'",
    ),
}


def _dataset() -> datasets.Dataset:
    found = datasets.get("haiphong-xvi-2020-2025")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def encoded() -> Resolution:
    return load_resolution(_dataset().definition)


def _encoded_fields(clause: Clause, unit: str) -> dict[str, object]:
    bound = clause.bound
    low = bound.low if bound.kind not in (BoundKind.BELOW, BoundKind.AT_MOST) else None
    high = bound.high if bound.kind not in (BoundKind.AT_LEAST, BoundKind.ABOVE) else None
    return {
        "bound": bound.kind.value,
        "low": low,
        "high": high,
        "unit": unit,
        "kind": clause.kind.value,
        "time": clause.period if clause.kind.value in ("average_growth", "cumulative", "per_year")
        else clause.year,
    }  # fmt: skip


def _extracted_fields(clause: DraftClause) -> dict[str, object]:
    return {
        "bound": clause.bound.value,
        "low": parse_number(clause.low) if clause.low is not None else None,
        "high": parse_number(clause.high) if clause.high is not None else None,
        "unit": clause.unit,
        "kind": clause.kind.value,
        "time": clause.period if clause.period is not None else clause.year,
    }


def test_twenty_targets_thirty_seven_clauses(haiphong_extract: reading.ExtractReport) -> None:
    extraction = haiphong_extract.extraction
    assert [t.number for t in extraction.targets] == list(range(1, 21))
    assert extraction.clause_count == 37
    assert extraction.period == (2021, 2025)
    assert extraction.groups == ("Về kinh tế", "Về xã hội", "Về môi trường", "Về xây dựng Đảng")


def test_every_clause_matches_the_definition(
    haiphong_extract: reading.ExtractReport, encoded: Resolution
) -> None:
    extracted = {c.id: c for t in haiphong_extract.extraction.targets for c in t.clauses}
    clauses = [c for t in encoded.targets for c in t.clauses]
    assert sorted(extracted) == sorted(c.id for c in clauses)
    problems = []
    used = set()
    for clause in clauses:
        got = _extracted_fields(extracted[clause.id])
        want = _encoded_fields(clause, clause.bound.unit)
        for field, value in want.items():
            key = (clause.id, field)
            if key in DOCUMENTED_DIFFERENCES:
                ours, theirs, _why = DOCUMENTED_DIFFERENCES[key]
                assert (got[field], value) == (ours, theirs), key
                used.add(key)
            elif got[field] != value:
                problems.append(f"{clause.id}.{field}: extracted {got[field]!r}, encoded {value!r}")
    assert not problems, "\n".join(problems)
    assert used == set(DOCUMENTED_DIFFERENCES), "a documented difference no longer occurs"


def test_clause_spans_point_into_the_text(haiphong_extract: reading.ExtractReport) -> None:
    text = haiphong_extract.text
    for target in haiphong_extract.extraction.targets:
        for clause in target.clauses:
            assert text[clause.start : clause.end] == clause.text
            assert target.start <= clause.start < clause.end <= target.end


def test_values_in_base_units(haiphong_extract: reading.ExtractReport) -> None:
    clauses = {c.id: c for t in haiphong_extract.extraction.targets for c in t.clauses}
    assert clauses["5a"].value_base == Decimal("1.5e15")  # 1.500 nghìn tỷ đồng
    assert clauses["12a"].value_base == Decimal("55800")  # 5,58 vạn lượt lao động/năm
    assert (clauses["4a"].low_base, clauses["4a"].high_base) == (
        Decimal("1.8e14"),
        Decimal("1.9e14"),
    )

"""`claims` on the Hải Phòng report: the verdicts checked by hand, and the counts.

Every verdict asserted here is in haiphong_claims_checked.csv with the sentence and
the arithmetic done by hand (calculator), independent of the code under test.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from chitieu.services import reading

CHECKED = Path(__file__).parent / "haiphong_claims_checked.csv"


def _rows() -> list[dict[str, str]]:
    with CHECKED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_hand_checked_set_covers_every_kind_and_verdict() -> None:
    rows = _rows()
    assert len(rows) >= 25
    assert {r["kind"] for r in rows} == {
        "ratio", "average_growth", "share", "fraction", "percent_of", "change",
    }  # fmt: skip
    assert {r["verdict"] for r in rows} == {"consistent", "inconsistent", "unverifiable"}


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['line']}:{r['phrase']}")
def test_hand_checked_claim(row: dict[str, str], haiphong_claims: reading.ClaimsReport) -> None:
    text = haiphong_claims.text
    found = [
        c
        for c in haiphong_claims.claims
        if text.count("\n", 0, c.start) + 1 == int(row["line"])
        and row["phrase"] in " ".join(text[c.start : c.end].split())
    ]
    assert len(found) == 1, [text[c.start : c.end] for c in found]
    claim = found[0]
    assert claim.kind.value == row["kind"]
    assert claim.verdict.value == row["verdict"], claim.reason


def test_counts_per_kind_and_verdict(haiphong_claims: reading.ClaimsReport) -> None:
    """The counts published in docs/reading.md (`chitieu claims` on the report)."""
    counts = Counter((c.kind.value, c.verdict.value) for c in haiphong_claims.claims)
    table = {
        kind: tuple(counts[(kind, v)] for v in ("consistent", "inconsistent", "unverifiable"))
        for kind in ("ratio", "average_growth", "share", "fraction", "percent_of", "change")
    }
    assert table == {
        "ratio": (30, 1, 19),
        "average_growth": (8, 1, 7),
        "share": (0, 1, 17),
        "fraction": (6, 0, 0),
        "percent_of": (3, 1, 4),
        "change": (1, 0, 2),
    }
    assert sum(counts.values()) == 101


def test_targets_section_is_not_checked(haiphong_claims: reading.ClaimsReport) -> None:
    text = haiphong_claims.text
    assert not any("16%/năm" in text[c.start : c.end] for c in haiphong_claims.claims)
    assert reading.check_claims(text, skip_targets=False).claims != haiphong_claims.claims


def test_offsets_point_at_the_claim_and_its_figures(
    haiphong_claims: reading.ClaimsReport,
) -> None:
    text = haiphong_claims.text
    for claim in haiphong_claims.claims:
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        for figure in claim.figures:
            assert claim.sentence_start <= figure.start < figure.end <= claim.sentence_end
            written = " ".join(text[figure.start : figure.end].split()).replace(" %", "%")
            if figure.role != "ratio":
                assert text[figure.start].isdigit()
                assert written.replace(" /", "/").replace("/ ", "/") == figure.text

"""Properties of the text extractor and the claim checker on the Hải Phòng report cut,
edited and salted with hostile shapes (fuzz/targets.py): never an exception, every offset
points at the text it names, and the work stays linear in the length of the text.

tests/core/reading/test_fuzz.py covers random report-like and random Unicode text; these
start from the real report, so most inputs reach the deep parts of both readers.
"""

from __future__ import annotations

import time

import pytest
from fuzz.targets import TARGETS, report_text, run_claims, run_extract
from hypothesis import HealthCheck, example, given, settings

from chitieu.core.reading import extract_targets, find_claims, normalise
from chitieu.core.reading.sections import find_sections

SLOW = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(TARGETS["extract"].strategy)
@example("Các chỉ tiêu chủ yếu\n(1) Tỷ lệ đạt ੧੨%; ٣ xã.")  # digits of other scripts
@example("Các chỉ tiêu chủ yếu\n" + "\n" * 20_000 + "(1) Đạt 5% năm 2025.")
def test_extraction_offsets_point_at_their_text(text: str) -> None:
    run_extract(text)


@SLOW
@given(TARGETS["claims"].strategy)
@example("tăng ੧,੨ lần so với năm 2015 (131.314 tỷ đồng)")
@example("từ 3,86% năm 2015" + " " * 3000 + "xuống còn 0,22% năm 2020, bình quân giảm 0,73%/năm")
def test_claims_offsets_and_verdicts_are_consistent(text: str) -> None:
    run_claims(text)


@given(TARGETS["extract"].strategy)
@settings(max_examples=50)
def test_normalising_keeps_length_and_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert len(once) == len(normalise(once))
    assert normalise(once) == once


def test_the_real_report_still_reads_the_same() -> None:
    """Guards the linear-time rewrites (sections, year phrases) against changing results."""
    text = report_text()
    extraction = extract_targets(text)
    assert len(extraction.targets) == 20
    assert extraction.period == (2021, 2025)
    assert [s.heading for s in find_sections(text)] == [s.heading for s in extraction.sections]
    assert len(find_claims(text)) > 100


def _cost(text: str) -> float:
    begin = time.process_time()
    normal = normalise(text)
    extract_targets(normal)
    extract_targets(normal, 0, len(normal))
    find_claims(normal)
    return time.process_time() - begin


@pytest.mark.parametrize(
    "unit",
    [
        "\n",  # blank lines: "\s*" before "năm" and in headings made these quadratic
        "\t",  # spaces: "[ \t]*" on both sides of an optional numbering, quadratic
        "Các chỉ tiêu chủ yếu\n",  # thousands of headings: each searched 40 000 characters
        "0/0 xã (đạt 0%)",
        "năm 2020-2025",
        "1.1.1.1.",
        "(((",
        "tối thiểu ",
    ],
    ids=repr,
)
def test_hostile_runs_cost_linear_time(unit: str) -> None:
    # Four times the text may cost about four times the time, never sixteen: measured in
    # CPU time (the machine is shared), best of two, with room for noise.
    small = min(_cost(unit * 1_500) for _ in range(2))
    large = min(_cost(unit * 6_000) for _ in range(2))
    assert large < 8 * small + 0.05, (small, large)

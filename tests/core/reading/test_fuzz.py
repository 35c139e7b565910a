"""No crash and no catastrophic backtracking on random and adversarial text.

The time bound is generous (2 s per input on a noisy 2-core machine): it is there to
catch exponential regex backtracking or quadratic blow-ups, not to measure speed
(bench/bench_reading.py does that).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.core.reading import extract_targets, find_claims
from chitieu.core.reading.text import normalise

# The bound catches super-linear behaviour (a quadratic pass over these 100 KB inputs costs
# minutes); the slowest input takes about 0,6 s of CPU on an idle core, and up to three
# times that on a busy one, so the bound leaves room for the machine, not for a regression.
LIMIT_SECONDS = 5.0
PIECES = [
    "1", "2", "0", "9", ".", ",", "%", ";", ":", "(", ")", "/", "-", "–", "÷", " ", "\n",
    "\u00a0", "\ufffd", "năm ", "2025", "2021-2025", "gấp ", " lần", "chiếm ", "bằng ",
    "tăng ", "bình quân ", "so với ", "đạt ", "tỷ đồng", "triệu", "vạn", "nghìn tỷ",
    "Về kinh tế:", "(1) ", "1- ", "Các chỉ tiêu chủ yếu\n", "trên ", "dưới ", "từ ", "đến ",
    "không còn ", "hộ nghèo", "USD/người", "/năm", "trở lên", "gần ", "khoảng ", "hơn ",
    "9" * 25, "1.000.000.000.000.000.000", ",5", "lần", "(đạt ", "/10.000 dân",
]  # fmt: skip


def _run(text: str) -> None:
    # CPU time, not wall time: on a shared machine a wall clock counts other processes' work.
    started = time.process_time()
    normal = normalise(text)
    find_claims(normal)
    extract_targets(normal)
    extract_targets(normal, start=0, end=len(normal))
    elapsed = time.process_time() - started
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.2f} s on {text[:60]!r}…"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=400).map("".join))
def test_random_report_like_text(text: str) -> None:
    _run(text)


@settings(max_examples=100)
@given(st.text(max_size=2000))
def test_random_unicode(text: str) -> None:
    _run(text)


ADVERSARIAL = {
    "digits": "1" * 100_000,
    "dotted": "1." * 50_000,
    "grouped": "1.000" * 20_000,
    "decimal commas": "1,1," * 25_000,
    "percent": "%" * 100_000,
    "semicolons": ";" * 100_000,
    "percent and semicolons": "%;" * 50_000,
    "nested parentheses": "(" * 20_000 + "1%" + ")" * 20_000,
    "ratios": "Năm 2020 đạt 10 tỷ đồng, gấp 2 lần năm 2015 (5 tỷ đồng) " * 2_000,
    "items": "Các chỉ tiêu chủ yếu\n" + "(1) Tỷ lệ đạt 1%, 2%, 3%; " * 1_500,
    "units": "1 tỷ tỷ tỷ tỷ đồng/năm/năm/năm " * 5_000,
    "fractions": "1/2/3/4/5/" * 5_000,  # 50 KB, 25 000 fractions (time is linear)
    "long sentence": "tăng bình quân 1%/năm, " * 5_000,
    "huge stated numbers": "đạt 5 tỷ đồng, gấp " + "1" * 80 + " lần năm 2015 (2 tỷ đồng); "
    "chiếm " + "9" * 100 + "% (" + "8" * 90 + " tỷ đồng); bình quân " + "7," * 40 + "%/năm.",
    "huge units": "Các chỉ tiêu chủ yếu\n(1) Đạt 5 bác sĩ/" + "1" * 70 + " dân.\n",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial(name: str) -> None:
    _run(ADVERSARIAL[name])

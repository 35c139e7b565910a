"""Years and periods the text states, and the term a set of targets is for."""

from __future__ import annotations

from chitieu.core.reading.time_phrases import first_period, first_year, infer_term


def _term(text: str, start: int = 0) -> tuple[tuple[int, int], bool]:
    return infer_term(text, start, len(text))


def test_a_stated_period_sets_the_term() -> None:
    assert _term("Mục tiêu giai đoạn 2021-2025: đến năm 2025 đạt 5%.") == ((2021, 2025), True)


def test_a_party_term_sets_targets_from_the_year_after_it_starts() -> None:
    text = "Nhiệm kỳ 2020-2025. Đến năm 2025 đạt 5%."
    assert _term(text, start=text.index("Đến")) == ((2021, 2025), True)


def test_without_a_period_the_latest_year_ends_a_five_year_term() -> None:
    assert _term("Đến năm 2030 đạt 5%.") == ((2026, 2030), False)


def test_first_period_skips_one_written_backwards() -> None:
    text = "giai đoạn 2025-2021, giai đoạn 2016-2020"
    assert first_period(text, 0, len(text)) == (2016, 2020)
    assert first_year("vào năm 2022 và năm 2023", 0, 24) == 2022
    assert first_year("không có năm", 0, 12) is None

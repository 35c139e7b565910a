"""Normalisation keeps offsets; sentences survive line breaks inside them."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.reading.text import normalise, paren_depths, sentences


@given(st.text(max_size=300))
def test_normalise_keeps_the_length_of_the_nfc_text(text: str) -> None:
    assert len(normalise(text)) == len(unicodedata.normalize("NFC", text))


def test_messy_characters_become_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Hải Phòng")
    text = normalise(f"\ufffd {decomposed} đạt 95\u00a0%\r\n")
    assert text == "  Hải Phòng đạt 95 %\n\n"


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_a_line_break_inside_a_sentence_does_not_end_it() -> None:
    text = "Tỷ lệ hộ nghèo giảm từ 3,86% năm 2015\nxuống còn 0,22% năm 2020. Năm 2021 tăng."
    assert _sentences(text) == [
        "Tỷ lệ hộ nghèo giảm từ 3,86% năm 2015\nxuống còn 0,22% năm 2020.",
        "Năm 2021 tăng.",
    ]


def test_thousands_dots_and_headings() -> None:
    text = "Đạt 131.314 tỷ đồng. (2) Tiếp theo\n\nII- MỤC TIÊU\nCâu mới"
    assert _sentences(text) == ["Đạt 131.314 tỷ đồng.", "(2) Tiếp theo", "II- MỤC TIÊU", "Câu mới"]


def test_paren_depths_never_negative() -> None:
    assert paren_depths("a(b(c))d)", 0, 9) == [0, 1, 1, 2, 2, 2, 1, 0, 0]

"""Units as written after figures: tidying, scale words, and which units compare."""

from __future__ import annotations

from chitieu.core.reading.unit_words import clean_unit, comparable, strip_scale_words, unit_of


def test_units_the_table_knows_compare_by_dimension_and_per_year_reading() -> None:
    assert comparable("tỷ đồng", "nghìn tỷ đồng")
    assert not comparable("%", "%/năm")
    assert not comparable("tấn", "ha")


def test_units_the_table_does_not_know_compare_by_their_noun() -> None:
    assert unit_of("thôn") is None
    assert comparable("thôn", "nghìn thôn")
    assert not comparable("thôn", "làng")


def test_a_unit_as_written_is_tidied_and_its_scale_words_stripped() -> None:
    assert clean_unit("tỷ  đồng / người") == "tỷ đồng/người"
    assert clean_unit("12 %") == "12%"
    assert strip_scale_words("nghìn tỷ đồng") == "đồng"
    assert strip_scale_words("tỷ lệ") == "lệ"  # only ever applied to a unit

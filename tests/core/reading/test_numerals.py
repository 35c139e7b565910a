"""Numbers as vi-VN text writes them, and the decimals they are written with."""

from __future__ import annotations

import re

from chitieu.core.reading.numerals import NUMBER, decimals


def test_only_vi_vn_numbers_are_numbers() -> None:
    assert re.findall(NUMBER, "1.500 và 12.38 và 14,3 và 1.1.1") == ["1.500", "14,3"]


def test_decimals_as_written() -> None:
    assert decimals("14,30") == 2
    assert decimals("1.500") == 0
    assert decimals("7") == 0

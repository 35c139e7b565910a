"""The bound of a clause from the words around its figure."""

from __future__ import annotations

import pytest

from chitieu.core.model import BoundKind

from .helpers import clauses_of


@pytest.mark.parametrize(
    ("line", "bound", "low", "high"),
    [
        ("(1) Tỷ lệ A tối thiểu 16%.", BoundKind.AT_LEAST, "16", None),
        ("(1) Tỷ lệ A dưới 4%.", BoundKind.BELOW, None, "4"),
        ("(1) Tỷ lệ A tối đa 4%.", BoundKind.AT_MOST, None, "4"),
        ("(1) Tỷ lệ A xấp xỉ 4%.", BoundKind.ABOUT, "4", "4"),
        ("(1) Tỷ lệ A đạt 87 – 88 %.", BoundKind.RANGE, "87", "88"),
        ("(1) Tỷ lệ A đạt 47% - 49 %.", BoundKind.RANGE, "47", "49"),
        ("(1) Tỷ lệ A đạt 4%.", BoundKind.POINT, "4", "4"),
    ],
)
def test_bound_words(line: str, bound: BoundKind, low: str | None, high: str | None) -> None:
    clause = clauses_of("Các chỉ tiêu chủ yếu\n" + line + "\n")["1a"]
    assert (clause.bound, clause.low, clause.high) == (bound, low, high)

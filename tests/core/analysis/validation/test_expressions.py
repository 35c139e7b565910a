"""The rule language: precedence, missing figures, division by zero, bad input."""

from __future__ import annotations

import pytest

from chitieu.core.analysis.validation.expressions import (
    ExpressionError,
    evaluate,
    parse_expression,
    references,
)


def test_expressions_follow_precedence() -> None:
    e = parse_expression("#{a} + #{b} * 2 - (1 + 1) / 2")
    assert references(e) == {"a", "b"}
    assert evaluate(e, {"a": 1.0, "b": 3.0}) == pytest.approx(6.0)
    assert evaluate(parse_expression("-#{a} + 100"), {"a": 40.0}) == 60.0
    assert evaluate(parse_expression("#{a} / #{b}"), {"a": 1.0, "b": 0.0}) is None
    assert evaluate(e, {"a": 1.0}) is None


@pytest.mark.parametrize("text", ["#{a} +", "(#{a}", "#{A}", "1,5", "", "#{a} #{b}"])
def test_bad_expressions_say_where(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text)

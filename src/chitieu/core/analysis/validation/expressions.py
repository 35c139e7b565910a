"""The rule language: ``#{a} + #{b} * 100``, read into a tree and evaluated on figures."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["Expr", "ExpressionError", "evaluate", "parse_expression", "references"]


class ExpressionError(ValueError):
    """An expression that cannot be read; the message says where."""


_TOKEN = re.compile(r"\s*(?:(#\{[a-z0-9-]+\})|(\d+(?:\.\d+)?)|([-+*/()]))")

Expr = tuple[object, ...]  # ("num", x) | ("ref", code) | ("neg", e) | (op, a, b)


def parse_expression(text: str) -> Expr:
    """Read ``#{a} + #{b} * 100``; numbers in machine format (``.`` decimal mark)."""
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ExpressionError(f"{text!r}: cannot read from position {pos + 1}: {text[pos:]!r}")
        tokens.append(m.group(1) or m.group(2) or m.group(3))
        pos = m.end()
    if not tokens:
        raise ExpressionError(f"{text!r}: empty expression")
    expr, rest = _sum(tokens, text)
    if rest:
        raise ExpressionError(f"{text!r}: unexpected {rest[0]!r}")
    return expr


def _sum(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    left, tokens = _product(tokens, text)
    while tokens and tokens[0] in "+-":
        op = tokens[0]
        right, tokens = _product(tokens[1:], text)
        left = (op, left, right)
    return left, tokens


def _product(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    left, tokens = _atom(tokens, text)
    while tokens and tokens[0] in "*/":
        op = tokens[0]
        right, tokens = _atom(tokens[1:], text)
        left = (op, left, right)
    return left, tokens


def _atom(tokens: list[str], text: str) -> tuple[Expr, list[str]]:
    if not tokens:
        raise ExpressionError(f"{text!r}: ends too early")
    tok = tokens[0]
    if tok == "(":
        inner, rest = _sum(tokens[1:], text)
        if not rest or rest[0] != ")":
            raise ExpressionError(f"{text!r}: missing ')'")
        return inner, rest[1:]
    if tok == "-":
        inner, rest = _atom(tokens[1:], text)
        return ("neg", inner), rest
    if tok.startswith("#{"):
        return ("ref", tok[2:-1]), tokens[1:]
    if tok[0].isdigit():
        return ("num", float(tok)), tokens[1:]
    raise ExpressionError(f"{text!r}: unexpected {tok!r}")


def references(expr: Expr) -> set[str]:
    """The indicator codes an expression reads."""
    if expr[0] == "ref":
        return {str(expr[1])}
    if expr[0] == "num":
        return set()
    return set().union(*(references(e) for e in expr[1:] if isinstance(e, tuple)))


def evaluate(expr: Expr, values: Mapping[str, float | None]) -> float | None:
    """The value, or None when a referenced figure is missing or a division is by 0."""
    head = expr[0]
    if head == "num":
        return float(expr[1])  # type: ignore[arg-type]
    if head == "ref":
        return values.get(str(expr[1]))
    if head == "neg":
        inner = evaluate(expr[1], values)  # type: ignore[arg-type]
        return None if inner is None else -inner
    a = evaluate(expr[1], values)  # type: ignore[arg-type]
    b = evaluate(expr[2], values)  # type: ignore[arg-type]
    if a is None or b is None:
        return None
    if head == "+":
        return a + b
    if head == "-":
        return a - b
    if head == "*":
        return a * b
    return None if b == 0 else a / b

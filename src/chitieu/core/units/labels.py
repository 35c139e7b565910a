"""Units for readers: Vietnamese as written, English composed from the parsed parts."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from chitieu.core.numbers import format_number
from chitieu.core.units.grammar import Part, Unit, UnknownUnitError, parse_parts

__all__ = ["unit_label"]


_EN_SCALES: Final[Mapping[Decimal, str]] = MappingProxyType(
    {
        Decimal(10) ** 3: "thousand",
        Decimal(10) ** 6: "million",
        Decimal(10) ** 9: "billion",
        Decimal(10) ** 12: "trillion",
        Decimal(10) ** 15: "quadrillion",
    }
)


def _scale_en(scale: Decimal, numerator: bool) -> str:
    """Scale words in the numerator ("5.58 ten thousand …"), figures in a denominator
    ("doctors/10,000 people"), as English writes them."""
    if scale == 1:
        return ""
    if scale in _EN_SCALES:
        return _EN_SCALES[scale]
    if numerator and scale == Decimal(10) ** 4:
        return "ten thousand"
    figure = format_number(scale, lang="en")
    return f"× {figure}" if numerator else figure


def _label_en(parts: tuple[Part, ...]) -> str:
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if part.per_year:
            pieces.append("year")
            continue
        scale = _scale_en(part.scale, numerator=index == 0)
        if part.noun is None:  # a bare scale: only ever the numerator ("triệu")
            pieces.append(scale)
            continue
        singular, plural = part.noun.en
        noun = singular if index > 0 and not scale else plural
        pieces.append(f"{scale} {noun}" if scale else noun)
    return "/".join(pieces)


def unit_label(unit: Unit | str, lang: str = "vi") -> str:
    """The unit as a reader of ``lang`` expects it ("tỷ đồng" → "billion VND").

    Vietnamese keeps the text as written. English is composed from the parsed parts, so
    every unit the grammar reads has a label; a unit built by hand without parseable text
    falls back to its Vietnamese text.
    """
    if lang == "vi":
        return unit if isinstance(unit, str) else unit.text
    if lang != "en":
        raise ValueError(f"unsupported language {lang!r}; expected 'vi' or 'en'")
    text = unit if isinstance(unit, str) else unit.text
    try:
        _, parts = parse_parts(text)
    except UnknownUnitError:
        return text
    return _label_en(parts)

"""The unit grammar: a unit as written ("nghìn tỷ đồng", "bác sĩ/vạn dân") to a :class:`Unit`.

Units are read with a small generative grammar rather than a flat list, because the
documents combine a handful of parts freely::

    unit        := "" | numerator ("/" denominator)*
    numerator   := [number] scale-word* [noun]        e.g. "nghìn tỷ đồng", "%", "triệu"
    denominator := [number] scale-word* noun          e.g. "vạn dân", "10.000 dân", "năm"

``noun`` comes from the table :data:`~chitieu.core.units.catalogue.BASE_UNITS`; a plain
"/năm" is a reading marker (:attr:`Unit.per_year`), not a dimension, because "16 %/năm"
and a yearly "16 %" are the same kind of figure and the evaluator decides what "per
year" means for a clause.

The dimension algebra is a small vector of integer exponents over named base dimensions
(currencies, people, tonnes, …).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import Final, NamedTuple, TypeAlias

from chitieu.core.numbers import ARITHMETIC_PRECISION, SCALE_WORDS, NumberFormatError, parse_number
from chitieu.core.units.catalogue import BASE_UNITS, CURRENCY_PREFIX, BaseUnit

__all__ = [
    "DIMENSIONLESS",
    "MAX_UNIT_LENGTH",
    "Dimension",
    "Part",
    "Unit",
    "UnknownUnitError",
    "as_unit",
    "compatible",
    "lookup_key",
    "normalise_text",
    "parse_parts",
    "parse_unit",
    "tidy",
]

#: A dimension: sorted (base dimension, exponent) pairs with no zero exponent.
#: ``(("count:bác sĩ", 1), ("count:người", -1))`` is "doctors per person".
Dimension: TypeAlias = tuple[tuple[str, int], ...]

MAX_UNIT_LENGTH: Final = 200

_PER_YEAR_NOUN: Final = "năm"

_SINGLE_SCALE_WORDS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {word: value for word, value in SCALE_WORDS.items() if " " not in word}
)
_MAX_SCALE_WORDS: Final = 3

_SPACE_AROUND_SLASH: Final = re.compile(r"\s*/\s*")


class UnknownUnitError(ValueError):
    """A unit text the grammar cannot read; the message quotes it for the reviewer."""

    def __init__(self, text: str, word: str | None = None, reason: str | None = None) -> None:
        self.text = text
        self.word = word
        if reason is not None:
            message = f"Không đọc được đơn vị {text!r} ({reason})"
        elif word is not None and word != text:
            message = (
                f"Không nhận ra đơn vị {word!r} trong {text!r} (unknown unit {word!r} in {text!r})"
            )
        else:
            message = f"Không nhận ra đơn vị {text!r} (unknown unit {text!r})"
        super().__init__(message)


@dataclass(frozen=True)
class Unit:
    """A parsed unit. Equality ignores :attr:`text`: "tỉ đồng" equals "tỷ đồng", and
    "bác sĩ/vạn dân" equals "bác sĩ/10.000 dân", because they behave identically."""

    text: str = field(compare=False)
    scale: Decimal
    dimension: Dimension
    per_year: bool
    base_text: str

    def __str__(self) -> str:
        return self.text

    @property
    def currency(self) -> str | None:
        """The currency code when the unit is money (or money per something)."""
        codes = [name for name, _ in self.dimension if name.startswith(CURRENCY_PREFIX)]
        return codes[0].removeprefix(CURRENCY_PREFIX) if len(codes) == 1 else None


#: The unit of a bare number ("12 / 20 chỉ tiêu" counts, scale-free ratios).
DIMENSIONLESS: Final = Unit(text="", scale=Decimal(1), dimension=(), per_year=False, base_text="")


class Part(NamedTuple):
    """A parsed numerator or denominator, kept for English labels."""

    scale: Decimal  # number × scale words
    noun: BaseUnit | None
    per_year: bool


def normalise_text(text: str) -> str:
    """NFC, single spaces, none around "/": the form every unit text is read in."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _SPACE_AROUND_SLASH.sub("/", text)


def lookup_key(words: str) -> str:
    """The key a noun or scale word is looked up by (casefolded, NFC)."""
    return unicodedata.normalize("NFC", words.casefold())


def _parse_part(full: str, part: str, denominator: bool) -> Part:
    words = part.replace("%", " % ").split()
    if not words:
        raise UnknownUnitError(
            full, reason="thiếu một phần của đơn vị (a part of the unit is missing)"
        )
    scale = Decimal(1)
    i = 0
    if words[0][0].isdigit():
        try:
            scale = parse_number(words[0])
        except NumberFormatError as exc:
            raise UnknownUnitError(full, words[0]) from exc
        if scale <= 0:
            raise UnknownUnitError(full, words[0])
        i = 1
    start = i
    while i < len(words) and lookup_key(words[i]) in _SINGLE_SCALE_WORDS:
        scale *= _SINGLE_SCALE_WORDS[lookup_key(words[i])]
        i += 1
    if i - start > _MAX_SCALE_WORDS:
        raise UnknownUnitError(full, " ".join(words[start:i]))
    noun_text = " ".join(words[i:])
    if not noun_text:
        if denominator:
            raise UnknownUnitError(full, reason="thiếu đơn vị sau '/' (missing unit after '/')")
        return Part(scale, None, per_year=False)
    key = lookup_key(noun_text)
    if denominator and key == _PER_YEAR_NOUN:
        if scale != 1:
            raise UnknownUnitError(
                full, reason="chỉ hỗ trợ '/năm' (only a plain '/năm' is supported)"
            )
        return Part(scale, None, per_year=True)
    noun = BASE_UNITS.get(key)
    if noun is None:
        raise UnknownUnitError(full, noun_text)
    return Part(scale, noun, per_year=False)


@functools.lru_cache(maxsize=2048)
def parse_parts(text: str) -> tuple[Unit, tuple[Part, ...]]:
    """The unit and its parsed parts (kept for English labels), cached: figures repeat
    a handful of units thousands of times."""
    if len(text) > MAX_UNIT_LENGTH:
        raise UnknownUnitError(text[:MAX_UNIT_LENGTH] + "…", reason="quá dài (too long)")
    normal = normalise_text(text)
    if not normal:
        return DIMENSIONLESS, ()
    pieces = normal.split("/")
    parts = tuple(
        _parse_part(normal, piece, denominator=index > 0) for index, piece in enumerate(pieces)
    )
    exponents: Counter[str] = Counter()
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION
        scale = Decimal(1)
        base_texts: list[str] = []
        for index, part in enumerate(parts):
            sign = 1 if index == 0 else -1
            factor = part.scale
            if part.noun is not None:
                exponents[part.noun.dimension] += sign
                factor *= part.noun.scale
                base_texts.append(part.noun.base_text)
            elif index == 0:
                base_texts.append("")
            scale = scale * factor if sign > 0 else scale / factor
        scale = tidy(scale)
    dimension = tuple(sorted((name, exp) for name, exp in exponents.items() if exp != 0))
    unit = Unit(
        text=normal,
        scale=scale,
        dimension=dimension,
        per_year=any(part.per_year for part in parts),
        base_text=base_texts[0] + "".join("/" + t for t in base_texts[1:]),
    )
    return unit, parts


def parse_unit(text: str) -> Unit:
    """Read a unit as written ("nghìn tỷ đồng", "%/năm", "bác sĩ/vạn dân").

    The empty text is the unit of a bare number; anything the grammar cannot place raises
    :class:`UnknownUnitError` rather than being taken for a new unit.
    """
    return parse_parts(text)[0]


def as_unit(unit: Unit | str) -> Unit:
    """Callers may pass a unit or its text; the text is parsed (and cached)."""
    return unit if isinstance(unit, Unit) else parse_unit(unit)


def compatible(a: Unit | str, b: Unit | str) -> bool:
    """Whether the two units convert into each other without any outside data."""
    return as_unit(a).dimension == as_unit(b).dimension


def tidy(value: Decimal) -> Decimal:
    """Drop exponent noise (``5.785E+5``) so results print as people write them."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return value

"""Numbers as Vietnamese documents write them, and as machines exchange them.

Resolutions write ``131.314`` for one hundred thirty-one thousand and ``14,94`` for
fourteen point nine four (vi-VN: "." groups thousands, "," is the decimal mark), while CSV
files use the machine convention. Mixing the two silently turns 12,38 % growth into 1238 %,
so every entry point here is strict: a string that could be read two ways is rejected
rather than guessed. Values are :class:`~decimal.Decimal` so that a target comparison is
never decided by binary floating-point error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from types import MappingProxyType
from typing import Final

from babel.numbers import format_decimal

__all__ = [
    "SCALE_WORDS",
    "NumberFormatError",
    "format_number",
    "parse_machine_number",
    "parse_number",
]

#: Longest number text accepted. A real figure is at most ~30 characters; the bound keeps
#: parsing O(1) on hostile input (a 10 MB cell in a spreadsheet, say).
MAX_NUMBER_LENGTH: Final = 64

#: Decimal precision for internal arithmetic: wide enough that the largest figures we meet
#: (10^15 đồng with 6 decimals) and any scale conversion stay exact.
ARITHMETIC_PRECISION: Final = 80

#: Words that multiply the number before them. Compounds are listed explicitly because
#: reports write "nghìn tỷ" as one unit of account; "tỉ" is the older spelling of "tỷ" and
#: "ngàn" the southern form of "nghìn".
SCALE_WORDS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {
        "nghìn": Decimal(10) ** 3,
        "ngàn": Decimal(10) ** 3,
        "vạn": Decimal(10) ** 4,
        "triệu": Decimal(10) ** 6,
        "tỷ": Decimal(10) ** 9,
        "tỉ": Decimal(10) ** 9,
        "nghìn tỷ": Decimal(10) ** 12,
        "ngàn tỷ": Decimal(10) ** 12,
        "nghìn tỉ": Decimal(10) ** 12,
        "ngàn tỉ": Decimal(10) ** 12,
        "triệu tỷ": Decimal(10) ** 15,
        "triệu tỉ": Decimal(10) ** 15,
    }
)

_MINUS_SIGNS: Final = frozenset({"-", "\u2212"})  # hyphen-minus, minus sign
# Characters that Python's str.strip() does not treat as space but that word processors
# leave around figures (zero-width space, BOM, word joiner).
_INVISIBLE: Final = "\u200b\ufeff\u2060"

# Separators per language: (thousands group, decimal mark). Only the languages we render.
_SEPARATORS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {"vi": (".", ","), "en": (",", ".")}
)
_BABEL_LOCALES: Final[Mapping[str, str]] = MappingProxyType({"vi": "vi_VN", "en": "en_US"})


def _number_pattern(group: str, mark: str) -> re.Pattern[str]:
    g, m = re.escape(group), re.escape(mark)
    # Either properly grouped (first group 1-3 digits without a leading zero, then groups
    # of exactly three) or ungrouped; an optional fraction after the decimal mark. Both
    # alternatives are linear: no nested quantifier can backtrack exponentially.
    return re.compile(
        rf"(?:[1-9][0-9]{{0,2}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{m}[0-9]+)?",
        flags=re.ASCII,
    )


_PATTERNS: Final[Mapping[str, re.Pattern[str]]] = MappingProxyType(
    {lang: _number_pattern(*seps) for lang, seps in _SEPARATORS.items()}
)
_MACHINE_PATTERN: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?", flags=re.ASCII)


class NumberFormatError(ValueError):
    """A text that is not a number in the expected convention.

    A subclass of :class:`ValueError` so callers that validate generically still catch it;
    the message quotes the text so a reviewer can find it in the source document.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        shown = text if len(text) <= MAX_NUMBER_LENGTH else text[:MAX_NUMBER_LENGTH] + "…"
        super().__init__(f"Không đọc được số {shown!r} (cannot read number): {reason}")


def _split_sign(original: str, text: str) -> tuple[bool, str]:
    """Normalise and strip, and take off a leading sign; report whether it was negative."""
    if len(text) > MAX_NUMBER_LENGTH * 4:
        # Checked before normalising so that hostile input costs nothing to reject.
        raise NumberFormatError(original, f"quá dài (too long, > {MAX_NUMBER_LENGTH} characters)")
    core = unicodedata.normalize("NFC", text).strip().strip(_INVISIBLE).strip()
    if not core:
        raise NumberFormatError(original, "chuỗi rỗng (empty)")
    if len(core) > MAX_NUMBER_LENGTH:
        raise NumberFormatError(original, f"quá dài (too long, > {MAX_NUMBER_LENGTH} characters)")
    negative = False
    if core[0] in _MINUS_SIGNS:
        negative, core = True, core[1:]
    elif core[0] == "+":
        core = core[1:]
    return negative, core


def _to_decimal(original: str, digits: str, negative: bool) -> Decimal:
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise NumberFormatError(original, "không phải số (not a number)") from exc
    return -value if negative else value


def parse_number(text: str, lang: str = "vi") -> Decimal:
    """Read a number written for people, in the convention of ``lang``.

    In Vietnamese text "1.5" or "12.38" cannot be told apart from an English decimal, so a
    group separator must be followed by groups of exactly three digits; anything else is
    an error rather than a guess.
    """
    if lang not in _SEPARATORS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(_SEPARATORS)}")
    negative, core = _split_sign(text, text)
    if _PATTERNS[lang].fullmatch(core) is None:
        group, mark = _SEPARATORS[lang]
        raise NumberFormatError(
            text,
            f"không đúng định dạng (expected digits, {group!r} between groups of three, "
            f"{mark!r} before decimals)",
        )
    group, mark = _SEPARATORS[lang]
    return _to_decimal(text, core.replace(group, "").replace(mark, "."), negative)


def parse_machine_number(text: str) -> Decimal:
    """Read a number from CSV or JSON: "." is the decimal mark and there is no grouping.

    Kept apart from :func:`parse_number` because in machine files "12.380" means twelve
    point three eight, which a vi-VN reader would take for twelve thousand.
    """
    negative, core = _split_sign(text, text)
    if _MACHINE_PATTERN.fullmatch(core) is None:
        raise NumberFormatError(
            text, "không đúng định dạng máy (expected digits with '.' as decimal mark)"
        )
    return _to_decimal(text, core, negative)


def _decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only reach here
    return max(0, -exponent)


def format_number(
    value: Decimal | int | float, decimals: int | None = None, lang: str = "vi"
) -> str:
    """Write a number for people, following the locale rules CLDR publishes via babel.

    ``decimals=None`` shows exactly the significant decimals of a Decimal (so that what was
    recorded is what is shown) and at most two for a float (whose binary value has no
    meaningful decimals of its own). Rounding is half-up, as Vietnamese statistical
    reports round.
    """
    if lang not in _BABEL_LOCALES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(_BABEL_LOCALES)}")
    if isinstance(value, bool):
        raise TypeError("format_number() does not accept bool")
    if decimals is not None and decimals < 0:
        raise ValueError("decimals must be >= 0")
    with localcontext() as ctx:
        ctx.prec = ARITHMETIC_PRECISION + max(0, decimals or 0)
        ctx.rounding = ROUND_HALF_UP
        if isinstance(value, float):
            number = Decimal(repr(value))
            if not number.is_finite():
                raise ValueError(f"cannot format non-finite number {value!r}")
            if decimals is None:
                number = number.quantize(Decimal(1).scaleb(-2)).normalize()
        else:
            number = Decimal(value)
            if not number.is_finite():
                raise ValueError(f"cannot format non-finite number {value!r}")
        places = _decimals_of(number) if decimals is None else decimals
        ctx.prec = max(ctx.prec, number.adjusted() + places + 2)
        number = number.quantize(Decimal(1).scaleb(-places))
        if number.is_zero():
            number = abs(number)  # no "-0"
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(number, format=pattern, locale=_BABEL_LOCALES[lang])

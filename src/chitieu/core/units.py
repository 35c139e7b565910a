"""Units as Vietnamese resolutions write them, and quantities that carry them.

A target says "1.500 nghìn tỷ đồng" and the statistics office reports "440.000 tỷ đồng";
one says "16 bác sĩ/vạn dân", another "bác sĩ/10.000 dân". Comparing such figures must
just work, and comparing figures that cannot be compared (USD with đồng, without an
exchange rate; tonnes with hectares) must fail loudly instead of producing a verdict.

Units are read with a small generative grammar rather than a flat list, because the
documents combine a handful of parts freely::

    unit        := "" | numerator ("/" denominator)*
    numerator   := [number] scale-word* [noun]        e.g. "nghìn tỷ đồng", "%", "triệu"
    denominator := [number] scale-word* noun          e.g. "vạn dân", "10.000 dân", "năm"

``noun`` comes from the table :data:`BASE_UNITS`; a plain "/năm" is a reading marker
(:attr:`Unit.per_year`), not a dimension, because "16 %/năm" and a yearly "16 %" are the
same kind of figure and the evaluator decides what "per year" means for a clause.

The dimension algebra is a small vector of integer exponents over named base dimensions
(currencies, people, tonnes, …). Every count noun is its own base dimension, so
"doanh nghiệp" never silently compares with "dự án".
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

from chitieu.core.numbers import (
    ARITHMETIC_PRECISION,
    SCALE_WORDS,
    NumberFormatError,
    format_number,
    parse_machine_number,
    parse_number,
)

__all__ = [
    "BASE_UNITS",
    "DIMENSIONLESS",
    "Dimension",
    "ExchangeRates",
    "IncompatibleUnitsError",
    "Quantity",
    "Unit",
    "UnknownUnitError",
    "compatible",
    "format_quantity",
    "parse_quantity",
    "parse_unit",
    "unit_label",
]

#: A dimension: sorted (base dimension, exponent) pairs with no zero exponent.
#: ``(("count:bác sĩ", 1), ("count:người", -1))`` is "doctors per person".
Dimension: TypeAlias = tuple[tuple[str, int], ...]

MAX_UNIT_LENGTH: Final = 200
_CURRENCY_PREFIX: Final = "currency:"
_PER_YEAR_NOUN: Final = "năm"


class BaseUnit(NamedTuple):
    """One row of the noun table: how a written noun maps onto a base dimension."""

    dimension: str
    scale: Decimal  # multiplier to the dimension's base unit
    base_text: str  # the dimension's base unit as written in Vietnamese
    en: tuple[str, str]  # English (singular, plural)


def _row(
    dimension: str, scale: Decimal | int, base: str, en: tuple[str, str], *aliases: str
) -> dict[str, BaseUnit]:
    unit = BaseUnit(dimension, Decimal(scale), base, en)
    return dict.fromkeys(aliases, unit)


def _count(canonical: str, en: tuple[str, str], *aliases: str) -> dict[str, BaseUnit]:
    return _row(f"count:{canonical}", 1, canonical, en, canonical, *aliases)


_THOUSANDTH: Final = Decimal("0.001")

#: Nouns (casefolded, NFC) → base unit. Synonyms share a row so they compare equal. Each
#: count noun is its own dimension: extending the table is a reviewed code change, never a
#: guess at parse time.
BASE_UNITS: Final[Mapping[str, BaseUnit]] = MappingProxyType(
    {
        # currencies: convertible only through ExchangeRates
        **_row("currency:VND", 1, "đồng", ("VND", "VND"), "đồng", "vnd", "vnđ", "đ"),
        **_row("currency:USD", 1, "USD", ("USD", "USD"), "usd", "đô la mỹ", "đô la", "đôla"),
        # ratios
        **_row("percent", 1, "%", ("%", "%"), "%", "phần trăm"),
        **_row("percent", 100, "%", ("time", "times"), "lần"),
        **_row(
            "percentage_point",
            1,
            "điểm %",
            ("percentage point", "percentage points"),
            "điểm %",
            "điểm phần trăm",
        ),
        **_row("score", 1, "điểm", ("point", "points"), "điểm"),
        # physical
        **_row("mass", 1, "tấn", ("tonne", "tonnes"), "tấn"),
        **_row("mass", _THOUSANDTH, "tấn", ("kg", "kg"), "kg"),
        **_row("area", 1, "m²", ("m²", "m²"), "m²", "m2"),
        **_row("area", 10**4, "m²", ("ha", "ha"), "ha", "héc-ta", "hecta"),
        **_row("area", 10**6, "m²", ("km²", "km²"), "km²", "km2"),
        **_row("length", 1, "m", ("m", "m"), "m"),
        **_row("length", 1000, "m", ("km", "km"), "km"),
        **_row("time", 1, "tháng", ("month", "months"), "tháng"),
        # dates, ages and positions
        **_row("calendar_year", 1, "năm", ("year", "years"), "năm"),
        **_row("age", 1, "tuổi", ("year of age", "years of age"), "tuổi"),
        **_row("rank", 1, "hạng", ("place", "places"), "hạng", "bậc"),
        # counts
        **_count("người", ("person", "people"), "dân", "người dân", "nhân khẩu"),
        **_count("lao động", ("worker", "workers"), "người lao động"),
        **_count("lượt", ("visit", "visits")),
        **_count(
            "lượt khách",
            ("visitor", "visitors"),
            "lượt khách du lịch",
            "lượt du khách",
        ),
        **_count("lượt lao động", ("job placement", "job placements")),
        **_count("đảng viên", ("Party member", "Party members")),
        **_count("tổ chức", ("organisation", "organisations")),
        **_count(
            "tổ chức đảng",
            ("Party organisation", "Party organisations"),
            "tổ chức cơ sở đảng",
            "tổ chức đảng cơ sở",
        ),
        **_count("xã", ("commune", "communes")),
        **_count("huyện", ("district", "districts")),
        **_count("hộ", ("household", "households"), "hộ gia đình"),
        **_count("bến", ("berth", "berths")),
        **_count("khu", ("zone", "zones")),
        **_count("khu công nghiệp", ("industrial park", "industrial parks")),
        **_count("cụm", ("cluster", "clusters")),
        **_count("cụm công nghiệp", ("industrial cluster", "industrial clusters")),
        **_count("doanh nghiệp", ("enterprise", "enterprises")),
        **_count("dự án", ("project", "projects")),
        **_count("thị trường", ("market", "markets")),
        **_count("bác sĩ", ("doctor", "doctors")),
        **_count("giường bệnh", ("hospital bed", "hospital beds"), "giường"),
        **_count("trường", ("school", "schools"), "trường học"),
    }
)

_SINGLE_SCALE_WORDS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {word: value for word, value in SCALE_WORDS.items() if " " not in word}
)
_MAX_SCALE_WORDS: Final = 3
_EN_SCALES: Final[Mapping[Decimal, str]] = MappingProxyType(
    {
        Decimal(10) ** 3: "thousand",
        Decimal(10) ** 6: "million",
        Decimal(10) ** 9: "billion",
        Decimal(10) ** 12: "trillion",
        Decimal(10) ** 15: "quadrillion",
    }
)
_SPACE_AROUND_SLASH: Final = re.compile(r"\s*/\s*")
_LEADING_NUMBER: Final = re.compile(r"[+\-\u2212]?[0-9][0-9.,]*")


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


class IncompatibleUnitsError(ValueError):
    """Two units that cannot be converted into each other (with the rates at hand)."""

    def __init__(self, source: Unit, target: Unit, message: str) -> None:
        self.source = source
        self.target = target
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
        codes = [name for name, _ in self.dimension if name.startswith(_CURRENCY_PREFIX)]
        return codes[0].removeprefix(_CURRENCY_PREFIX) if len(codes) == 1 else None


#: The unit of a bare number ("12 / 20 chỉ tiêu" counts, scale-free ratios).
DIMENSIONLESS: Final = Unit(text="", scale=Decimal(1), dimension=(), per_year=False, base_text="")


class _Part(NamedTuple):
    """A parsed numerator or denominator, kept for English labels."""

    scale: Decimal  # number × scale words
    noun: BaseUnit | None
    per_year: bool


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _SPACE_AROUND_SLASH.sub("/", text)


def _key(words: str) -> str:
    return unicodedata.normalize("NFC", words.casefold())


def _parse_part(full: str, part: str, denominator: bool) -> _Part:
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
    while i < len(words) and _key(words[i]) in _SINGLE_SCALE_WORDS:
        scale *= _SINGLE_SCALE_WORDS[_key(words[i])]
        i += 1
    if i - start > _MAX_SCALE_WORDS:
        raise UnknownUnitError(full, " ".join(words[start:i]))
    noun_text = " ".join(words[i:])
    if not noun_text:
        if denominator:
            raise UnknownUnitError(full, reason="thiếu đơn vị sau '/' (missing unit after '/')")
        return _Part(scale, None, per_year=False)
    key = _key(noun_text)
    if denominator and key == _PER_YEAR_NOUN:
        if scale != 1:
            raise UnknownUnitError(
                full, reason="chỉ hỗ trợ '/năm' (only a plain '/năm' is supported)"
            )
        return _Part(scale, None, per_year=True)
    noun = BASE_UNITS.get(key)
    if noun is None:
        raise UnknownUnitError(full, noun_text)
    return _Part(scale, noun, per_year=False)


@functools.lru_cache(maxsize=2048)
def _parse(text: str) -> tuple[Unit, tuple[_Part, ...]]:
    if len(text) > MAX_UNIT_LENGTH:
        raise UnknownUnitError(text[:MAX_UNIT_LENGTH] + "…", reason="quá dài (too long)")
    normal = _normalise(text)
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
        scale = _tidy(scale)
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
    return _parse(text)[0]


def _as_unit(unit: Unit | str) -> Unit:
    return unit if isinstance(unit, Unit) else parse_unit(unit)


def compatible(a: Unit | str, b: Unit | str) -> bool:
    """Whether the two units convert into each other without any outside data."""
    return _as_unit(a).dimension == _as_unit(b).dimension


def _tidy(value: Decimal) -> Decimal:
    """Drop exponent noise (``5.785E+5``) so results print as people write them."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return value


_CURRENCY_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        alias: row.dimension.removeprefix(_CURRENCY_PREFIX)
        for alias, row in BASE_UNITS.items()
        if row.dimension.startswith(_CURRENCY_PREFIX)
    }
)


def _currency_code(name: str) -> str:
    code = _CURRENCY_CODES.get(_key(_normalise(name)))
    if code is None:
        raise UnknownUnitError(name, reason="không phải tiền tệ (not a currency)")
    return code


RateKey: TypeAlias = tuple[str, str, int | None]


@dataclass(frozen=True)
class ExchangeRates:
    """Rates between currencies, optionally per year.

    Currency conversions are data, not constants: the rate of the year of a figure differs
    from today's, and an evaluation must say which rate it used. Currencies are named as
    units are ("USD", "đồng", "VND").
    """

    entries: tuple[tuple[str, str, int | None, Decimal], ...] = ()

    def __post_init__(self) -> None:
        canonical = []
        for from_cur, to_cur, year, rate in self.entries:
            value = Decimal(rate)
            if not value.is_finite() or value <= 0:
                raise ValueError(f"exchange rate must be positive, got {rate!r}")
            canonical.append((_currency_code(from_cur), _currency_code(to_cur), year, value))
        object.__setattr__(self, "entries", tuple(canonical))

    @classmethod
    def of(
        cls, rates: Mapping[tuple[str, str], Decimal | int | str], year: int | None = None
    ) -> ExchangeRates:
        """Build from ``{("USD", "đồng"): Decimal("23000")}``; strings are machine format."""
        return cls(
            tuple(
                (a, b, year, parse_machine_number(r) if isinstance(r, str) else Decimal(r))
                for (a, b), r in rates.items()
            )
        )

    def with_rate(
        self, from_cur: str, to_cur: str, rate: Decimal | int | str, year: int | None = None
    ) -> ExchangeRates:
        value = parse_machine_number(rate) if isinstance(rate, str) else Decimal(rate)
        return ExchangeRates((*self.entries, (from_cur, to_cur, year, value)))

    def _lookup(self) -> dict[RateKey, Decimal]:
        return {(a, b, y): r for a, b, y, r in self.entries}

    def ratio(
        self, from_cur: str, to_cur: str, year: int | None = None
    ) -> tuple[Decimal, Decimal] | None:
        """The rate as an exact fraction ``(numerator, denominator)``; ``None`` when unknown.

        Conversions multiply by the numerator and divide by the denominator, so a rate
        known only in the opposite direction never goes through a rounded inverse.
        """
        a, b = _currency_code(from_cur), _currency_code(to_cur)
        if a == b:
            return Decimal(1), Decimal(1)
        table = self._lookup()
        years: tuple[int | None, ...] = (None,) if year is None else (year, None)
        for y in years:
            if (a, b, y) in table:
                return table[(a, b, y)], Decimal(1)
            if (b, a, y) in table:
                return Decimal(1), table[(b, a, y)]
        return None

    def rate(self, from_cur: str, to_cur: str, year: int | None = None) -> Decimal | None:
        """Units of ``to_cur`` per one ``from_cur``; ``None`` when unknown.

        A rate for the exact year wins over a year-less one; the inverse of the opposite
        direction is used when only that is known. With ``year=None`` only year-less rates
        apply, so a yearly table is never applied to the wrong year by accident.
        """
        fraction = self.ratio(from_cur, to_cur, year)
        if fraction is None:
            return None
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            return _tidy(fraction[0] / fraction[1])


_CURRENCY_BASE_TEXT: Final[Mapping[str, str]] = MappingProxyType(
    {
        row.dimension.removeprefix(_CURRENCY_PREFIX): row.base_text
        for row in BASE_UNITS.values()
        if row.dimension.startswith(_CURRENCY_PREFIX)
    }
)


def convertible_with_rate(a: Unit | str, b: Unit | str) -> bool:
    """Whether ``a`` and ``b`` differ only by currency ("triệu đồng/người" vs "USD/người").

    Such figures are kept as reported and converted when an exchange rate is given.
    """
    ua, ub = _as_unit(a), _as_unit(b)
    if ua.dimension == ub.dimension:
        return True
    try:
        _conversion_factor(ua, ub, None, None)
    except IncompatibleUnitsError as exc:
        return "tỷ giá" in str(exc)
    return True


def uses_rate(a: Unit | str, b: Unit | str) -> bool:
    """Whether converting ``a`` to ``b`` needs an exchange rate."""
    ua, ub = _as_unit(a), _as_unit(b)
    return ua.dimension != ub.dimension and convertible_with_rate(ua, ub)


def _currency_name(unit: Unit) -> str:
    code = unit.currency
    return _CURRENCY_BASE_TEXT.get(code, code) if code is not None else unit.base_text


def _conversion_factor(
    source: Unit,
    target: Unit,
    rates: ExchangeRates | None,
    year: int | None,
    shown: tuple[Unit, Unit] | None = None,
) -> tuple[Decimal, Decimal]:
    """The factor, as (numerator, denominator), from ``source``'s base unit to ``target``'s
    (through an exchange rate if needed).

    ``shown`` orders the units in error messages as the caller's user sees them.
    """
    if source.dimension == target.dimension:
        return Decimal(1), Decimal(1)
    first, second = shown or (source, target)
    src, dst = dict(source.dimension), dict(target.dimension)
    src_cur = [k for k in src if k.startswith(_CURRENCY_PREFIX)]
    dst_cur = [k for k in dst if k.startswith(_CURRENCY_PREFIX)]
    same_shape = (
        len(src_cur) == 1
        and len(dst_cur) == 1
        and src[src_cur[0]] == dst[dst_cur[0]]
        and {k: v for k, v in src.items() if k != src_cur[0]}
        == {k: v for k, v in dst.items() if k != dst_cur[0]}
    )
    if not same_shape:
        raise IncompatibleUnitsError(
            first,
            second,
            f"Không thể so sánh {first.text!r} với {second.text!r}: khác loại đơn vị "
            f"(cannot convert {first.base_text or 'a number'} to "
            f"{second.base_text or 'a number'}: different dimensions)",
        )
    fraction = None
    if rates is not None:
        fraction = rates.ratio(_currency_name(source), _currency_name(target), year)
    if fraction is None:
        when = "" if year is None else f" năm {year}"
        when_en = "" if year is None else f" for {year}"
        raise IncompatibleUnitsError(
            first,
            second,
            f"Không thể so sánh {first.text!r} với {second.text!r} khi chưa có tỷ giá{when} "
            f"(cannot convert {_currency_name(first)} to {_currency_name(second)} "
            f"without an exchange rate{when_en})",
        )
    # A currency in a denominator ("người/USD") converts the other way round.
    exponent = src[src_cur[0]]
    numerator, denominator = fraction if exponent > 0 else (fraction[1], fraction[0])
    return numerator ** abs(exponent), denominator ** abs(exponent)


@dataclass(frozen=True)
class Quantity:
    """A value in a unit, as written. Conversions and comparisons are exact.

    Equality (``==``) is structural (same value, same unit); use :meth:`compare` to ask
    whether two figures are the same amount ("578,5 nghìn tỷ đồng" vs "578.500 tỷ đồng").
    """

    value: Decimal
    unit: Unit

    def __post_init__(self) -> None:
        # A float here would already carry binary error; refuse it instead of hiding it.
        value: object = self.value
        if isinstance(value, bool | float) or not isinstance(value, Decimal | int):
            raise TypeError(f"Quantity value must be a Decimal or int, got {value!r}")
        if not isinstance(value, Decimal):
            object.__setattr__(self, "value", Decimal(value))
        if not self.value.is_finite():
            raise ValueError(f"Quantity value must be finite, got {value!r}")

    def __str__(self) -> str:
        return format_quantity(self)

    @property
    def base_value(self) -> Decimal:
        """The value in the dimension's base unit (đồng, người, m², …)."""
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            return _tidy(self.value * self.unit.scale)

    def to(
        self, unit: Unit | str, rates: ExchangeRates | None = None, year: int | None = None
    ) -> Quantity:
        """The same amount in ``unit``; money changes currency only through ``rates``."""
        target = _as_unit(unit)
        numerator, denominator = _conversion_factor(self.unit, target, rates, year)
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION
            value = self.value * self.unit.scale * numerator / (denominator * target.scale)
            return Quantity(_tidy(value), target)

    def compare(
        self, other: Quantity, rates: ExchangeRates | None = None, year: int | None = None
    ) -> int:
        """-1, 0 or 1 as ``self`` is less than, equal to or greater than ``other``.

        Compared in base units by multiplication only (an exchange rate is applied as a
        fraction), so no rounded division can turn a miss into a hit.
        """
        numerator, denominator = _conversion_factor(
            other.unit, self.unit, rates, year, shown=(self.unit, other.unit)
        )
        with localcontext() as ctx:
            ctx.prec = ARITHMETIC_PRECISION * 2
            mine = self.value * self.unit.scale * denominator
            theirs = other.value * other.unit.scale * numerator
        return (mine > theirs) - (mine < theirs)


def parse_quantity(text: str) -> Quantity:
    """Read "1.500 nghìn tỷ đồng", "16%/năm", "16 bác sĩ/10.000 dân" into value and unit.

    The number is read in vi-VN format (:func:`~chitieu.core.numbers.parse_number`); a
    bad number raises :class:`~chitieu.core.numbers.NumberFormatError`, a bad unit
    :class:`UnknownUnitError` (both are ``ValueError``).
    """
    if len(text) > MAX_UNIT_LENGTH * 2:
        raise NumberFormatError(text, "quá dài (too long)")
    normal = _normalise(text).strip()
    match = _LEADING_NUMBER.match(normal)
    if match is None:
        raise NumberFormatError(text, "không bắt đầu bằng số (does not start with a number)")
    value = parse_number(match.group())
    return Quantity(value, parse_unit(normal[match.end() :]))


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


def _label_en(parts: tuple[_Part, ...]) -> str:
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
        _, parts = _parse(text)
    except UnknownUnitError:
        return text
    return _label_en(parts)


def format_quantity(q: Quantity, lang: str = "vi", decimals: int | None = None) -> str:
    """Write a quantity for people: "1.500 nghìn tỷ đồng", "16%/năm", "1,500 trillion VND".

    A percent sign is attached to the number, as Vietnamese reports print it.
    """
    number = format_number(q.value, decimals=decimals, lang=lang)
    label = unit_label(q.unit, lang)
    if not label:
        return number
    return f"{number}{label}" if label.startswith("%") else f"{number} {label}"

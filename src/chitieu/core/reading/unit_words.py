"""Units as written after figures: scale words, count nouns and the per-unit tail.

Units are read by :func:`chitieu.core.units.parse_unit` when its table knows the noun,
and kept as written (with no base value) when it does not, so that an unknown unit is a
review note rather than a crash. The patterns here are built so that no quantified group
contains another unbounded quantifier over the same characters (linear time on hostile
input).
"""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.numbers import SCALE_WORDS
from chitieu.core.reading.numerals import NUMBER_PLAIN
from chitieu.core.units import BASE_UNITS, Unit, parse_unit

__all__ = [
    "DENOMINATOR",
    "EXTRA_NOUNS",
    "NOUN",
    "NUMERATOR",
    "SCALE",
    "SCALES",
    "SCALE_ONLY",
    "clean_unit",
    "comparable",
    "strip_scale_words",
    "unit_of",
]

#: Count nouns that reports put after figures but that the unit table does not (yet)
#: know. Recognising them keeps "1.717/2.446 thôn" a fraction of villages; the draft
#: marks such units for review because the definition loader cannot read them.
EXTRA_NOUNS: Final = (
    "thôn",
    "tổ dân phố",
    "làng",
    "tiêu chí",
    "chỉ tiêu",
    "cơ sở",
    "bệnh viện",
    "trạm y tế",
    "sản phẩm",
    "hợp tác xã",
    "tòa",
    "vụ",
    "vụ án",
    "bị can",
    "bị cáo",
    "cán bộ",
    "lượt cán bộ",
    "học sinh",
    "giáo viên",
    "đồng chí",
    "tỉnh",
    "tỉnh, thành phố",
    "tỉnh, thành",
    "quận, huyện",
    "xã, phường, thị trấn",
    "phường",
    "thị trấn",
    "khách",
    "lượt người",
    "chuyến",
    "tuyến",
    "cảng",
    "công trình",
    "nhà văn hóa",
    "khu đô thị",
    "căn hộ",
    "MW",
    "kWh",
    "km2",
    "lít",
    "tuổi",
)

# "tỷ lệ", "tỷ trọng", "tỷ giá" are words, not the scale word "tỷ".
SCALE: Final = r"(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\s*(?:lệ|trọng|giá)(?!\w))"
_NOUNS: Final = sorted(
    {key for key in BASE_UNITS if key not in ("%",)} | {n.casefold() for n in EXTRA_NOUNS},
    key=len,
    reverse=True,
)
NOUN: Final = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _NOUNS) + r")(?!\w)"

NUMERATOR: Final = rf"(?:\s*%|\s+{SCALE}(?:\s+{SCALE})?(?:\s+{NOUN})?|\s*{NOUN})"
DENOMINATOR: Final = rf"\s*/\s*(?:{NUMBER_PLAIN}\s*)?(?:{SCALE}\s+)?(?:{NOUN}|năm|tháng)(?!\w)"

_SPACES: Final = re.compile(r"\s+")
SCALE_ONLY: Final = re.compile(rf"{SCALE}(?:\s+{SCALE})?", flags=re.IGNORECASE)

#: Scale words the core knows, re-exported for the documentation of this grammar.
SCALES: Final = tuple(SCALE_WORDS)


def clean_unit(unit: str) -> str:
    """Tidy a unit as written: single spaces, none around "/" or before "%"."""
    text = _SPACES.sub(" ", unit).strip()
    return text.replace(" /", "/").replace("/ ", "/").replace(" %", "%")


def unit_of(unit: str) -> Unit | None:
    """The unit as the core reads it, or None when the unit table does not know it."""
    try:
        return parse_unit(unit)
    except ValueError:
        return None


def strip_scale_words(text: str) -> str:
    """The text without the scale words it starts with ("tỷ đồng" → "đồng")."""
    return re.sub(r"^(?:(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)\s*)+", "", text)


def comparable(a: str, b: str) -> bool:
    """Whether figures in units ``a`` and ``b`` measure the same thing: same dimension and
    per-year reading when the unit table knows both, else the same noun after the scale."""
    ua, ub = unit_of(a), unit_of(b)
    if ua is not None and ub is not None:
        return ua.dimension == ub.dimension and ua.per_year == ub.per_year
    return strip_scale_words(a.casefold()).strip() == strip_scale_words(b.casefold()).strip()

"""The unit catalogue: every noun a unit may name, and the base dimension it measures.

Every count noun is its own base dimension, so "doanh nghiệp" never silently compares
with "dự án"; synonyms share a row so they compare equal. Extending the table is a
reviewed code change, never a guess at parse time.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final, NamedTuple

__all__ = ["BASE_UNITS", "CURRENCY_PREFIX", "BaseUnit"]

#: Base dimensions of money are named ``currency:<code>``.
CURRENCY_PREFIX: Final = "currency:"


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

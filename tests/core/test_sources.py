"""Sources classified from the citation: official statistics, government, press, other."""

from __future__ import annotations

import pytest

from chitieu.core.model import Citation
from chitieu.core.sources import SourceClass, classify_source, link_of

S, G, P, OTHER = (
    SourceClass.OFFICIAL_STATISTICS,
    SourceClass.GOVERNMENT,
    SourceClass.PRESS,
    SourceClass.OTHER,
)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.gso.gov.vn/du-lieu-va-so-lieu-thong-ke/", S),
        ("https://nso.gov.vn/", S),
        ("https://thongke.haiphong.gov.vn/nien-giam", S),
        ("https://thanhphohaiphong.gov.vn/cong-bo-so-lieu-kinh-te-xa-hoi-nam-2022.html", G),
        ("https://haiphong.dcs.vn/", G),
        ("https://cafef.vn", P),
        ("https://soha.vn", P),
        ("https://baophapluat.vn", P),
        ("https://baohaiphong.vn/kinh-te", P),
        ("http://tapchitaichinh.vn/x", P),
        ("https://nhadathungmanh.com", OTHER),
        ("https://haiphong24h.org", OTHER),
        ("https://user@vneconomy.vn:443/a", P),
    ],
)
def test_classified_by_address(url: str, kind: SourceClass) -> None:
    assert classify_source(Citation(url=url)) is kind


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ("Niên giám Thống kê thành phố Hải Phòng 2023", S),
        ("Báo cáo của Cục Thống kê", S),
        ("Thông cáo báo chí của Tổng cục Thống kê", S),
        ("Báo cáo chính trị Đại hội XVI Đảng bộ TP Hải Phòng", G),
        ("Báo cáo tình hình kinh tế - xã hội năm 2025", G),
        ("Báo cáo của UBND thành phố", G),
        ("Nghị quyết của HĐND thành phố", G),
        ("Báo Hải Phòng, số ra ngày 3/1/2025", P),
        ("Tạp chí Tài chính", P),
        ("Trang tin bất động sản", OTHER),
        ("", OTHER),
    ],
)
def test_classified_by_document(document: str, kind: SourceClass) -> None:
    assert classify_source(Citation(document=document)) is kind


def test_the_address_wins_over_the_document() -> None:
    """A news site quoting the statistics office is still the news site."""
    cited = Citation(document="Số liệu của Cục Thống kê", url="https://cafef.vn/a.html")
    assert classify_source(cited) is P


def test_an_address_typed_into_the_document_field() -> None:
    assert classify_source(Citation(document="xem https://nhadathungmanh.com/x")) is OTHER


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://cafef.vn/a.html", "https://cafef.vn/a.html"),
        ("http://soha.vn", "http://soha.vn"),
        ("javascript:alert(1)", ""),
        ("ftp://example.org/x", ""),
        ("https://", ""),
        ("https://a.vn/x y", ""),
        ("", ""),
    ],
)
def test_only_web_addresses_become_links(url: str, link: str) -> None:
    assert link_of(Citation(url=url)) == link

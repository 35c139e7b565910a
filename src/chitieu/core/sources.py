"""Where a figure comes from, classified: official statistics, government, press, other.

A figure read on a real-estate site or a news blog is not worth what a statistics office
publishes, and a leader must see the difference beside the number. The class is read
from the citation itself (its web address, else its document's name), so every stored
figure has one without anybody filling in another field: the address wins when there is
one, since that is where the number was actually read.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Final

from chitieu.core.model import Citation, Text

__all__ = [
    "SOURCE_CLASS_LABEL",
    "SourceClass",
    "classify_source",
    "link_of",
    "source_class_label",
]


class SourceClass(StrEnum):
    OFFICIAL_STATISTICS = "official_statistics"
    GOVERNMENT = "government"
    PRESS = "press"
    OTHER = "other"


SOURCE_CLASS_LABEL: Final = {
    SourceClass.OFFICIAL_STATISTICS: Text("thống kê chính thức", "official statistics"),
    SourceClass.GOVERNMENT: Text("cơ quan Đảng, Nhà nước", "government"),
    SourceClass.PRESS: Text("báo chí", "press"),
    SourceClass.OTHER: Text("nguồn khác", "other"),
}

#: Statistics offices: the national office (gso.gov.vn, nso.gov.vn since 2025) and the
#: provincial ones (thongke.<tỉnh>.gov.vn, cucthongke…).
_STATISTICS_HOSTS: Final = ("gso.gov.vn", "nso.gov.vn")
_STATISTICS_HOST_WORDS: Final = ("thongke",)
#: State and Party bodies: every .gov.vn site, the Party's dcs.vn sites.
_GOVERNMENT_SUFFIXES: Final = (".gov.vn", ".dcs.vn")
_GOVERNMENT_HOSTS: Final = ("gov.vn", "dcs.vn", "chinhphu.vn")
#: Licensed press seen in Vietnamese economic reporting (newspapers, magazines, their
#: e-papers). A site not listed and not named like a newspaper is "other".
_PRESS_HOSTS: Final = frozenset(
    {
        "baochinhphu.vn",
        "baodautu.vn",
        "baohaiphong.vn",
        "baohaiphong.com.vn",
        "baokiemtoan.vn",
        "baophapluat.vn",
        "baotintuc.vn",
        "bnews.vn",
        "cafef.vn",
        "cafebiz.vn",
        "cand.com.vn",
        "congly.vn",
        "dangcongsan.vn",
        "dantri.com.vn",
        "diendandoanhnghiep.vn",
        "enternews.vn",
        "kinhtedothi.vn",
        "laodong.vn",
        "mekongasean.vn",
        "nguoiquansat.vn",
        "nhadautu.vn",
        "nhandan.vn",
        "qdnd.vn",
        "soha.vn",
        "thanhnien.vn",
        "thoibaotaichinhvietnam.vn",
        "thesaigontimes.vn",
        "tienphong.vn",
        "tinnhanhchungkhoan.vn",
        "tuoitre.vn",
        "vietnamnet.vn",
        "vietnamplus.vn",
        "vietstock.vn",
        "vneconomy.vn",
        "vnexpress.net",
        "vov.vn",
        "vtv.vn",
        "znews.vn",
        "zingnews.vn",
    }
)
#: Newspapers and magazines are named so: báo…, tạp chí (tapchi…), thời báo (thoibao…).
_PRESS_HOST_PREFIXES: Final = ("bao", "tapchi", "thoibao")

_STATISTICS_WORDS: Final = ("thống kê", "gso", "niên giám")
_GOVERNMENT_WORDS: Final = (
    "báo cáo chính trị",
    "nghị quyết",
    "ủy ban nhân dân",
    "ubnd",
    "hội đồng nhân dân",
    "hđnd",
    "chính phủ",
    "thủ tướng",
    "bộ ",
    "sở ",
    "thành ủy",
    "tỉnh ủy",
    "đảng bộ",
    "ban chấp hành",
    "văn phòng",
    "kho bạc",
    "cục ",
    "báo cáo tình hình kinh tế",
    "báo cáo kinh tế - xã hội",
    "báo cáo kt-xh",
    "kế hoạch phát triển kinh tế",
)
_PRESS_WORDS: Final = ("báo ", "tạp chí", "thời báo", "vnexpress", "truyền hình", "đài ")


def _normal(text: str) -> str:
    """Lower case NFC, with the old and new placements of the tone mark made one
    ("uỷ"/"ủy", "hoá"/"hóa")."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return folded.replace("uỷ", "ủy").replace("oá", "óa").replace("oà", "òa")


#: scheme://[user@]host[:port]…, read with a pattern (the core parses no URL with I/O
#: libraries): enough to find the host of an address a person typed.
_ADDRESS: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://(?:[^/?#\s@]*@)?([^/?#\s:]+)")


def _split(url: str) -> tuple[str, str]:
    """(scheme, host) of an address, lower case; ("", "") when it is not one."""
    found = _ADDRESS.match(url.strip())
    if found is None:
        return "", ""
    return found.group(1).lower(), found.group(2).lower().rstrip(".")


def _host(url: str) -> str:
    return _split(url)[1].removeprefix("www.")


def _by_host(host: str) -> SourceClass:
    if host in _STATISTICS_HOSTS or any(host.endswith("." + h) for h in _STATISTICS_HOSTS):
        return SourceClass.OFFICIAL_STATISTICS
    labels = host.split(".")
    if host.endswith(".gov.vn") and any(w in labels[0] for w in _STATISTICS_HOST_WORDS):
        return SourceClass.OFFICIAL_STATISTICS
    if host in _PRESS_HOSTS:
        return SourceClass.PRESS
    if host in _GOVERNMENT_HOSTS or host.endswith(_GOVERNMENT_SUFFIXES):
        return SourceClass.GOVERNMENT
    if labels[0].startswith(_PRESS_HOST_PREFIXES):
        return SourceClass.PRESS
    return SourceClass.OTHER


def _by_document(document: str) -> SourceClass:
    text = _normal(document) + " "
    if any(w in text for w in _STATISTICS_WORDS):
        return SourceClass.OFFICIAL_STATISTICS
    if any(w in text for w in _PRESS_WORDS) and not text.startswith("báo cáo"):
        return SourceClass.PRESS
    if any(w in text for w in _GOVERNMENT_WORDS):
        return SourceClass.GOVERNMENT
    return SourceClass.OTHER


def classify_source(citation: Citation) -> SourceClass:
    """The class of a figure's source: its web address decides when it has one."""
    host = _host(citation.url) if citation.url else ""
    if host:
        return _by_host(host)
    # A web address written into the document field ("https://cafef.vn/…").
    found = re.search(r"https?://\S+", citation.document)
    if found:
        host = _host(found.group(0))
        if host:
            return _by_host(host)
    return _by_document(citation.document)


def link_of(citation: Citation) -> str:
    """The citation's web address when it is one a page may link to (http or https with
    a host), else ``""``: an address is shown as a link only when it can be followed."""
    url = citation.url.strip()
    scheme, host = _split(url)
    if scheme not in ("http", "https") or not host:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return ""
    return url


def source_class_label(citation: Citation, lang: str = "vi") -> str:
    """The class of a figure's source as people read it ("báo chí", "official statistics")."""
    return SOURCE_CLASS_LABEL[classify_source(citation)].get(lang)

"""A seeded synthetic national dataset: every province and commune, 60 indicators, 2016–2025.

Not a test and not shipped data: the benchmarks (``bench_evaluate.py``, ``bench_scaling.py``,
``bench_peer.py``, the import and web benchmarks) need millions of plausible figures, and
the same figures every time, so each run measures the code, not the data.

    .venv/bin/python bench/synthetic.py --scale 2m --seed 1 --out /tmp/chitieu-bench/syn-2m

writes a dataset folder that ``chitieu load DIR`` reads (``resolution.yaml`` +
``observations.csv``, the layout of ``src/chitieu/datasets/haiphong-xvi-2020-2025``), plus
``revisions.csv``: corrections of figures already loaded, which the store records as
revision 2 when loaded afterwards (``chitieu load DIR/revisions.csv``).

The model (documented for the reader of the benchmark figures, bench/README.md):

- Areas: the whole country (``viet-nam``), the 34 provinces and cities of 2025 (real
  names), and communes/wards named like "Xã Tân Phú 0123" under a province (``parent``).
  ``--scale`` picks the number of communes: 2m and 10m → 3.321 (the real count), 0.2m →
  330, tiny → 4 (and 2 provinces). 2m gives 1,84 M rows (milestones have one figure per
  area); 10m repeats the 60 indicators five times (300 indicators, 9,2 M rows).
- 60 indicators in 12 kinds of five each, covering every clause kind the core
  evaluates (level ≥/≤/range/about/point, average growth of yearly rates, cumulative
  totals, yearly means, shares, structure, coverage, each-year requirements, ranks and
  milestones). One target per indicator, five with a second clause (a 2023 level): 65
  clauses. Not covered: average growth of a level series (CAGR), which the definition
  format cannot state (a "%/năm" clause unit is refused on an amount indicator).
- Yearly figures 2016–2025 per area: a level drawn per area (log-normal spread), a
  per-area trend (normal around the kind's national trend) and yearly noise; shares and
  rates stay within 0–100; ranks are a bounded random walk; a milestone is one figure,
  the year the work was completed (some areas: not yet).
- Gaps: each yearly figure is missing with probability 3 %.
- Status: official up to 2023, preliminary for 2024, estimate for 2025.
- Revisions: 2 % of figures get a later revision: a preliminary or estimated figure gets
  an official figure next to it (a second row, same file, higher status); an official
  figure gets a corrected value in ``revisions.csv`` (same status, the store's revision 2).

The figures are written area by area while they are drawn, so memory does not grow
with the scale (10 M rows never sit in a list).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

GENERATOR_VERSION = 1  # bump when the model changes: cached benchmark databases key on it
YEARS = tuple(range(2016, 2026))
TERM = (2021, 2025)
BASE_YEAR = 2020
GAP_RATE = 0.03
REVISION_RATE = 0.02
SOURCE = "Niên giám thống kê (số liệu tổng hợp)"

#: scale → (provinces, communes, indicator sets); provinces are the first N of PROVINCES.
#: 10m repeats the 60 indicators five times rather than inventing 18.000 communes: the
#: definition loader refuses a resolution.yaml over 500.000 characters, and the 3.356
#: areas of the real country already take about half of that.
SCALES: dict[str, tuple[int, int, int]] = {
    "tiny": (2, 4, 1),
    "0.2m": (34, 330, 1),
    "2m": (34, 3321, 1),
    "10m": (34, 3321, 5),
}

#: The 34 provincial units from 12/06/2025 (Nghị quyết 202/2025/QH15).
PROVINCES: tuple[tuple[str, str], ...] = (
    ("Thành phố", "Hà Nội"),
    ("Thành phố", "Huế"),
    ("Tỉnh", "Lai Châu"),
    ("Tỉnh", "Điện Biên"),
    ("Tỉnh", "Sơn La"),
    ("Tỉnh", "Lạng Sơn"),
    ("Tỉnh", "Quảng Ninh"),
    ("Tỉnh", "Thanh Hóa"),
    ("Tỉnh", "Nghệ An"),
    ("Tỉnh", "Hà Tĩnh"),
    ("Tỉnh", "Cao Bằng"),
    ("Tỉnh", "Tuyên Quang"),
    ("Tỉnh", "Lào Cai"),
    ("Tỉnh", "Thái Nguyên"),
    ("Tỉnh", "Phú Thọ"),
    ("Tỉnh", "Bắc Ninh"),
    ("Tỉnh", "Hưng Yên"),
    ("Thành phố", "Hải Phòng"),
    ("Tỉnh", "Ninh Bình"),
    ("Tỉnh", "Quảng Trị"),
    ("Thành phố", "Đà Nẵng"),
    ("Tỉnh", "Quảng Ngãi"),
    ("Tỉnh", "Gia Lai"),
    ("Tỉnh", "Khánh Hòa"),
    ("Tỉnh", "Lâm Đồng"),
    ("Tỉnh", "Đắk Lắk"),
    ("Thành phố", "Hồ Chí Minh"),
    ("Tỉnh", "Đồng Nai"),
    ("Tỉnh", "Tây Ninh"),
    ("Thành phố", "Cần Thơ"),
    ("Tỉnh", "Vĩnh Long"),
    ("Tỉnh", "Đồng Tháp"),
    ("Tỉnh", "Cà Mau"),
    ("Tỉnh", "An Giang"),
)

#: Syllables of common commune names ("Tân Phú", "Hòa Bình", "An Thạnh" …).
SYLLABLES = (
    "Tân", "Phú", "An", "Bình", "Hòa", "Thạnh", "Long", "Hưng", "Đông", "Tây", "Nam",
    "Bắc", "Thuận", "Lợi", "Mỹ", "Phước", "Quang", "Trung", "Hiệp", "Thịnh", "Vĩnh",
    "Xuân", "Đức", "Minh", "Thành", "Sơn", "Hải", "Lộc", "Điền", "Khánh", "Nghĩa", "Yên",
)  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """One of the 12 kinds of indicator: how its figures move and how its clause reads."""

    stem: str
    names: tuple[tuple[str, str], ...]  # five (vi, en) names
    unit: str
    clause_unit: str
    direction: str
    measure: str
    aggregation: str
    clause: str  # clause kind
    bounds: tuple[tuple[str, str, str], ...]  # five (bound, low, high) in vi-VN format
    level: float  # national median of the 2016 figure
    spread: float  # log-normal sigma of the per-area level
    trend: float  # national mean yearly change (% for amounts, points for rates)
    trend_sd: float
    noise: float  # yearly noise (relative for amounts, points for rates)
    year: int | None = None  # clause year (level kinds); None: the term
    each_year: bool = False
    second: str | None = None  # a second clause: "mid" (a 2023 level)


KINDS: tuple[Kind, ...] = (
    Kind(
        "thu-nhap",
        (
            ("Thu nhập bình quân đầu người", "Income per head"),
            ("Năng suất lao động xã hội", "Labour productivity"),
            ("Chi tiêu bình quân đầu người", "Spending per head"),
            ("Thu ngân sách bình quân đầu người", "Budget revenue per head"),
            ("Vốn đầu tư bình quân đầu người", "Investment per head"),
        ),
        "triệu đồng/người",
        "triệu đồng/người",
        "higher",
        "level",
        "ratio",
        "level",
        (
            ("at_least", "70", ""),
            ("above", "72", ""),
            ("point", "68", ""),
            ("about", "70", ""),
            ("range", "65", "75"),
        ),
        level=45.0,
        spread=0.25,
        trend=7.0,
        trend_sd=2.5,
        noise=0.02,
        year=2025,
        second="mid",
    ),
    Kind(
        "tang-truong",
        (
            ("Tốc độ tăng trưởng GRDP", "GRDP growth"),
            ("Tốc độ tăng giá trị sản xuất công nghiệp", "Industrial output growth"),
            ("Tốc độ tăng kim ngạch xuất khẩu", "Export growth"),
            ("Tốc độ tăng thu ngân sách", "Budget revenue growth"),
            ("Tốc độ tăng tổng mức bán lẻ hàng hóa", "Retail sales growth"),
        ),
        "%",
        "%/năm",
        "higher",
        "growth_rate",
        "none",
        "average_growth",
        (
            ("at_least", "7", ""),
            ("above", "6,5", ""),
            ("point", "7", ""),
            ("about", "7,5", ""),
            ("range", "6,5", "7,5"),
        ),
        level=7.0,
        spread=0.0,
        trend=0.0,
        trend_sd=1.5,
        noise=1.5,
    ),
    Kind(
        "von-dau-tu",
        (
            ("Vốn đầu tư phát triển toàn xã hội", "Total investment"),
            ("Vốn đầu tư công", "Public investment"),
            ("Vốn đầu tư ngoài nhà nước", "Private investment"),
            ("Chi đầu tư xây dựng nông thôn mới", "New rural investment"),
            ("Vốn tín dụng chính sách", "Policy credit"),
        ),
        "tỷ đồng",
        "tỷ đồng",
        "higher",
        "level",
        "sum",
        "cumulative",
        (
            ("at_least", "600", ""),
            ("above", "620", ""),
            ("point", "600", ""),
            ("about", "600", ""),
            ("range", "550", "650"),
        ),
        level=100.0,
        spread=0.3,
        trend=6.0,
        trend_sd=3.0,
        noise=0.05,
    ),
    Kind(
        "viec-lam",
        (
            ("Số lao động được giải quyết việc làm", "Workers placed in jobs"),
            ("Số lao động được đào tạo nghề", "Workers trained"),
            ("Số hộ được hỗ trợ nhà ở", "Households given housing support"),
            ("Số doanh nghiệp thành lập mới", "New firms"),
            ("Số người được trợ giúp xã hội", "People given social assistance"),
        ),
        "người",
        "người/năm",
        "higher",
        "level",
        "sum",
        "per_year",
        (
            ("at_least", "500", ""),
            ("above", "520", ""),
            ("point", "500", ""),
            ("about", "500", ""),
            ("range", "450", "550"),
        ),
        level=450.0,
        spread=0.3,
        trend=3.0,
        trend_sd=3.0,
        noise=0.08,
    ),
    Kind(
        "ty-trong",
        (
            ("Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP", "Manufacturing share"),
            ("Tỷ trọng kinh tế số trong GRDP", "Digital economy share"),
            ("Tỷ trọng dịch vụ trong GRDP", "Services share"),
            ("Tỷ trọng khu vực tư nhân trong GRDP", "Private sector share"),
            ("Tỷ trọng xuất khẩu công nghệ cao", "High-tech export share"),
        ),
        "%",
        "%",
        "higher",
        "level",
        "ratio",
        "share",
        (
            ("at_least", "30", ""),
            ("above", "30", ""),
            ("point", "30", ""),
            ("about", "30", ""),
            ("range", "28", "32"),
        ),
        level=22.0,
        spread=0.3,
        trend=1.2,
        trend_sd=0.8,
        noise=0.6,
        year=2025,
    ),
    Kind(
        "co-cau",
        (
            ("Tỷ trọng nông, lâm, thủy sản trong GRDP", "Agriculture share"),
            ("Tỷ trọng lao động nông nghiệp", "Farm labour share"),
            ("Tỷ trọng khu vực nhà nước trong GRDP", "State sector share"),
            ("Tỷ trọng thuế sản phẩm trong GRDP", "Product taxes share"),
            ("Tỷ trọng khai khoáng trong GRDP", "Mining share"),
        ),
        "%",
        "%",
        "lower",
        "level",
        "ratio",
        "structure",
        (
            ("at_most", "15", ""),
            ("below", "15", ""),
            ("point", "15", ""),
            ("about", "15", ""),
            ("range", "12", "16"),
        ),
        level=20.0,
        spread=0.3,
        trend=-0.8,
        trend_sd=0.6,
        noise=0.5,
        year=2025,
    ),
    Kind(
        "bao-phu",
        (
            ("Tỷ lệ dân số tham gia bảo hiểm y tế", "Health insurance coverage"),
            ("Tỷ lệ hộ dân dùng nước sạch", "Clean water coverage"),
            ("Tỷ lệ chất thải rắn được thu gom", "Solid waste collected"),
            ("Tỷ lệ trường đạt chuẩn quốc gia", "Schools meeting national standards"),
            ("Tỷ lệ hộ có kết nối internet cáp quang", "Fibre coverage"),
        ),
        "%",
        "%",
        "higher",
        "level",
        "ratio",
        "coverage",
        (
            ("at_least", "95", ""),
            ("above", "95", ""),
            ("point", "100", ""),
            ("about", "95", ""),
            ("range", "93", "97"),
        ),
        level=85.0,
        spread=0.05,
        trend=1.5,
        trend_sd=0.8,
        noise=0.4,
        year=2025,
    ),
    Kind(
        "ho-ngheo",
        (
            ("Tỷ lệ hộ nghèo đa chiều", "Multidimensional poverty rate"),
            ("Tỷ lệ thất nghiệp", "Unemployment rate"),
            ("Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi", "Child stunting"),
            ("Tỷ lệ hộ cận nghèo", "Near-poverty rate"),
            ("Tỷ lệ nhà tạm, nhà dột nát", "Makeshift housing"),
        ),
        "%",
        "%",
        "lower",
        "level",
        "ratio",
        "level",
        (
            ("below", "3", ""),
            ("at_most", "3", ""),
            ("point", "3", ""),
            ("about", "3", ""),
            ("range", "2", "3,5"),
        ),
        level=8.0,
        spread=0.4,
        trend=-0.9,
        trend_sd=0.4,
        noise=0.3,
        year=2025,
    ),
    Kind(
        "luon-dat",
        (
            ("Tỷ lệ trẻ em được tiêm chủng đầy đủ", "Full immunisation"),
            ("Tỷ lệ huy động trẻ 5 tuổi đến trường", "Enrolment at age 5"),
            ("Tỷ lệ xã đạt chuẩn tiếp cận pháp luật", "Access-to-law standard"),
            ("Tỷ lệ hồ sơ giải quyết đúng hạn", "Files handled on time"),
            ("Tỷ lệ dân số được quản lý sức khỏe", "Population with a health record"),
        ),
        "%",
        "%",
        "higher",
        "level",
        "ratio",
        "level",
        (
            ("at_least", "90", ""),
            ("above", "90", ""),
            ("at_least", "92", ""),
            ("above", "88", ""),
            ("at_least", "85", ""),
        ),
        level=93.0,
        spread=0.03,
        trend=0.3,
        trend_sd=0.3,
        noise=1.2,
        year=2025,
        each_year=True,
    ),
    Kind(
        "xep-hang",
        (
            ("Xếp hạng chỉ số năng lực cạnh tranh (PCI)", "PCI rank"),
            ("Xếp hạng chỉ số cải cách hành chính (PAR Index)", "PAR Index rank"),
            ("Xếp hạng chỉ số hài lòng (SIPAS)", "SIPAS rank"),
            ("Xếp hạng chỉ số chuyển đổi số (DTI)", "DTI rank"),
            ("Xếp hạng chỉ số quản trị (PAPI)", "PAPI rank"),
        ),
        "hạng",
        "hạng",
        "lower",
        "level",
        "none",
        "rank",
        (
            ("at_most", "10", ""),
            ("below", "15", ""),
            ("at_most", "20", ""),
            ("range", "1", "10"),
            ("at_most", "5", ""),
        ),
        level=17.0,
        spread=0.0,
        trend=0.0,
        trend_sd=0.0,
        noise=3.0,
        year=2025,
    ),
    Kind(
        "hoan-thanh",
        (
            ("Năm đạt chuẩn nông thôn mới nâng cao", "Advanced new-rural standard reached"),
            ("Năm hoàn thành trung tâm hành chính công", "Public service centre completed"),
            ("Năm hoàn thành số hóa hồ sơ đất đai", "Land records digitised"),
            ("Năm hoàn thành đường trục chính", "Main road completed"),
            ("Năm hoàn thành trạm y tế đạt chuẩn", "Standard health station completed"),
        ),
        "năm",
        "năm",
        "lower",
        "level",
        "none",
        "milestone",
        (
            ("at_most", "2025", ""),
            ("at_most", "2024", ""),
            ("at_most", "2023", ""),
            ("at_most", "2025", ""),
            ("at_most", "2022", ""),
        ),
        level=2023.0,
        spread=0.0,
        trend=0.0,
        trend_sd=0.0,
        noise=2.0,
    ),
    Kind(
        "mat-do",
        (
            ("Số bác sĩ trên vạn dân", "Doctors per 10,000 people"),
            ("Số giường bệnh trên vạn dân", "Hospital beds per 10,000 people"),
            ("Số dược sĩ trên vạn dân", "Pharmacists per 10,000 people"),
            ("Số điều dưỡng trên vạn dân", "Nurses per 10,000 people"),
            ("Số cán bộ y tế trên vạn dân", "Health workers per 10,000 people"),
        ),
        "người/vạn dân",
        "người/vạn dân",
        "neutral",
        "level",
        "ratio",
        "level",
        (
            ("about", "12", ""),
            ("point", "12", ""),
            ("range", "11", "13"),
            ("at_least", "12", ""),
            ("about", "13", ""),
        ),
        level=9.5,
        spread=0.2,
        trend=4.0,
        trend_sd=2.0,
        noise=0.03,
        year=2025,
    ),
)

RATE_KINDS = frozenset({"tang-truong", "ty-trong", "co-cau", "bao-phu", "ho-ngheo", "luon-dat"})


@dataclass(frozen=True)
class Summary:
    """What a generation wrote, for the benchmark tables."""

    scale: str
    seed: int
    generator_version: int
    areas: int
    indicators: int
    clauses: int
    rows: int  # rows of observations.csv
    revision_rows: int  # rows of revisions.csv
    seconds: float

    @property
    def total_rows(self) -> int:
        return self.rows + self.revision_rows


def slug(text: str) -> str:
    """ASCII code for a Vietnamese name ("Đắk Lắk" → "dak-lak")."""
    text = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.lower().split())


def resolution_id(scale: str, seed: int) -> str:
    return f"gia-lap-{scale.replace('.', '-')}-s{seed}"


def areas(scale: str, seed: int) -> Iterator[tuple[str, str, str | None]]:
    """(code, Vietnamese name, parent) for the country, its provinces and communes."""
    provinces, communes, _ = SCALES[scale]
    rng = np.random.default_rng([seed, 7])
    yield "viet-nam", "Cả nước", None
    codes = []
    for kind, name in PROVINCES[:provinces]:
        code = slug(name)
        codes.append(code)
        yield code, f"{kind} {name}", "viet-nam"
    parents = rng.integers(0, provinces, size=communes)
    first = rng.integers(0, len(SYLLABLES), size=communes)
    second = rng.integers(0, len(SYLLABLES), size=communes)
    ward = rng.random(communes) < 0.2
    for i in range(communes):
        kind = "Phường" if ward[i] else "Xã"
        name = f"{kind} {SYLLABLES[first[i]]} {SYLLABLES[second[i]]} {i + 1:04d}"
        yield f"{'phuong' if ward[i] else 'xa'}-{i + 1:05d}", name, codes[parents[i]]


def indicator_code(kind: Kind, variant: int, copy: int = 0) -> str:
    return f"{kind.stem}-{variant + 1}" + (f"-n{copy + 1}" if copy else "")


def indicator_sets(scale: str) -> range:
    return range(SCALES[scale][2])


def _name(text: str, copy: int) -> str:
    return f"{text} (nhóm {copy + 1})" if copy else text


def resolution_yaml(scale: str, seed: int) -> tuple[str, int]:
    """The definition text and its number of clauses."""
    out = io.StringIO()
    w = out.write
    w("# Synthetic national resolution for the benchmarks (bench/synthetic.py). Not real.\n")
    w("format: chitieu/resolution@1\n")
    w(f"id: {resolution_id(scale, seed)}\n")
    w('title: {vi: "Nghị quyết tổng hợp (dữ liệu giả lập) giai đoạn 2021-2025", '
      'en: "Synthetic national resolution, 2021–2025"}\n')  # fmt: skip
    w('body: {vi: "Bộ dữ liệu giả lập", en: "Synthetic data set"}\n')
    w(f"base_year: {BASE_YEAR}\nperiod: {TERM[0]}-{TERM[1]}\narea: viet-nam\n")
    w(f'source: {{document: "{SOURCE}", section: "giả lập, hạt giống {seed}"}}\n')
    w("areas:\n")
    for code, name, parent in areas(scale, seed):
        extra = f", parent: {parent}" if parent else ""
        w(f'  - {{code: {code}, name: {{vi: "{name}"}}{extra}}}\n')
    w("indicators:\n")
    for copy in indicator_sets(scale):
        for kind in KINDS:
            for v, (vi, en) in enumerate(kind.names):
                _indicator(w, kind, v, copy, vi, en)
    w("groups:\n")
    w('  - {code: kinh-te, name: {vi: "Về kinh tế", en: "Economy"}}\n')
    w('  - {code: xa-hoi, name: {vi: "Về xã hội", en: "Society"}}\n')
    w("targets:\n")
    clauses = 0
    number = 0
    for copy in indicator_sets(scale):
        for kind in KINDS:
            social = kind.stem in ("viec-lam", "bao-phu", "ho-ngheo", "mat-do")
            group = "xa-hoi" if social else "kinh-te"
            for v, (vi, en) in enumerate(kind.names):
                number += 1
                clauses += _target(w, kind, v, copy, number, group, _name(vi, copy), en)
    return out.getvalue(), clauses


def _indicator(w: Callable[[str], object], kind: Kind, v: int, copy: int, vi: str, en: str) -> None:
    w(f"  - code: {indicator_code(kind, v, copy)}\n")
    w(f'    name: {{vi: "{_name(vi, copy)}", en: "{_name(en, copy)}"}}\n')
    w(f'    unit: "{kind.unit}"\n    direction: {kind.direction}\n')
    w(f"    measure: {kind.measure}\n    aggregation: {kind.aggregation}\n")


def _target(
    w: Callable[[str], object],
    kind: Kind,
    v: int,
    copy: int,
    number: int,
    group: str,
    vi: str,
    en: str,
) -> int:
    """Write one target and its clauses; return how many clauses."""
    code = indicator_code(kind, v, copy)
    bound, low, high = kind.bounds[v]
    w(f'  - id: "{number}"\n    number: {number}\n    group: {group}\n')
    w(f'    label: {{vi: "{vi}", en: "{en}"}}\n')
    w(f'    text: "{vi} ({_bound_words(bound, low, high)} {kind.clause_unit})"\n')
    w("    clauses:\n")
    specs = [(f"{number}a", kind.year, bound, low, high)]
    if kind.second == "mid":
        specs.append((f"{number}b", 2023, "at_least", "60", ""))
    for cid, year, b, lo, hi in specs:
        w(f'      - id: {cid}\n        text: "{vi}"\n        indicator: {code}\n')
        w(f"        kind: {kind.clause}\n        bound: {b}\n")
        if b == "range":
            w(f'        low: "{lo}"\n        high: "{hi}"\n')
        else:
            w(f'        value: "{lo}"\n')
        w(f'        unit: "{kind.clause_unit}"\n')
        if kind.clause in ("average_growth", "cumulative", "per_year"):
            w(f"        period: {TERM[0]}-{TERM[1]}\n")
        elif kind.clause == "milestone":
            w(f"        year: {lo}\n")
        else:
            w(f"        year: {year}\n")
        if kind.each_year:
            w("        each_year: true\n")
    return len(specs)


def _bound_words(bound: str, low: str, high: str) -> str:
    words = {
        "at_least": "tối thiểu",
        "above": "trên",
        "below": "dưới",
        "at_most": "không quá",
        "point": "đạt",
        "about": "khoảng",
    }
    return f"{low} - {high}" if bound == "range" else f"{words[bound]} {low}"


def _series(kind: Kind, rng: np.random.Generator, n: int) -> np.ndarray:
    """n areas × 10 years of figures for one indicator, drawn as the module doc says."""
    years = len(YEARS)
    if kind.clause == "milestone":
        done = np.round(rng.normal(kind.level, kind.noise, size=n))
        out = np.full((n, years), np.nan)
        for i, y in enumerate(done):
            if YEARS[0] <= y <= YEARS[-1]:
                out[i, int(y) - YEARS[0]] = y
        return out
    if kind.clause == "rank":
        start = rng.integers(1, 34, size=n).astype(float)
        steps = np.round(rng.normal(0, kind.noise, size=(n, years)))
        steps[:, 0] = 0
        return np.clip(start[:, None] + np.cumsum(steps, axis=1), 1, 34)
    if kind.stem == "tang-truong":
        mean = rng.normal(kind.level, kind.trend_sd, size=n)
        return mean[:, None] + rng.normal(0, kind.noise, size=(n, years))
    if kind.stem in RATE_KINDS:
        start = kind.level * np.exp(rng.normal(0, kind.spread, size=n))
        trend = rng.normal(kind.trend, kind.trend_sd, size=n)
        t = np.arange(years)
        values = start[:, None] + trend[:, None] * t + rng.normal(0, kind.noise, size=(n, years))
        return np.clip(values, 0.1, 100.0)
    start = kind.level * np.exp(rng.normal(0, kind.spread, size=n))
    trend = rng.normal(kind.trend, kind.trend_sd, size=n) / 100.0
    factors = (1 + trend[:, None]) * np.exp(rng.normal(0, kind.noise, size=(n, years)))
    factors[:, 0] = 1.0
    return start[:, None] * np.cumprod(factors, axis=1)


def _status(year: int) -> str:
    return "official" if year <= 2023 else ("preliminary" if year == 2024 else "estimate")


def _fmt(kind: Kind, value: float) -> str:
    if kind.clause in ("milestone", "rank"):
        return str(int(value))
    if kind.stem == "viec-lam":
        return str(round(value))
    return f"{value:.2f}"


HEADER = ("indicator", "area", "period", "value", "unit", "status", "source_document")


def generate(out: Path, scale: str, seed: int) -> Summary:
    """Write resolution.yaml, observations.csv and revisions.csv into ``out``."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; known: {', '.join(SCALES)}")
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    text, clauses = resolution_yaml(scale, seed)
    (out / "resolution.yaml").write_text(text, encoding="utf-8")
    codes = [code for code, _, _ in areas(scale, seed)]
    rng = np.random.default_rng(seed)
    rows = revision_rows = 0
    with (
        (out / "observations.csv").open("w", encoding="utf-8", newline="") as obs_file,
        (out / "revisions.csv").open("w", encoding="utf-8", newline="") as rev_file,
    ):
        obs_csv, rev_csv = csv.writer(obs_file), csv.writer(rev_file)
        obs_csv.writerow(HEADER)
        rev_csv.writerow(HEADER)
        # Area blocks of 512 keep every draw vectorised and memory flat at any scale.
        for lo in range(0, len(codes), 512):
            block = codes[lo : lo + 512]
            n = len(block)
            series = ((c, k, v) for c in indicator_sets(scale) for k in KINDS for v in range(5))
            for copy, kind, v in series:
                code = indicator_code(kind, v, copy)
                values = _series(kind, rng, n)
                present = ~np.isnan(values) & (rng.random(values.shape) >= GAP_RATE)
                revised = rng.random(values.shape) < REVISION_RATE
                shift = rng.normal(0, 0.01, size=values.shape)
                for i, j in zip(*np.nonzero(present), strict=True):
                    year = YEARS[j]
                    status = _status(year)
                    value = float(values[i, j])
                    row = [code, block[i], year, _fmt(kind, value), kind.unit, status, SOURCE]
                    obs_csv.writerow(row)
                    rows += 1
                    if not revised[i, j] or kind.clause in ("milestone", "rank"):
                        continue
                    row[3] = _fmt(kind, value * (1 + shift[i, j]))
                    if status == "official":
                        rev_csv.writerow(row)
                        revision_rows += 1
                    else:
                        row[5] = "official"
                        obs_csv.writerow(row)
                        rows += 1
    summary = Summary(
        scale,
        seed,
        GENERATOR_VERSION,
        len(codes),
        sum(len(k.names) for k in KINDS) * len(indicator_sets(scale)),
        clauses,
        rows,
        revision_rows,
        round(time.perf_counter() - started, 2),
    )
    (out / "summary.json").write_text(json.dumps(asdict(summary), indent=1), encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=tuple(SCALES), default="2m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    s = generate(args.out, args.scale, args.seed)
    print(
        f"{args.out}: {s.areas:,} areas, {s.indicators} indicators, {s.clauses} clauses, "
        f"{s.rows:,} figures + {s.revision_rows:,} revisions in {s.seconds:.1f} s"
    )


if __name__ == "__main__":
    main()

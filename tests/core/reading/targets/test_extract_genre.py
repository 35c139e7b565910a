"""Targets written in other provinces' styles (invented excerpts, not Hải Phòng's)."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.model import BoundKind, ClauseKind
from chitieu.core.reading import DraftClause, Extraction, extract_targets, normalise

from .helpers import clauses_of

NUMBERED_DASH = """II. MỤC TIÊU, CHỈ TIÊU
2. Các chỉ tiêu chủ yếu
a) Về kinh tế:
1- Tốc độ tăng trưởng kinh tế (GRDP) bình quân 5 năm đạt 7,5 - 8%/năm.
2- GRDP bình quân đầu người đến năm 2025 đạt khoảng 95 triệu đồng.
3- Tổng vốn đầu tư toàn xã hội 5 năm khoảng 250.000 tỷ đồng.
b) Về xã hội:
4- Tỷ lệ hộ nghèo giảm bình quân 1 - 1,5%/năm; đến năm 2025 không còn hộ nghèo.
5- Tỷ lệ trẻ em (từ 3 đến 18 tuổi) được đến trường đạt trên 98%.
6- Đạt 12 bác sĩ/vạn dân; 35 giường bệnh/vạn dân.
III. NHIỆM VỤ VÀ GIẢI PHÁP
1. Phát triển công nghiệp: đạt 99 khu.
"""

PAREN_DOT = """2. Các chỉ tiêu cụ thể
(1). Tăng trưởng kinh tế bình quân từ 6,5% đến 7%/năm.
(2). Tỷ lệ đô thị hóa đến năm 2025 đạt 40 ÷ 45%.
(3). Giải quyết việc làm cho 5,58 vạn lượt lao động/năm.
(4). Đến năm 2025, có 100% số xã đạt chuẩn nông thôn mới, ít nhất 30% số xã đạt chuẩn
nông thôn mới nâng cao.
(5). Tỷ lệ thất nghiệp khu vực thành thị không quá 3%.
(6). Kim ngạch xuất khẩu đạt 2 tỷ USD trở lên.
3. Nhiệm vụ trọng tâm
"""

PROSE = """Mục tiêu, chỉ tiêu chủ yếu
Về kinh tế: tốc độ tăng trưởng kinh tế bình quân đạt 8%/năm; thu nhập bình quân đầu người \
năm 2025 đạt 3.500 USD; thu ngân sách trên địa bàn đến năm 2025 đạt 12.000 tỷ đồng. Về xã hội: \
tỷ lệ lao động qua đào tạo đạt 70%, trong đó có bằng cấp, chứng chỉ đạt 30%; tỷ lệ bao phủ \
bảo hiểm y tế trên 95%. Về môi trường: tỷ lệ che phủ rừng duy trì 45%.
"""


def _row(c: DraftClause) -> tuple[object, ...]:
    time = c.period if c.period is not None else c.year
    return (c.kind.value, c.bound.value, c.low, c.high, c.unit, time)


def test_numbered_dash_items_and_lettered_groups() -> None:
    extraction = extract_targets(normalise(NUMBERED_DASH))
    assert extraction.groups == ("Về kinh tế", "Về xã hội")
    assert [t.number for t in extraction.targets] == [1, 2, 3, 4, 5, 6]
    clauses = {c.id: c for t in extraction.targets for c in t.clauses}
    assert {k: _row(c) for k, c in clauses.items()} == {
        # "5 năm" is a duration, not the target; "7,5 - 8%/năm" is the range
        "1a": ("average_growth", "range", "7,5", "8", "%/năm", (2021, 2025)),
        "2a": ("level", "about", "95", "95", "triệu đồng", 2025),
        "3a": ("cumulative", "about", "250.000", "250.000", "tỷ đồng", (2021, 2025)),
        "4a": ("average_growth", "range", "1", "1,5", "%/năm", (2021, 2025)),
        "4b": ("level", "point", "0", "0", "", 2025),  # "không còn hộ nghèo"
        "5a": ("level", "above", "98", None, "%", 2025),  # "(từ 3 đến 18 tuổi)" ignored
        "6a": ("level", "point", "12", "12", "bác sĩ/vạn dân", 2025),
        "6b": ("level", "point", "35", "35", "giường bệnh/vạn dân", 2025),
    }
    # The tasks section after the targets is not read.
    assert not any("99" in c.text for c in clauses.values())


def test_paren_dot_items_ranges_and_one_sided_bounds() -> None:
    clauses = clauses_of(PAREN_DOT)
    assert {k: _row(c) for k, c in clauses.items()} == {
        "1a": ("average_growth", "range", "6,5", "7", "%/năm", (2021, 2025)),  # từ X đến Y
        "2a": ("level", "range", "40", "45", "%", 2025),  # X ÷ Y
        "3a": ("per_year", "point", "5,58", "5,58", "vạn lượt lao động/năm", (2021, 2025)),
        "4a": ("coverage", "point", "100", "100", "%", 2025),  # 100% số xã
        "4b": ("coverage", "at_least", "30", None, "%", 2025),  # ít nhất, across a line break
        "5a": ("level", "at_most", None, "3", "%", 2025),  # không quá
        "6a": ("level", "at_least", "2", None, "tỷ USD", 2025),  # trở lên
    }
    assert clauses["3a"].value_base == Decimal(55800)  # 1 vạn = 10.000
    assert clauses["6a"].value_base == Decimal(2) * 10**9


def test_unnumbered_prose_with_inline_groups() -> None:
    extraction = extract_targets(normalise(PROSE))
    assert extraction.groups == ("Về kinh tế", "Về xã hội", "Về môi trường")
    rows = [(t.group, *_row(c)) for t in extraction.targets for c in t.clauses]
    assert rows == [
        ("Về kinh tế", "average_growth", "point", "8", "8", "%/năm", (2021, 2025)),
        ("Về kinh tế", "level", "point", "3.500", "3.500", "USD", 2025),
        ("Về kinh tế", "level", "point", "12.000", "12.000", "tỷ đồng", 2025),
        ("Về xã hội", "level", "point", "70", "70", "%", 2025),
        ("Về xã hội", "level", "point", "30", "30", "%", 2025),
        ("Về xã hội", "level", "above", "95", None, "%", 2025),
        ("Về môi trường", "level", "point", "45", "45", "%", 2025),
    ]
    texts = [c.text for t in extraction.targets for c in t.clauses]
    assert texts[4] == "trong đó có bằng cấp, chứng chỉ đạt 30%"
    assert extraction.targets[-1].clauses[0].indicator == "tỷ lệ che phủ rừng"


def test_milestone_before_a_year_is_the_year_before() -> None:
    text = "Các chỉ tiêu chủ yếu\n(1) Hoàn thành di chuyển trung tâm hành chính trước năm 2025.\n"
    clause = clauses_of(text)["1a"]
    assert (clause.kind, clause.bound, clause.high, clause.unit) == (
        ClauseKind.MILESTONE, BoundKind.AT_MOST, "2024", "năm",
    )  # fmt: skip


def test_explicit_span_and_no_section() -> None:
    text = normalise("Lời mở đầu.\nTỷ lệ hộ nghèo dưới 1% vào năm 2030.\n")
    assert extract_targets(text).spans == ()
    found: Extraction = extract_targets(text, start=text.index("Tỷ"), end=len(text))
    assert [(c.bound, c.high, c.year) for t in found.targets for c in t.clauses] == [
        (BoundKind.BELOW, "1", 2030)
    ]
    assert found.period == (2026, 2030)
    assert not found.period_stated


def test_period_from_the_term() -> None:
    text = normalise("Nhiệm kỳ 2025-2030\nCác chỉ tiêu chủ yếu\n(1) Kết nạp 500 đảng viên.\n")
    found = extract_targets(text)
    assert found.period == (2026, 2030)
    assert found.targets[0].clauses[0].period == (2026, 2030)


DOT_NUMBERED_MESSY = (
    "b) Các chỉ tiêu chủ yếu\n"
    "2.1- Về kinh tế\n"
    "1. Thu ngân sách trên địa bàn năm 2025 đạt 25.000\u00a0-\u00a027.000 tỷ\u00a0đồng.\n"
    "2. Tỷ trọng kinh tế số\ufffd trong GRDP đạt\n"
    "20 %.\n"
    "2.2- Về xã hội\n"
    "3. Số bác sĩ đạt 11 bác sĩ/10.000 dân, 32 giường bệnh/vạn dân vào năm 2030.\n"
    "c) Nhiệm vụ và giải pháp\n"
)


def test_dot_numbered_items_with_messy_text() -> None:
    text = normalise(DOT_NUMBERED_MESSY)
    extraction = extract_targets(text)
    assert extraction.groups == ("Về kinh tế", "Về xã hội")
    clauses = {c.id: c for t in extraction.targets for c in t.clauses}
    assert {k: _row(c) for k, c in clauses.items()} == {
        "1a": ("level", "range", "25.000", "27.000", "tỷ đồng", 2025),  # NBSP around "-"
        "2a": ("share", "point", "20", "20", "%", 2030),  # line break before "20 %"
        "3a": ("level", "point", "11", "11", "bác sĩ/10.000 dân", 2030),
        "3b": ("level", "point", "32", "32", "giường bệnh/vạn dân", 2030),
    }
    assert extraction.period == (2026, 2030)
    assert clauses["2a"].text == "Tỷ trọng kinh tế số  trong GRDP đạt\n20 %"
    assert clauses["1a"].high_base == Decimal("2.7e13")

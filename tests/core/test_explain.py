"""Explanations: one sentence per result, vi and en, with vi-VN numbers (DESIGN §3, §4)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest

from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.explain import bound_phrase, num, qty
from chitieu.core.model import (
    Area,
    Bound,
    BoundKind,
    Clause,
    ClauseKind,
    Direction,
    Group,
    Indicator,
    Measure,
    Resolution,
    Target,
    Text,
    Verdict,
)
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.core.results import ClauseResult

D = Decimal
AREA = "HP"


def _ind(
    code: str, unit: str, direction: Direction = Direction.HIGHER, measure: Measure = Measure.LEVEL
) -> Indicator:
    return Indicator(code, Text(f"chỉ tiêu {code}", f"indicator {code}"), unit, direction, measure)


def _clause(
    cid: str,
    code: str,
    kind: ClauseKind,
    bk: BoundKind,
    low: str | None,
    high: str | None,
    unit: str,
    **kw: object,
) -> Clause:
    bound = Bound(bk, D(low) if low else None, D(high) if high else None, unit)
    if "year" not in kw and "period" not in kw:
        kw["year"] = 2025
    return Clause(cid, "text", code, kind, bound, label=Text(cid), **kw)  # type: ignore[arg-type]


def _obs(
    code: str, year: int | tuple[int, int], value: str, unit: str, **kw: object
) -> Observation:
    period = (year, year) if isinstance(year, int) else year
    status = kw.pop("status", Status.OFFICIAL)
    return Observation(code, AREA, period, D(value), unit, status, **kw)  # type: ignore[arg-type]


INDICATORS = (
    _ind("grdp-pc", "USD"),
    _ind("rev", "nghìn tỷ đồng"),
    _ind("agri", "%", Direction.LOWER),
    _ind("unemp", "%", Direction.LOWER),
    _ind("growth", "%", measure=Measure.GROWTH_RATE),
    _ind("invest", "nghìn tỷ đồng"),
    _ind("jobs", "vạn lượt lao động/năm"),
    _ind("road", "năm"),
    _ind("pci", "hạng", Direction.LOWER),
    _ind("poverty", "%/năm"),
    _ind("missing", "%"),
)
CLAUSES = (
    _clause(
        "GRDP bình quân đầu người",
        "grdp-pc",
        ClauseKind.LEVEL,
        BoundKind.POINT,
        "5600",
        "5600",
        "USD",
    ),
    _clause(
        "Thu nội địa", "rev", ClauseKind.LEVEL, BoundKind.AT_LEAST, "60", None, "nghìn tỷ đồng"
    ),
    _clause("Tỷ trọng nông nghiệp", "agri", ClauseKind.SHARE, BoundKind.POINT, "5.3", "5.3", "%"),
    _clause("Thất nghiệp", "unemp", ClauseKind.LEVEL, BoundKind.BELOW, None, "4", "%"),
    _clause(
        "Tăng trưởng GRDP",
        "growth",
        ClauseKind.AVERAGE_GROWTH,
        BoundKind.AT_LEAST,
        "16",
        None,
        "%/năm",
        period=(2021, 2025),
    ),
    _clause(
        "Vốn đầu tư",
        "invest",
        ClauseKind.CUMULATIVE,
        BoundKind.AT_LEAST,
        "1500",
        None,
        "nghìn tỷ đồng",
        period=(2021, 2025),
    ),
    _clause(
        "Giải quyết việc làm",
        "jobs",
        ClauseKind.PER_YEAR,
        BoundKind.AT_LEAST,
        "5.58",
        None,
        "vạn lượt lao động/năm",
        period=(2021, 2025),
    ),
    _clause(
        "Đường ven biển",
        "road",
        ClauseKind.MILESTONE,
        BoundKind.POINT,
        "2022",
        "2022",
        "năm",
        year=2022,
    ),
    _clause(
        "PCI",
        "pci",
        ClauseKind.RANK,
        BoundKind.AT_MOST,
        None,
        "10",
        "hạng",
        period=(2021, 2025),
        each_year=True,
    ),
    _clause("Giảm nghèo", "poverty", ClauseKind.LEVEL, BoundKind.RANGE, "0.7", "1", "%/năm"),
    _clause("Chưa có số liệu", "missing", ClauseKind.LEVEL, BoundKind.AT_LEAST, "10", None, "%"),
)
OBSERVATIONS = [
    _obs("grdp-pc", 2020, "4500", "USD"),
    _obs("grdp-pc", 2023, "5400", "USD"),
    _obs("grdp-pc", 2025, "6196", "USD"),
    _obs("rev", 2020, "40", "nghìn tỷ đồng"),
    _obs("rev", 2022, "61.5", "nghìn tỷ đồng"),
    _obs("rev", 2025, "70", "nghìn tỷ đồng", status=Status.ESTIMATE),
    _obs("agri", 2020, "7", "%"),
    _obs("agri", 2023, "6", "%"),
    _obs("agri", 2025, "4.32", "%"),
    _obs("unemp", 2023, "3.9", "%"),
    _obs("unemp", 2025, "3.86", "%"),
    *(
        _obs("growth", y, v, "%")
        for y, v in zip(range(2021, 2026), ["12.38", "12.32", "10.34", "11.01", "9.5"], strict=True)
    ),
    *(
        _obs("invest", y, v, "nghìn tỷ đồng")
        for y, v in zip(range(2021, 2026), ["280", "300", "320", "330", "350"], strict=True)
    ),
    *(_obs("jobs", y, "56000", "lượt lao động") for y in range(2021, 2026)),
    _obs("road", 2021, "2021", "năm"),
    *(
        _obs("pci", y, v, "hạng")
        for y, v in zip(range(2021, 2026), ["8", "9", "12", "7", "6"], strict=True)
    ),
    _obs("poverty", 2023, "0.8", "%/năm"),
    _obs("poverty", 2025, "0.73", "%/năm", qualifier=Qualifier.APPROX),
]


def _resolution() -> Resolution:
    targets = tuple(Target(f"t{k}", "kt", c.id, (c,), number=k) for k, c in enumerate(CLAUSES, 1))
    return Resolution(
        id="test",
        title=Text("Nghị quyết", "Resolution"),
        body=Text("Đảng bộ", "Committee"),
        base_year=2020,
        period=(2021, 2025),
        area=AREA,
        groups=(Group("kt", Text("Kinh tế", "Economy")),),
        targets=targets,
        indicators=INDICATORS,
        areas=(Area(AREA, Text("thành phố Hải Phòng", "Hai Phong city")),),
    )


def _results(as_of: int) -> dict[str, ClauseResult]:
    out = evaluate_resolution(_resolution(), OBSERVATIONS, EvaluationSettings(as_of=as_of))
    return {t.clauses[0].clause.id: t.clauses[0] for t in out.targets}


ALL = [(as_of, cid) for as_of in (2023, 2025) for cid in (c.id for c in CLAUSES)]
_EN_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)")  # "11,51": a vi decimal in English
_VI_DECIMAL_POINT = re.compile(r"\d\.\d{1,2}(?!\d)")  # "11.51": an en decimal in Vietnamese


@pytest.mark.parametrize(("as_of", "cid"), ALL)
def test_every_result_has_both_sentences(as_of: int, cid: str) -> None:
    r = _results(as_of)[cid]
    vi, en = r.explanation.vi, r.explanation.en
    assert vi.strip()
    assert en.strip()
    assert unicodedata.is_normalized("NFC", vi)
    assert unicodedata.is_normalized("NFC", en)
    assert vi.endswith(".")
    assert en.endswith(".")
    assert not _VI_DECIMAL_POINT.search(vi), vi
    assert not _EN_DECIMAL_COMMA.search(en), en
    for note in r.notes:
        assert note.vi
        assert note.en
        assert not _VI_DECIMAL_POINT.search(note.vi), note.vi


def test_final_sentences_state_figures_and_outcome() -> None:
    r = _results(2025)
    grdp = r["GRDP bình quân đầu người"].explanation
    assert "6.196" in grdp.vi
    assert "5.600" in grdp.vi
    assert "hoàn thành vượt mức" in grdp.vi
    assert "6,196" in grdp.en
    assert "exceeded" in grdp.en
    rev = r["Thu nội địa"].explanation
    # 61,5 ≥ 60 already in 2022: "trước 03 năm" as the report writes it
    assert "70 nghìn tỷ đồng (ước)" in rev.vi
    assert "trước 03 năm" in rev.vi
    assert "2022" in rev.vi
    assert "(estimate)" in rev.en
    agri = r["Tỷ trọng nông nghiệp"].explanation
    assert "4,32%" in agri.vi
    assert "5,3%" in agri.vi
    assert "4.32%" in agri.en
    unemp = r["Thất nghiệp"].explanation
    assert "3,86%" in unemp.vi
    assert "dưới 4%" in unemp.vi
    assert "hoàn thành" in unemp.vi
    assert "vượt" not in unemp.vi
    invest = r["Vốn đầu tư"].explanation
    assert "1.580 nghìn tỷ đồng" in invest.vi
    assert "1.500 nghìn tỷ đồng" in invest.vi
    assert "1,580 trillion VND" in invest.en
    growth = r["Tăng trưởng GRDP"].explanation
    # geomean 2021–2025 ≈ 11,104 % (see test_evaluate)
    assert "bình quân 2021–2025" in growth.vi
    assert "11,1%/năm" in growth.vi
    assert "không hoàn thành" in growth.vi
    jobs = r["Giải quyết việc làm"].explanation
    # 56.000 lượt = 5,6 vạn a year > 5,58
    assert "5,6 vạn lượt lao động/năm" in jobs.vi
    road = r["Đường ven biển"].explanation
    assert "2021" in road.vi
    assert "2022" in road.vi
    pci = r["PCI"].explanation
    assert "12" in pci.vi
    assert "không hoàn thành" in pci.vi
    poverty = r["Giảm nghèo"].explanation
    assert "khoảng 0,73%/năm" in poverty.vi
    assert "0,7–1%/năm" in poverty.vi
    assert "about 0.73%/year" in poverty.en
    missing = r["Chưa có số liệu"].explanation
    assert "Chưa có số liệu" in missing.vi
    assert "thành phố Hải Phòng" in missing.vi
    assert "Hai Phong city" in missing.en


def test_in_term_sentences_state_status_pace_and_need() -> None:
    r = _results(2023)
    growth = r["Tăng trưởng GRDP"]
    assert growth.verdict is Verdict.OFF_TRACK or growth.verdict is Verdict.AT_RISK
    vi = growth.explanation.vi
    # 2021–2023: (1,1238 × 1,1232 × 1,1034)^(1/3) − 1 = 1,392769^(1/3) − 1 ≈ 11,676 %
    # (1,11676³ = 1,392770)
    assert "bình quân 2021–2023" in vi
    assert "11,7%/năm" in vi
    # the status in words and the pace behind it: 11,676 / 16 = 72,97 % (shown as 73%)
    assert "có nguy cơ không đạt" in vi
    assert "bằng 73% mức cần thiết" in vi
    # (1,16^5 / 1,392769)^(1/2) − 1 = 1,508018^(1/2) − 1 ≈ 22,80 %
    assert "giai đoạn 2024–2025 cần tăng bình quân 22,8%/năm" in vi
    assert "at risk" in growth.explanation.en
    rev = r["Thu nội địa"]
    assert rev.verdict is Verdict.ON_TRACK
    assert "đã đạt mục tiêu từ năm 2022" in rev.explanation.vi
    assert "đúng tiến độ" in rev.explanation.vi
    grdp = r["GRDP bình quân đầu người"]
    # 4.500 → 5.400 (2020–2023): projection 5.400 × (1,2)^(2/3) = 6.097,6… (shown as 6.098)
    assert "năm 2025 ước đạt khoảng 6.098 " in grdp.explanation.vi
    assert "5.400 USD" in grdp.explanation.vi


def test_a_rounded_tie_is_not_called_equal_when_judged_a_miss() -> None:
    growth = _ind("g", "%", measure=Measure.GROWTH_RATE)
    c = _clause(
        "g",
        "g",
        ClauseKind.AVERAGE_GROWTH,
        BoundKind.AT_LEAST,
        "16",
        None,
        "%/năm",
        period=(2021, 2025),
    )
    res = Resolution(
        "r",
        Text("r"),
        Text("b"),
        2020,
        (2021, 2025),
        AREA,
        (),
        (Target("t", "kt", "x", (c,)),),
        (growth,),
    )
    figs = [_obs("g", y, "16", "%") for y in range(2021, 2025)] + [
        _obs("g", 2025, "15.999999", "%")
    ]
    r = evaluate_resolution(res, figs, EvaluationSettings()).targets[0].clauses[0]
    assert r.verdict is Verdict.NOT_ACHIEVED
    assert "bằng mục tiêu" not in r.explanation.vi
    assert "thấp hơn mục tiêu" in r.explanation.vi


@pytest.mark.parametrize(
    ("value", "lang", "computed", "expected"),
    [
        (D("1500"), "vi", False, "1.500"),
        (D("6196"), "vi", False, "6.196"),
        (D("131314"), "vi", False, "131.314"),
        (D("14.94"), "vi", False, "14,94"),
        (D("14.94"), "en", False, "14.94"),
        (D("1500.5"), "en", False, "1,500.5"),
        (D("11.509097"), "vi", True, "11,5"),
        (D("11.509097"), "en", True, "11.5"),
        (D("0.004"), "vi", True, "0"),
        (D("-0.004"), "vi", True, "0"),
    ],
)
def test_num(value: Decimal, lang: str, computed: bool, expected: str) -> None:
    assert num(value, lang, computed) == expected


def test_qty_and_bound_phrase() -> None:
    assert qty(D(16), "%/năm", "vi") == "16%/năm"
    assert qty(D(1500), "nghìn tỷ đồng", "vi") == "1.500 nghìn tỷ đồng"
    assert qty(D(1500), "nghìn tỷ đồng", "en") == "1,500 trillion VND"
    assert (
        bound_phrase(Bound(BoundKind.AT_LEAST, D(16), None, "%/năm"), "vi") == "tối thiểu 16%/năm"
    )
    assert bound_phrase(Bound(BoundKind.BELOW, None, D("3.5"), "%"), "vi") == "dưới 3,5%"
    assert bound_phrase(Bound(BoundKind.RANGE, D(87), D(88), "%"), "vi") == "87–88%"
    assert bound_phrase(Bound(BoundKind.AT_MOST, None, D("3.5"), "%"), "en") == "at most 3.5%"

"""The opening summary, worded as the reports word it (core.summary)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chitieu import datasets
from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Verdict
from chitieu.core.results import ResolutionResult
from chitieu.core.summary import summarize
from chitieu.definitions import load_resolution
from chitieu.exchange.figures_csv import load_observations_csv


def _evaluate(name: str, as_of: int) -> ResolutionResult:
    ds = datasets.get(name)
    assert ds is not None
    assert ds.observations is not None
    resolution = load_resolution(ds.definition)
    obs = load_observations_csv(
        ds.observations,
        indicators={i.code: i for i in resolution.indicators},
        areas=[a.code for a in resolution.areas],
    )
    return evaluate_resolution(resolution, obs, EvaluationSettings(as_of=as_of))


@pytest.fixture(scope="module")
def xv() -> ResolutionResult:
    return _evaluate("haiphong-xv-2015-2020", 2020)


@pytest.fixture(scope="module")
def xvi_2024() -> ResolutionResult:
    return _evaluate("haiphong-xvi-2020-2025", 2024)


def test_xv_sentence_in_the_reports_words(xv: ResolutionResult) -> None:
    s = summarize(xv)
    assert s.total == 19
    assert s.counts == {Verdict.EXCEEDED: 12, Verdict.ACHIEVED: 6, Verdict.NOT_ACHIEVED: 1}
    assert s.sentence("vi") == (
        "Hoàn thành vượt mức 12/19 chỉ tiêu, trong đó có 2/12 chỉ tiêu hoàn thành trước "
        "thời hạn; hoàn thành 6/19 chỉ tiêu; không hoàn thành 1/19 chỉ tiêu "
        "(tuổi thọ trung bình)."
    )
    assert s.sentence("en").startswith("Exceeded: 12/19 targets, of which 2/12 were met early;")
    assert "(life expectancy)" in s.sentence("en")


def test_xv_targets_met_early_are_named(xv: ResolutionResult) -> None:
    s = summarize(xv)
    early = {e.number: (e.years, e.from_report) for e in s.early}
    # exports a year early and domestic revenue three years early, as the report says
    assert early[6] == (1, True)
    assert early[9] == (3, True)
    # urban unemployment: computed by chitieu from the yearly figures (met in 2017)
    assert early[13] == (3, False)
    text = s.early_sentence("vi")
    assert text.startswith("Các chỉ tiêu đạt mục tiêu trước thời hạn: (6) Kim ngạch xuất khẩu")
    assert "(9) Thu ngân sách nội địa (trước 03 năm – theo báo cáo)" in text
    assert "(13) Tỷ lệ thất nghiệp khu vực thành thị (trước 03 năm, từ năm 2017)" in text


def test_xv_says_the_source_counts_twenty(xv: ResolutionResult) -> None:
    s = summarize(xv)
    assert s.counted_by_source == 20
    assert s.source_note("vi") == (
        "Văn bản gốc tính 20 chỉ tiêu; xác định được 19 chỉ tiêu, các tỷ lệ trên tính trên 19."
    )
    assert s.heading("vi") == "Số liệu đến năm 2020 · kết quả cuối kỳ"


def test_in_term_counts(xvi_2024: ResolutionResult) -> None:
    s = summarize(xvi_2024)
    assert s.sentence("vi") == (
        "Đúng tiến độ 1/20 chỉ tiêu; có nguy cơ không đạt 2/20 chỉ tiêu; chậm tiến độ 3/20 "
        "chỉ tiêu; chưa đủ số liệu để đánh giá 14/20 chỉ tiêu."
    )
    assert s.heading("en") == "Figures up to 2024 · in-term status"
    assert s.source_note("vi") == ""  # XVI: 20 counted, 20 identified


def test_no_targets(xv: ResolutionResult) -> None:
    empty = replace(xv, targets=())
    s = summarize(empty)
    assert s.sentence("vi") == "Chưa đánh giá được chỉ tiêu nào."
    assert s.early_sentence("vi") == ""

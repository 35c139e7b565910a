"""The shipped 2020–2025 dataset: complete, cited exactly, and evaluated honestly."""

from __future__ import annotations

import csv
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu import datasets
from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Resolution, Verdict
from chitieu.core.observations import Observation
from chitieu.core.results import ResolutionResult
from chitieu.definitions import load_resolution
from chitieu.exchange.figures_csv import load_observations_csv

NAME = "haiphong-xvi-2020-2025"
REPORT = "000_4ef7886d0b8bf600.txt"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def resolution() -> Resolution:
    ds = datasets.get(NAME)
    assert ds is not None
    return load_resolution(ds.definition)


@pytest.fixture(scope="module")
def observations(resolution: Resolution) -> list[Observation]:
    ds = datasets.get(NAME)
    assert ds is not None
    assert ds.observations is not None
    return load_observations_csv(
        ds.observations,
        indicators={i.code: i for i in resolution.indicators},
        areas=[a.code for a in resolution.areas],
    )


@pytest.fixture(scope="module")
def report_lines(shared_dir: Path) -> list[str]:
    text = (shared_dir / "sources" / REPORT).read_text(encoding="utf-8")
    return [nfc(line) for line in text.splitlines()]


def test_twenty_numbered_targets_in_four_groups(resolution: Resolution) -> None:
    assert [t.number for t in resolution.targets] == list(range(1, 21))
    assert [g.code for g in resolution.groups] == [
        "kinh-te",
        "xa-hoi",
        "moi-truong",
        "xay-dung-dang",
    ]
    assert sum(len(t.clauses) for t in resolution.targets) >= 37
    first = resolution.target("1")
    assert first.headline_clause is not None
    assert first.headline_clause.text == "Tăng trưởng GRDP đạt bình quân tối thiểu 16%/năm"


def test_section_three_targets_are_there(resolution: Resolution) -> None:
    clause_texts = " ".join(c.text for t in resolution.extra_targets for c in t.clauses)
    for phrase in ("48,27%", "30,75%", "6.418 ha", "973 ha", "16 bác sĩ", "6-8 bến", "2022"):
        assert phrase in clause_texts, phrase
    assert all(t.number is None for t in resolution.extra_targets)


def test_every_clause_is_an_exact_span_of_its_cited_line(
    resolution: Resolution, report_lines: list[str]
) -> None:
    for t in (*resolution.targets, *resolution.extra_targets):
        for c in t.clauses:
            line = c.source.line or t.source.line
            assert line is not None, c.id
            assert nfc(c.text) in report_lines[line - 1], f"{c.id}: not on line {line}"


def test_every_report_figure_is_on_its_cited_line(
    observations: list[Observation], report_lines: list[str]
) -> None:
    quote = re.compile(r"trích: “([^”]+)”")
    checked = 0
    for obs in observations:
        if obs.source.line is None:
            continue
        m = quote.search(obs.note)
        assert m, f"{obs.indicator} {obs.period}: report figure without its quote"
        assert nfc(m.group(1)) in report_lines[obs.source.line - 1], (
            f"{obs.indicator} {obs.period}: quote not on line {obs.source.line}"
        )
        checked += 1
    assert checked >= 60


def test_every_press_row_is_kept_with_its_source(
    observations: list[Observation], shared_dir: Path
) -> None:
    path = shared_dir / "data" / "haiphong-press-figures-2021-2025.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 29
    for row in rows:
        year = int(row["year"])
        area = "haiphong-2025" if "sau sáp nhập" in row["area"] else "haiphong"
        matches = [
            o
            for o in observations
            if o.source.url == row["source_url"]
            and o.area == area
            and o.period[1] == year
            and o.value == Decimal(row["value"])
        ]
        assert len(matches) == 1, row


def test_merged_city_figures_are_never_used(
    resolution: Resolution, observations: list[Observation]
) -> None:
    result = evaluate_resolution(resolution, observations, EvaluationSettings(as_of=2025))
    used = [o for t in (*result.targets, *result.extra) for c in t.clauses for o in c.used]
    assert used
    assert all(o.area == "haiphong" for o in used)
    exports = next(c for c in result.target_result("6").clauses)
    assert exports.verdict is Verdict.NOT_ENOUGH_DATA
    assert any("sau sáp nhập" in n.vi for n in exports.notes)


@pytest.fixture(scope="module")
def final(resolution: Resolution, observations: list[Observation]) -> ResolutionResult:
    return evaluate_resolution(resolution, observations, EvaluationSettings(as_of=2025))


def test_final_evaluation_of_the_term(final: ResolutionResult) -> None:
    """GRDP growth 2021–2025 is 11,39 %/năm (estimate) against at least 16: not achieved."""
    growth = final.target_result("1")
    assert growth.verdict is Verdict.NOT_ACHIEVED
    assert growth.headline is not None
    assert growth.headline.actual == Decimal("11.39")
    assert "11,39%/năm" in growth.headline.explanation.vi
    assert len(final.targets) == 20
    assert all(t.verdict is not None for t in final.targets)
    for t in final.targets:
        for c in t.clauses:
            assert c.explanation.vi
            assert c.explanation.en


def test_in_term_picture_as_of_2024(
    resolution: Resolution, observations: list[Observation]
) -> None:
    result = evaluate_resolution(resolution, observations, EvaluationSettings(as_of=2024))
    growth = result.target_result("1").headline
    assert growth is not None
    # (1,1238 × 1,1232 × 1,1034 × 1,1101)^(1/4) − 1 = 11,51 %; 11,51 / 16 = 0,72 → at risk
    assert growth.verdict is Verdict.AT_RISK
    assert growth.explanation.vi.startswith(
        "Tốc độ tăng trưởng GRDP (giá so sánh) bình quân 2021–2024 đạt 11,5%/năm"
    )
    assert "năm 2025 cần tăng 35,8%" in growth.explanation.vi
    exports = result.target_result("6").headline
    assert exports is not None
    assert exports.verdict is Verdict.ON_TRACK  # 18,92 (2020) → 33,25 (2024)

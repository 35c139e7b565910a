"""Reading figures from the long CSV: the right Observation rows, problems at the right line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.model import Indicator, Text
from chitieu.core.observations import Qualifier, Status
from chitieu.definitions import DefinitionError, Problem
from chitieu.exchange.figures_csv import load_observations_csv, load_observations_text

FIXTURE = Path(__file__).parent / "fixtures" / "observations.csv"
GOOD = FIXTURE.read_text(encoding="utf-8")
HEADER = GOOD.splitlines()[0]

INDICATORS = {
    "grdp-growth": Indicator("grdp-growth", Text("Tốc độ tăng trưởng GRDP"), "%"),
    "unemployment-urban": Indicator("unemployment-urban", Text("Thất nghiệp thành thị"), "%"),
}
AREAS = {"haiphong", "haiphong-2025"}


def problems_of(text: str, **kwargs: object) -> list[Problem]:
    with pytest.raises(DefinitionError) as info:
        load_observations_text(text, "obs.csv", **kwargs)  # type: ignore[arg-type]
    return info.value.problems


def with_rows(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"


ROW = "grdp-growth,haiphong,2022,8.5,%,official,exact,Niên giám 2022,,,,,"


def test_good_file() -> None:
    rows = load_observations_csv(FIXTURE, INDICATORS, AREAS)
    assert len(rows) == 4
    first, span, official, approx = rows
    assert first.indicator == "grdp-growth"
    assert first.area == "haiphong"
    assert first.period == (2021, 2021)
    assert first.value == Decimal("12.38")
    assert first.unit == "%"
    assert first.status is Status.PRELIMINARY
    assert first.qualifier is Qualifier.EXACT
    assert first.source.url == "https://soha.vn"
    assert first.source.date == "2022-02"
    assert span.period == (2016, 2020)
    assert span.unit == "%/năm"
    assert span.source.document == "Báo cáo chính trị XVI"
    assert span.source.section == "Phần thứ nhất I.1"
    assert span.source.line == 25
    # Vietnamese status labels; empty qualifier means exact; note kept (quoted comma)
    assert official.status is Status.OFFICIAL
    assert official.qualifier is Qualifier.EXACT
    assert official.note == "bản sửa, có dấu phẩy"
    assert approx.status is Status.ESTIMATE
    assert approx.qualifier is Qualifier.APPROX


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert len(load_observations_csv(path)) == 4


def test_without_indicators_and_areas_nothing_is_looked_up() -> None:
    rows = load_observations_text(with_rows(ROW.replace("grdp-growth", "anything")))
    assert rows[0].indicator == "anything"


@pytest.mark.parametrize("written", ["abc", "1,5", "1.500.000", "12,38"])
def test_value_not_a_machine_number(written: str) -> None:
    text = with_rows(ROW, ROW.replace("8.5", f'"{written}"').replace("2022", "2023"))
    (problem,) = problems_of(text)
    assert (problem.file, problem.line, problem.field) == ("obs.csv", 3, "value")
    assert written in problem.message


def test_duplicate_row_names_both_lines() -> None:
    text = with_rows(ROW, ROW.replace("8.5", "8.6"), ROW.replace("official", "estimate"))
    (problem,) = problems_of(text)
    assert problem.line == 3
    assert "already on line 2" in problem.message


def test_unknown_status() -> None:
    (problem,) = problems_of(with_rows(ROW.replace("official", "final")))
    assert (problem.line, problem.field) == (2, "status")
    assert "'final'" in problem.message


def test_unknown_qualifier_and_bad_period() -> None:
    text = with_rows(ROW.replace("exact", "roughly"), ROW.replace("2022", "2025-2021"))
    problems = problems_of(text)
    assert [(p.line, p.field) for p in problems] == [(2, "qualifier"), (3, "period")]


def test_wrong_unit() -> None:
    text = with_rows(ROW, ROW.replace(",%,", ",tỷ đồng,").replace("2022", "2023"))
    (problem,) = problems_of(text, indicators=INDICATORS)
    assert (problem.line, problem.field) == (3, "unit")
    assert "not compatible" in problem.message


def test_unknown_unit() -> None:
    (problem,) = problems_of(with_rows(ROW.replace(",%,", ",quả trứng,")))
    assert (problem.line, problem.field) == (2, "unit")
    assert "unknown unit" in problem.message


def test_unknown_indicator_and_area() -> None:
    text = with_rows(ROW.replace("grdp-growth", "grdp"), ROW.replace("haiphong", "hanoi"))
    problems = problems_of(text, indicators=INDICATORS, areas=AREAS)
    assert [(p.line, p.field) for p in problems] == [(2, "indicator"), (3, "area")]


def test_row_without_source() -> None:
    (problem,) = problems_of(with_rows(ROW.replace("Niên giám 2022", "")))
    assert (problem.line, problem.field) == (2, "source_document")


def test_missing_and_unknown_columns() -> None:
    header = HEADER.replace("status,", "").replace("note", "notes")
    text = header + "\n" + "grdp-growth,haiphong,2022,8.5,%,exact,Niên giám,,,,,\n"
    problems = problems_of(text)
    assert {(p.line, p.field) for p in problems} == {(1, "notes"), (1, "status")}
    assert any("missing column 'status'" in p.message for p in problems)


def test_line_numbers_are_physical_lines() -> None:
    multi_line_note = ROW + '"dòng một\ndòng hai"'
    text = with_rows(multi_line_note, "", ROW.replace("2022", "2023").replace("8.5", "x"))
    # header 1, row 2-3 (quoted newline), blank line 4, bad row 5
    (problem,) = problems_of(text)
    assert (problem.line, problem.field) == (5, "value")


def test_wrong_number_of_fields() -> None:
    (problem,) = problems_of(with_rows(ROW + ",extra"))
    assert problem.line == 2
    assert "14 fields" in problem.message


def test_all_problems_are_collected() -> None:
    text = with_rows(
        ROW.replace("8.5", '"8,5"'),
        ROW.replace("official", "ước").replace("2022", "20x2"),
        ROW.replace(",%,", ",USD,"),
    )
    problems = problems_of(text, indicators=INDICATORS)
    assert [(p.line, p.field) for p in problems] == [(2, "value"), (3, "period"), (4, "unit")]
    assert str(problems[0]).startswith("obs.csv:2: value: ")


def test_money_in_another_currency_is_kept_as_reported() -> None:
    """A figure in đồng for a USD indicator loads (converted only with a rate at evaluation);
    a figure in tonnes for a USD indicator does not."""
    indicators = {"gdp-pc": Indicator("gdp-pc", Text("GRDP bình quân đầu người"), "USD/người")}
    vnd = (
        "gdp-pc,haiphong,2021,152.3,triệu đồng/người,preliminary,exact,,,,https://soha.vn,2022-02,"
    )
    rows = load_observations_text(with_rows(vnd), "obs.csv", indicators, AREAS)
    assert rows[0].unit == "triệu đồng/người"
    tonnes = "gdp-pc,haiphong,2021,152.3,tấn/người,preliminary,exact,,,,https://soha.vn,2022-02,"
    problems = problems_of(with_rows(tonnes), indicators=indicators, areas=AREAS)
    assert [(p.line, p.field) for p in problems] == [(2, "unit")]


def test_a_semicolon_file_is_read_with_vietnamese_numbers() -> None:
    """What Excel saves as CSV in a Vietnamese locale: ";" between cells, "3,2" for 3.2."""
    text = (
        HEADER.replace(",", ";")
        + "\n"
        + "grdp-growth;haiphong;2022;8,5;%;chính thức;exact;Niên giám 2022;;;;;\n"
        + "grdp-growth;haiphong;2021;12;%;ước;exact;Niên giám 2021;;;;;\n"
    )
    rows = load_observations_text(text, "excel.csv", INDICATORS, AREAS)
    assert [(r.year, r.value) for r in rows] == [(2022, Decimal("8.5")), (2021, Decimal(12))]


def test_a_machine_number_in_a_semicolon_file_gets_the_hint() -> None:
    text = HEADER.replace(",", ";") + "\ngrdp-growth;haiphong;2022;8.5;%;official;exact;N;;;;;\n"
    [problem] = problems_of(text, indicators=INDICATORS, areas=AREAS)
    assert (problem.line, problem.field) == (2, "value")
    assert problem.vi == "Bạn nhập 8.5 – nếu là tám phẩy năm, hãy gõ 8,5."


def test_every_problem_has_a_vietnamese_sentence() -> None:
    bad = "grdp-growth,hanoi,20x2,ba,quả,guess,maybe,,x,2022-13,,,"
    found = problems_of(with_rows(bad), indicators=INDICATORS, areas=AREAS)
    assert {p.field for p in found} >= {"area", "period", "value", "unit", "status"}
    for p in found:
        assert p.vi
        assert p.vi != p.message
        assert p.text("vi") == p.vi
        assert p.text("en") == p.en == p.message

"""Loading resolution definitions: the right dataclasses, and problems at the right line."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.model import (
    BoundKind,
    ClauseKind,
    Direction,
    Measure,
    Resolution,
    Verdict,
)
from chitieu.definitions import DefinitionError, Problem, load_resolution, load_resolution_text
from chitieu.definitions.schema import ResolutionSpec

FIXTURE = Path(__file__).parents[1] / "fixtures" / "resolution.yaml"
GOOD = FIXTURE.read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` line containing ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, f"{needle!r} not in the text"
    return found[nth - 1]


def variant(old: str, new: str, text: str = GOOD) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(DefinitionError) as info:
        load_resolution_text(text, "res.yaml")
    return info.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# -- a valid definition ----------------------------------------------------------------


@pytest.fixture(scope="module")
def resolution() -> Resolution:
    return load_resolution(FIXTURE)


def test_header(resolution: Resolution) -> None:
    assert resolution.id == "haiphong-test-2020-2025"
    assert resolution.title.en == "Test congress resolution"
    assert resolution.base_year == 2020
    assert resolution.period == (2021, 2025)
    assert resolution.area == "haiphong"
    assert resolution.source.line == 360
    assert [g.code for g in resolution.groups] == ["kinh-te", "xa-hoi"]
    assert [t.id for t in resolution.targets] == ["1", "2", "3"]


def test_areas_and_indicators(resolution: Resolution) -> None:
    before, after = resolution.areas
    assert before.valid_to == "2025-06-30"
    assert after.valid_from == "2025-07-01"
    assert after.predecessors == ("haiphong",)
    growth = resolution.indicator("grdp-growth")
    assert growth.unit == "%"
    assert growth.measure is Measure.GROWTH_RATE
    assert resolution.indicator("unemployment-urban").direction is Direction.LOWER


def test_average_growth_clause_gets_the_resolution_period(resolution: Resolution) -> None:
    target = resolution.target(1)
    assert target.number == 1
    assert target.group == "kinh-te"
    assert target.headline_clause is not None
    assert target.headline_clause.id == "1a"
    growth = target.clauses[0]
    assert growth.kind is ClauseKind.AVERAGE_GROWTH
    assert growth.period == (2021, 2025)
    assert growth.year is None
    assert growth.bound.kind is BoundKind.AT_LEAST
    assert (growth.bound.low, growth.bound.high) == (Decimal(16), None)
    assert growth.bound.unit == "%/năm"
    # a clause without its own citation cites its target
    assert growth.source.line == 366
    assert growth.source.document == "Báo cáo chính trị XVI"


def test_range_clause_reads_vi_vn_numbers(resolution: Resolution) -> None:
    clause = resolution.target("1").clauses[1]
    assert clause.kind is ClauseKind.LEVEL
    assert clause.year == 2025  # default: last year of the period
    assert clause.bound.kind is BoundKind.RANGE
    assert (clause.bound.low, clause.bound.high) == (Decimal(11000), Decimal(11500))
    assert (clause.base_year, clause.base_value) == (2020, Decimal(6196))


def test_one_sided_bounds(resolution: Resolution) -> None:
    below = resolution.target("2").clauses[0].bound
    assert below.kind is BoundKind.BELOW
    assert (below.low, below.high) == (None, Decimal("3.5"))
    at_most = resolution.target("III-unemployment").clauses[0].bound
    assert at_most.kind is BoundKind.AT_MOST
    assert at_most.high == Decimal(4)  # a plain YAML int


def test_value_unknown_target_keeps_the_reported_verdict(resolution: Resolution) -> None:
    target = resolution.target("3")
    assert target.value_known is False
    assert target.clauses == ()  # the clause states no value
    assert target.headline is None
    assert target.reported is not None
    assert target.reported.verdict is Verdict.EXCEEDED
    assert target.reported.met_early_years == 1
    assert target.reported.citation.line == 185
    assert target.reported.citation.quote == "vượt mục tiêu trước 01 năm"
    assert target.reported.citation.document == "Báo cáo chính trị XVI"


def test_extra_targets_are_apart_and_unnumbered(resolution: Resolution) -> None:
    assert [t.id for t in resolution.extra_targets] == ["III-unemployment"]
    extra = resolution.extra_targets[0]
    assert extra.number is None
    assert extra.source.line == 512


def test_strings_are_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Về xã hội")
    text = variant('name: {vi: "Về xã hội", en: "Society"}', f'name: {{vi: "{decomposed}"}}')
    res = load_resolution_text(text)
    assert res.group("xa-hoi").name.vi == unicodedata.normalize("NFC", "Về xã hội")
    assert res.group("xa-hoi").name.en == ""


def test_period_with_en_dash_or_list() -> None:
    assert load_resolution_text(variant("period: 2021-2025", "period: 2021–2025")).period == (
        2021,
        2025,
    )
    assert load_resolution_text(variant("period: 2021-2025", "period: [2021, 2025]")).period == (
        2021,
        2025,
    )


def test_yaml_float_is_taken_as_written() -> None:
    text = variant('value: "3,5"', "value: 3.5")
    assert load_resolution_text(text).target("2").clauses[0].bound.high == Decimal("3.5")


def test_the_whole_schema_accepts_the_fixture() -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(GOOD)
    spec = ResolutionSpec.model_validate(data)
    assert len(spec.targets) == 3


# -- malformed definitions -------------------------------------------------------------


def test_yaml_syntax_error_names_the_line() -> None:
    text = variant(
        '    label: {vi: "Tăng trưởng kinh tế"', '    label: {vi: "Tăng trưởng kinh tế"]'
    )
    problem = only_problem(text)
    assert problem.file == "res.yaml"
    assert problem.line == line_of(text, 'label: {vi: "Tăng trưởng kinh tế"')
    assert "YAML syntax error" in problem.message


def test_duplicate_yaml_key_is_a_syntax_error() -> None:
    text = variant("\nbase_year: 2020\n", "\nbase_year: 2020\nbase_year: 2019\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, "base_year: 2019")


def test_unknown_unit() -> None:
    text = variant('unit: "%/năm"', 'unit: "quả trứng/năm"')
    problem = only_problem(text)
    assert problem.field == "targets[0].clauses[0].unit"
    assert problem.line == line_of(text, "quả trứng")
    assert "unknown unit" in problem.message
    assert "target 1, clause 1a" in problem.message


def test_unit_incompatible_with_indicator() -> None:
    text = variant("unit: USD/người\n        base_year", "unit: tỷ đồng\n        base_year")
    problem = only_problem(text)
    assert problem.field == "targets[0].clauses[1].unit"
    assert problem.line == line_of(text, "unit: tỷ đồng")
    assert "not compatible" in problem.message
    assert "clause 1b" in problem.message


def test_unknown_indicator() -> None:
    text = variant(
        "indicator: unemployment-urban\n        kind: level\n        bound: below",
        "indicator: unemployment\n        kind: level\n        bound: below",
    )
    problem = only_problem(text)
    assert problem.field == "targets[1].clauses[0].indicator"
    assert problem.line == line_of(text, "indicator: unemployment")
    assert "unknown indicator 'unemployment'" in problem.message


def test_missing_required_field() -> None:
    text = variant('        text: "dưới 3,5%"\n', "")
    problem = only_problem(text)
    assert problem.field == "targets[1].clauses[0].text"
    assert problem.line == line_of(text, "- id: 2a")  # the clause that lacks it
    assert "required" in problem.message
    assert "target 2, clause 2a" in problem.message


def test_unknown_key_is_a_typo() -> None:
    text = variant("extra_targets:", "extra_target:")
    problem = only_problem(text)
    assert problem.field == "extra_target"
    assert problem.line == line_of(text, "extra_target:")
    assert "did you mean 'extra_targets'" in problem.message


def test_unknown_key_inside_a_clause() -> None:
    text = variant('value: "3,5"', 'valeu: "3,5"')
    problems = problems_of(text)
    by_field = {p.field: p for p in problems}
    assert by_field["targets[1].clauses[0].valeu"].line == line_of(text, "valeu")
    assert "did you mean 'value'" in by_field["targets[1].clauses[0].valeu"].message


def test_range_without_high() -> None:
    text = variant('        high: "11.500"\n', "")
    problem = only_problem(text)
    assert problem.field == "targets[0].clauses[1].high"
    assert problem.line == line_of(text, "bound: range")
    assert "range" in problem.message


def test_range_with_low_above_high() -> None:
    text = variant('low: "11.000"', 'low: "12.000"')
    problem = only_problem(text)
    assert problem.field == "targets[0].clauses[1].low"
    assert problem.line == line_of(text, 'low: "12.000"')
    assert "greater than high" in problem.message


def test_stray_bound_field() -> None:
    text = variant('value: "3,5"', 'value: "3,5"\n        low: "1"')
    problem = only_problem(text)
    assert problem.field == "targets[1].clauses[0].low"
    assert problem.line == line_of(text, 'low: "1"')


@pytest.mark.parametrize("written", ["abc", "12.38"])
def test_not_a_vi_vn_number(written: str) -> None:
    text = variant('value: "3,5"', f'value: "{written}"')
    problem = only_problem(text)
    assert problem.field == "targets[1].clauses[0].value"
    assert problem.line == line_of(text, written)
    assert written in problem.message


def test_unquoted_thousands_is_ambiguous() -> None:
    text = variant('low: "11.000"', "low: 11.000")
    problems = problems_of(text)
    assert [p.field for p in problems] == ["targets[0].clauses[1].low"]
    assert problems[0].line == line_of(text, "low: 11.000")
    assert "quote" in problems[0].message
    assert "target 1, clause 1b" in problems[0].message


def test_duplicate_clause_id() -> None:
    text = variant("      - id: 2a", "      - id: 1b")
    problem = only_problem(text)
    assert problem.field == "targets[1].clauses[0].id"
    assert problem.line == line_of(text, "- id: 1b", nth=2)
    assert "duplicate clause id '1b'" in problem.message


def test_duplicate_target_id() -> None:
    text = variant('  - id: "2"', '  - id: "1"')
    problems = problems_of(text)
    assert [(p.field, p.line) for p in problems] == [
        ("targets[1].id", line_of(text, '- id: "1"', nth=2))
    ]


def test_bad_period() -> None:
    text = variant("period: 2021-2025", "period: 2025-2021")
    problem = only_problem(text)
    assert problem.field == "period"
    assert problem.line == line_of(text, "period: 2025-2021")
    assert "first year is after the last year" in problem.message


def test_year_on_a_period_kind() -> None:
    text = variant('value: "16"', 'value: "16"\n        year: 2025')
    problem = only_problem(text)
    assert problem.field == "targets[0].clauses[0].year"
    assert problem.line == line_of(text, "year: 2025", nth=1)


def test_unknown_group_headline_and_area() -> None:
    text = variant("group: kinh-te\n    label", "group: kinh-tx\n    label")
    text = variant("headline: 1a", "headline: 1c", text)
    text = variant("predecessors: [haiphong]", "predecessors: [hai-phong]", text)
    problems = problems_of(text)
    fields = {p.field: p for p in problems}
    assert set(fields) == {"targets[0].group", "targets[0].headline", "areas[1].predecessors[0]"}
    assert fields["targets[0].headline"].line == line_of(text, "headline: 1c")
    assert fields["areas[1].predecessors[0]"].line == line_of(text, "predecessors:")


def test_bad_verdict() -> None:
    text = variant("verdict: exceeded", "verdict: vượt")
    problem = only_problem(text)
    assert problem.field == "targets[2].reported.verdict"
    assert problem.line == line_of(text, "verdict: vượt")


def test_value_known_requires_a_value() -> None:
    text = variant("    value_known: false\n", "")
    problems = problems_of(text)
    assert [p.field for p in problems] == [
        "targets[2].clauses[0].value",
        "targets[2].clauses[0].unit",
    ]
    assert {p.line for p in problems} == {line_of(text, "bound: at_least", nth=2)}


def test_several_problems_are_all_reported_in_line_order() -> None:
    text = variant('unit: "%/năm"', 'unit: "quả/năm"')
    text = variant('value: "3,5"', 'value: "abc"', text)
    text = variant("value: 4", "value: 4\n        high: 5", text)
    text = variant("indicator: grdp-per-capita", "indicator: gdp-per-capita", text)
    problems = problems_of(text)
    got = [(p.field, p.line) for p in problems]
    assert got == [
        ("targets[0].clauses[0].unit", line_of(text, "quả/năm")),
        ("targets[0].clauses[1].indicator", line_of(text, "gdp-per-capita")),
        ("targets[1].clauses[0].value", line_of(text, '"abc"')),
        ("extra_targets[0].clauses[0].high", line_of(text, "high: 5")),
    ]
    with pytest.raises(DefinitionError) as info:
        load_resolution_text(text, "res.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"res.yaml:{got[0][1]}: targets[0].clauses[0].unit: ")


def test_problem_str() -> None:
    assert str(Problem("a.yaml", 3, "targets[0].id", "bad")) == "a.yaml:3: targets[0].id: bad"
    assert str(Problem("a.yaml", None, "", "bad")) == "a.yaml: bad"


def test_not_a_mapping_and_empty() -> None:
    assert only_problem("- a\n- b\n").line == 1
    assert only_problem("").line == 1


def test_load_resolution_reports_the_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(variant("period: 2021-2025", "period: 2025-2021"), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_resolution(path)
    assert info.value.problems[0].file == str(path)


def test_a_broken_target_does_not_hide_its_clauses_problems() -> None:
    text = variant("group: kinh-te\n    label", "group: Kinh-Te\n    label")
    text = variant('low: "11.000"', 'low: "1l.000"', text)
    problems = problems_of(text)
    assert [(p.field, p.line) for p in problems] == [
        ("targets[0].group", line_of(text, "group: Kinh-Te")),
        ("targets[0].clauses[1].low", line_of(text, "1l.000")),
    ]

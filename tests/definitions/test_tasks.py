"""Loading tasks.yaml and agencies.yaml: the model, and every problem at its line and field."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.agencies import AgencyDirectory, AgencyKind
from chitieu.core.model import Resolution
from chitieu.core.tasks.model import ReviewCadence, TaskKind
from chitieu.definitions import DefinitionError, Problem, load_resolution
from chitieu.definitions.tasks import (
    load_agencies,
    load_agencies_text,
    load_tasks,
    load_tasks_text,
)

FIXTURES = Path(__file__).parent / "fixtures"

AGENCIES = """\
format: chitieu/agencies@1
resolution: haiphong-test-2020-2025
agencies:
  - code: cuc-thong-ke
    name: {vi: "Cục Thống kê thành phố", en: "City Statistics Office"}
    kind: central
  - code: so-lao-dong
    name: "Sở Lao động - Thương binh và Xã hội"
  - code: bo-gtvt
    name: {vi: "Bộ Giao thông vận tải", en: "Ministry of Transport"}
    kind: central
indicators:
  grdp-growth: cuc-thong-ke
  grdp-per-capita: cuc-thong-ke
  unemployment-urban: cuc-thong-ke
  trained-workers: so-lao-dong
"""

TASKS = """\
format: chitieu/tasks@1
resolution: haiphong-test-2020-2025
source: {document: "Báo cáo chính trị", section: "Phần thứ hai, III"}
groups:
  - code: nv1
    number: 1
    title: {vi: "Kinh tế", en: "Economy"}
    text: "Cải thiện mạnh mẽ môi trường đầu tư, kinh doanh"
    lines: 407
    sections:
      - number: "1.1"
        title: {vi: "Môi trường đầu tư", en: "Investment climate"}
        text: "Cải thiện mạnh mẽ môi trường đầu tư, kinh doanh"
        lines: 409
  - code: dot-pha
    title: {vi: "Các đột phá", en: "Breakthroughs"}
    text: "quyết liệt thực hiện các đột phá sau:"
    lines: 637
tasks:
  - id: nv1.1a
    group: nv1
    section: "1.1"
    title: {vi: "Tăng trưởng", en: "Growth"}
    lines: 411
    objective: [1a, 1b]
    milestones:
      - id: m1
        text: "đưa vào khai thác tuyến đường bộ ven biển vào năm 2022"
        deadline: 2022
        clause: 2a
      - id: m2
        text: "hoàn thành nhà ga số 2"
        deadline: 2021-06-30
    responsibility:
      cooperating: [bo-gtvt]
      text: "Phối hợp với Bộ Giao thông vận tải"
    resources:
      - text: "nguồn ngân sách thành phố"
      - text: "vốn đối ứng"
        amount: "1.500"
        unit: "tỷ đồng"
        source: {section: "Quyết định phân bổ vốn", line: 12}
    review: {cadence: quarterly, text: "báo cáo hằng quý"}
    text: "Phối hợp với Bộ Giao thông vận tải, dùng nguồn ngân sách thành phố
      để hoàn thành nhà ga số 2 và đưa vào khai thác tuyến đường bộ ven biển vào
      năm 2022; báo cáo hằng quý."
  - id: dp1
    group: dot-pha
    kind: breakthrough
    title: "Hạ tầng giao thông"
    lines: 446-447
    text: "Phát triển kết cấu hạ tầng kinh tế - xã hội."
"""


@pytest.fixture(scope="module")
def resolution() -> Resolution:
    return load_resolution(FIXTURES / "resolution.yaml")


@pytest.fixture(scope="module")
def agencies(resolution: Resolution) -> AgencyDirectory:
    return load_agencies_text(AGENCIES, "agencies.yaml", resolution)


def variant(old: str, new: str, text: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def task_problems(
    text: str, resolution: Resolution, agencies: AgencyDirectory | None = None
) -> list[Problem]:
    with pytest.raises(DefinitionError) as info:
        load_tasks_text(text, "tasks.yaml", resolution, agencies)
    return info.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# -- valid files ----------------------------------------------------------------------------


def test_agencies_and_their_indicators(agencies: AgencyDirectory) -> None:
    assert [a.code for a in agencies.agencies] == ["cuc-thong-ke", "so-lao-dong", "bo-gtvt"]
    assert agencies.agency("cuc-thong-ke").kind is AgencyKind.CENTRAL
    assert agencies.agency("so-lao-dong").kind is AgencyKind.STATE  # the default
    assert agencies.agency("so-lao-dong").name.vi == "Sở Lao động - Thương binh và Xã hội"
    assert agencies.indicators_of("so-lao-dong") == ("trained-workers",)


def test_tasks_are_read_into_the_model(resolution: Resolution, agencies: AgencyDirectory) -> None:
    plan = load_tasks_text(TASKS, "tasks.yaml", resolution, agencies)
    assert plan.resolution == "haiphong-test-2020-2025"
    assert [g.code for g in plan.groups] == ["nv1", "dot-pha"]
    assert plan.group("nv1").sections[0].source.section == "Phần thứ hai, III.1.1"
    t = plan.task("nv1.1a")
    assert t.kind is TaskKind.TASK
    assert t.source.section == "Phần thứ hai, III.1.1"
    assert (t.source.first_line, t.source.last_line) == (411, 411)
    assert t.source.document == "Báo cáo chính trị"
    assert t.objective == ("1a", "1b")
    m1, m2 = t.milestones
    assert (m1.year, m1.on, m1.clause) == (2022, None, "2a")
    assert (m2.year, m2.on) == (2021, datetime.date(2021, 6, 30))
    assert t.responsibility.cooperating == ("bo-gtvt",)
    assert t.responsibility.lead is None
    assert t.resources[1].amount == Decimal(1500)
    assert t.resources[1].source is not None
    assert t.resources[1].source.document == "Báo cáo chính trị"  # taken from the header
    assert t.review is not None
    assert t.review.cadence is ReviewCadence.QUARTERLY
    dp = plan.task("dp1")
    assert dp.kind is TaskKind.BREAKTHROUGH
    assert dp.title.vi == "Hạ tầng giao thông"
    assert dp.title.en == ""
    assert dp.source.section == "Phần thứ hai, III, đột phá (1)"
    assert (dp.source.first_line, dp.source.last_line) == (446, 447)


def test_files_are_read_from_disk(tmp_path: Path, resolution: Resolution) -> None:
    (tmp_path / "agencies.yaml").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(TASKS, encoding="utf-8")
    directory = load_agencies(tmp_path / "agencies.yaml", resolution)
    plan = load_tasks(tmp_path / "tasks.yaml", resolution, directory)
    assert len(plan.tasks) == 2


def test_strings_are_nfc(resolution: Resolution) -> None:
    decomposed = TASKS.replace("Hạ tầng giao thông", "Ha\u0323 tầng giao thông")
    plan = load_tasks_text(decomposed, "tasks.yaml", resolution)
    assert plan.task("dp1").title.vi == "Hạ tầng giao thông"


# -- agencies.yaml problems -----------------------------------------------------------------


def agency_problems(text: str, resolution: Resolution | None) -> list[Problem]:
    with pytest.raises(DefinitionError) as info:
        load_agencies_text(text, "agencies.yaml", resolution)
    return info.value.problems


def test_every_indicator_needs_an_agency(resolution: Resolution) -> None:
    text = variant("  trained-workers: so-lao-dong\n", "", AGENCIES)
    p = only(agency_problems(text, resolution))
    assert p.field == "indicators"
    assert p.line == line_of(text, "indicators:")
    assert "1 indicator(s) of haiphong-test-2020-2025 have no agency: trained-workers" in p.message
    # Without a resolution there is nothing to be complete against.
    assert load_agencies_text(text, "agencies.yaml").indicators_of("so-lao-dong") == ()


def test_an_indicator_has_exactly_one_agency(resolution: Resolution) -> None:
    text = AGENCIES + "  grdp-growth: so-lao-dong\n"
    p = only(agency_problems(text, resolution))
    assert "duplicate key" in p.message
    assert p.line == len(text.splitlines())


def test_unknown_agency_and_indicator_are_named(resolution: Resolution) -> None:
    text = variant(
        "  grdp-per-capita: cuc-thong-ke", "  grdp-per-capita: cuc-thong-ke-hp", AGENCIES
    )
    text = variant("  trained-workers: so-lao-dong", "  trained-worker: so-lao-dong", text)
    problems = agency_problems(text, resolution)
    messages = [str(p) for p in problems]
    assert any(
        f"agencies.yaml:{line_of(text, 'cuc-thong-ke-hp')}: indicators.grdp-per-capita: "
        "indicator 'grdp-per-capita': unknown agency 'cuc-thong-ke-hp'" in m
        for m in messages
    ), messages
    assert any(
        "unknown indicator 'trained-worker'; did you mean 'trained-workers'?" in m for m in messages
    ), messages
    assert any("have no agency: trained-workers" in m for m in messages), messages


def test_agency_kind_and_duplicate_code(resolution: Resolution) -> None:
    text = variant(
        "    kind: central\n  - code: so-lao-dong",
        "    kind: centre\n  - code: so-lao-dong",
        AGENCIES,
    )
    text = variant("  - code: bo-gtvt", "  - code: so-lao-dong", text)
    problems = agency_problems(text, resolution)
    fields = {p.field: p for p in problems}
    assert fields["agencies[0].kind"].line == line_of(text, "kind: centre")
    assert "agency cuc-thong-ke: " in fields["agencies[0].kind"].message
    assert fields["agencies[2].code"].message.endswith("duplicate agency code 'so-lao-dong'")


def test_agencies_for_another_resolution(resolution: Resolution) -> None:
    text = variant("resolution: haiphong-test-2020-2025", "resolution: other-2020-2025", AGENCIES)
    p = only(agency_problems(text, resolution))
    assert (p.line, p.field) == (2, "resolution")


# -- tasks.yaml problems --------------------------------------------------------------------


def test_unknown_clause_in_objective_and_milestone(resolution: Resolution) -> None:
    text = variant("objective: [1a, 1b]", "objective: [1a, III-unemployment]", TASKS)
    text = variant("clause: 2a", "clause: 2b", text)
    problems = task_problems(text, resolution)
    assert [(p.field, p.line) for p in problems] == [
        ("tasks[0].objective[1]", line_of(text, "objective:")),
        ("tasks[0].milestones[0].clause", line_of(text, "clause: 2b")),
    ]
    assert problems[0].message == (
        "task nv1.1a: unknown clause 'III-unemployment' of haiphong-test-2020-2025; "
        "did you mean 'III-unemployment-a'?"
    )


def test_unknown_agency_in_responsibility(
    resolution: Resolution, agencies: AgencyDirectory
) -> None:
    text = variant("cooperating: [bo-gtvt]", "cooperating: [bo-gtv]", TASKS)
    p = only(task_problems(text, resolution, agencies))
    assert p.field == "tasks[0].responsibility.cooperating[0]"
    assert "unknown agency 'bo-gtv'; did you mean 'bo-gtvt'?" in p.message
    # Without a directory the codes cannot be checked, and are kept as written.
    assert load_tasks_text(text, "t.yaml", resolution).tasks[0].agencies == ("bo-gtv",)


def test_what_is_not_quoted_from_the_task_is_refused(resolution: Resolution) -> None:
    """The rule that keeps chitieu from inventing: a rõ taken from the task is its words."""
    text = variant(
        '      - text: "nguồn ngân sách thành phố"', '      - text: "ngân sách trung ương"', TASKS
    )
    p = only(task_problems(text, resolution))
    assert p.field == "tasks[0].resources[0].text"
    assert p.line == line_of(text, "ngân sách trung ương")
    assert "'ngân sách trung ương' is not a quotation of the task's text" in p.message


def test_a_responsibility_needs_its_words(resolution: Resolution) -> None:
    text = variant('      text: "Phối hợp với Bộ Giao thông vận tải"\n', "", TASKS)
    p = only(task_problems(text, resolution))
    assert p.field == "tasks[0].responsibility.text"
    assert p.line == line_of(text, "responsibility:")


def test_lead_cannot_also_co_operate(resolution: Resolution) -> None:
    text = variant(
        "      cooperating: [bo-gtvt]", "      lead: bo-gtvt\n      cooperating: [bo-gtvt]", TASKS
    )
    p = only(task_problems(text, resolution))
    assert p.message.endswith("'bo-gtvt' is already the lead agency")


def test_shape_problems_have_lines(resolution: Resolution) -> None:
    text = variant("    lines: 446-447", "    lines: 447-446", TASKS)
    text = variant("cadence: quarterly", "cadence: weekly", text)
    text = variant("    kind: breakthrough", "    knd: breakthrough", text)
    problems = task_problems(text, resolution)
    by_field = {p.field: p for p in problems}
    assert by_field["tasks[1].lines"].message.startswith("task dp1: bad line range 447-446")
    assert by_field["tasks[0].review.cadence"].line == line_of(text, "cadence: weekly")
    assert "did you mean 'kind'?" in by_field["tasks[1].knd"].message


def test_references_between_groups_sections_and_ids(resolution: Resolution) -> None:
    text = variant('    section: "1.1"', '    section: "1.2"', TASKS)
    text = variant("  - id: dp1\n    group: dot-pha", "  - id: nv1.1a\n    group: dot-pha-2", text)
    problems = task_problems(text, resolution)
    messages = {p.field: p.message for p in problems}
    assert "group nv1 has no section '1.2' (sections: 1.1)" in messages["tasks[0].section"]
    assert "duplicate task id 'nv1.1a'" in messages["tasks[1].id"]
    assert "unknown task group 'dot-pha-2' (known: dot-pha, nv1)" in messages["tasks[1].group"]
    bad_code = variant("group: dot-pha-2", "group: dot-phá", text)
    messages = {p.field: p.message for p in task_problems(bad_code, resolution)}
    assert "'dot-phá' is not a valid code" in messages["tasks[1].group"]


def test_section_numbers_belong_to_their_group(resolution: Resolution) -> None:
    text = variant('      - number: "1.1"', '      - number: "2.1"', TASKS)
    problems = task_problems(text, resolution)
    assert problems[0].field == "groups[0].sections[0].number"
    assert "section '2.1' does not belong to group 1" in problems[0].message


def test_tasks_for_another_resolution(resolution: Resolution) -> None:
    text = variant("resolution: haiphong-test-2020-2025", "resolution: other-2020-2025", TASKS)
    p = only(task_problems(text, resolution))
    assert (p.line, p.field) == (2, "resolution")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the document is empty"),
        ("- a\n- b\n", "the document must be a mapping"),
        ("format: chitieu/tasks@1\ngroups: [\n", "YAML syntax error"),
    ],
)
def test_unreadable_documents(resolution: Resolution, text: str, message: str) -> None:
    assert message in str(only(task_problems(text, resolution)))


def test_a_missing_file_is_a_definition_error(tmp_path: Path, resolution: Resolution) -> None:
    with pytest.raises(DefinitionError, match="cannot read file"):
        load_tasks(tmp_path / "nope.yaml", resolution)

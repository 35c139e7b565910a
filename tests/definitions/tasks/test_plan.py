"""Loading tasks.yaml: groups, sections and tasks in the model, and problems at their line."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Resolution
from chitieu.core.tasks.model import ReviewCadence, TaskKind
from chitieu.definitions import DefinitionError
from chitieu.definitions.tasks import load_agencies, load_tasks, load_tasks_text
from tests.definitions.tasks.conftest import (
    AGENCIES,
    TASKS,
    line_of,
    only,
    task_problems,
    variant,
)


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

"""The shipped 2020–2025 tasks and agencies: quoted exactly, complete, and linked correctly."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from chitieu import datasets
from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Resolution
from chitieu.core.tasks.model import TaskKind, TaskPlan, TaskSource, quote_key
from chitieu.core.tasks.progress import overdue_milestones
from chitieu.definitions import load_resolution
from chitieu.definitions.tasks import load_agencies, load_tasks

NAME = "haiphong-xvi-2020-2025"
REPORT = "000_4ef7886d0b8bf600.txt"
SECTION_III = (405, 643)  # "III- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU" to the last breakthrough


@pytest.fixture(scope="module")
def dataset() -> datasets.Dataset:
    ds = datasets.get(NAME)
    assert ds is not None
    return ds


@pytest.fixture(scope="module")
def resolution(dataset: datasets.Dataset) -> Resolution:
    return load_resolution(dataset.definition)


@pytest.fixture(scope="module")
def agencies(dataset: datasets.Dataset, resolution: Resolution) -> AgencyDirectory:
    assert dataset.agencies is not None
    return load_agencies(dataset.agencies, resolution)


@pytest.fixture(scope="module")
def plan(dataset: datasets.Dataset, resolution: Resolution, agencies: AgencyDirectory) -> TaskPlan:
    assert dataset.tasks is not None
    return load_tasks(dataset.tasks, resolution, agencies)


@pytest.fixture(scope="module")
def report_lines(shared_dir: Path) -> list[str]:
    return (shared_dir / "sources" / REPORT).read_text(encoding="utf-8").splitlines()


def cited(lines: list[str], source: TaskSource) -> str:
    return quote_key("\n".join(lines[source.first_line - 1 : source.last_line]))


# -- quoted exactly --------------------------------------------------------------------------


def test_every_task_is_quoted_exactly_at_its_lines(plan: TaskPlan, report_lines: list[str]) -> None:
    wrong = [
        f"{t.id} ({t.source.label()})"
        for t in plan.tasks
        if quote_key(t.text) not in cited(report_lines, t.source)
    ]
    assert wrong == []


def test_a_task_is_its_whole_paragraph(plan: TaskPlan, report_lines: list[str]) -> None:
    """Not a fragment: the cited lines hold nothing but the task (and a breakthrough's
    number "(1)", the report's closing "/.")."""
    for t in plan.tasks:
        rest = cited(report_lines, t.source).replace(quote_key(t.text), "")
        assert re.fullmatch(r"(\(\d\) ?)?(/\.)?", rest.strip()), (t.id, rest)


def test_groups_and_sections_are_quoted_at_their_lines(
    plan: TaskPlan, report_lines: list[str]
) -> None:
    for g in plan.groups:
        assert quote_key(g.text) in cited(report_lines, g.source), g.code
        for s in g.sections:
            line = quote_key(report_lines[s.source.first_line - 1])
            assert line.startswith(f"{s.number}- "), s.number
            assert quote_key(s.text) in line, s.number


def test_every_paragraph_of_section_iii_is_one_task(
    plan: TaskPlan, report_lines: list[str]
) -> None:
    first, last = SECTION_III
    headings = {g.source.first_line for g in plan.groups} | {
        s.source.first_line for g in plan.groups for s in g.sections
    }
    paragraphs = {
        n
        for n in range(first + 1, last + 1)
        if len(report_lines[n - 1].strip()) > 2 and n not in headings
    }
    covered = [n for t in plan.tasks for n in range(t.source.first_line, t.source.last_line + 1)]
    assert len(covered) == len(set(covered)), "a line is cited by two tasks"
    assert set(covered) == paragraphs


# -- the structure the report gives --------------------------------------------------------------


def test_nine_task_groups_and_three_breakthroughs(plan: TaskPlan) -> None:
    numbered = [g.number for g in plan.groups if g.number is not None]
    assert numbered == list(range(1, 10))
    assert [t.id for t in plan.breakthroughs] == ["dp1", "dp2", "dp3"]
    assert [t.source.first_line for t in plan.breakthroughs] == [639, 641, 643]
    assert {t.group for t in plan.breakthroughs} == {"dot-pha"}
    assert plan.group("dot-pha").number is None
    assert all(t.kind is TaskKind.TASK for t in plan.tasks if t.group != "dot-pha")


def test_sections_of_each_group_are_those_of_the_report(plan: TaskPlan) -> None:
    sections = {g.number: [s.number for s in g.sections] for g in plan.groups if g.number}
    assert sections == {
        1: ["1.1", "1.2", "1.3"],
        2: [],
        3: ["3.1", "3.2"],
        4: [],
        5: ["5.1", "5.2", "5.3"],
        6: ["6.1", "6.2"],
        7: ["7.1", "7.2"],
        8: ["8.1", "8.2", "8.3", "8.4"],
        9: [],
    }


def test_every_task_has_a_title_in_both_languages(plan: TaskPlan) -> None:
    assert [t.id for t in plan.tasks if not (t.title.vi and t.title.en)] == []


# -- links ------------------------------------------------------------------------------------


def test_every_clause_link_exists(plan: TaskPlan, resolution: Resolution) -> None:
    clauses = {c.id: c for t in (*resolution.targets, *resolution.extra_targets) for c in t.clauses}
    links = [c for t in plan.tasks for c in t.objective] + [
        m.clause for t in plan.tasks for m in t.milestones if m.clause
    ]
    assert links
    assert [c for c in links if c not in clauses] == []


def test_milestones_keep_the_year_of_the_text_and_of_their_clause(
    plan: TaskPlan, resolution: Resolution
) -> None:
    clauses = {c.id: c for t in (*resolution.targets, *resolution.extra_targets) for c in t.clauses}
    for t in plan.tasks:
        for m in t.milestones:
            stated = f"năm {m.year}" in t.text or f"trước năm {m.year + 1}" in t.text
            assert stated, (t.id, m.id)
            if m.clause:
                assert clauses[m.clause].end_year == m.year, (t.id, m.id)
                assert m.clause in t.objective, (t.id, m.id)


def test_the_dated_deliverables_of_the_report_are_milestones(plan: TaskPlan) -> None:
    due = {(m.clause, m.year) for t in plan.tasks for m in t.milestones}
    assert {
        ("III-cat-bi-terminal-2", 2021),
        ("III-coastal-road", 2022),
        ("III-admin-centre", 2024),
        ("III-fishery-centre", 2025),
        ("III-lach-huyen-berths", 2025),
    } <= due


def test_overdue_without_progress_reports(plan: TaskPlan) -> None:
    late = overdue_milestones(plan.tasks, [], datetime.date(2025, 1, 1))
    assert [(s.task.id, s.milestone.clause) for s in late] == [
        ("nv2c", "III-cat-bi-terminal-2"),
        ("nv2c", "III-coastal-road"),
        ("nv3.1b", "III-admin-centre"),
    ]


# -- agencies ---------------------------------------------------------------------------------


def test_every_indicator_has_one_agency(resolution: Resolution, agencies: AgencyDirectory) -> None:
    assert sorted(agencies.indicators) == sorted(i.code for i in resolution.indicators)
    codes = {a.code for a in agencies.agencies}
    assert set(agencies.indicators.values()) <= codes


def test_the_agencies_the_brief_names_are_there(agencies: AgencyDirectory) -> None:
    names = {a.name.vi for a in agencies.agencies}
    assert {
        "Cục Thống kê thành phố Hải Phòng",
        "Sở Kế hoạch và Đầu tư",
        "Sở Công Thương",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Tài nguyên và Môi trường",
        "Sở Xây dựng",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài chính",
        "Bảo hiểm xã hội thành phố",
        "Ban Tổ chức Thành ủy",
    } <= names
    assert all(a.name.en for a in agencies.agencies)


def test_the_assignment_says_it_is_a_proposal(dataset: datasets.Dataset) -> None:
    assert dataset.agencies is not None
    header = dataset.agencies.read_text(encoding="utf-8").split("format:")[0]
    assert (
        "proposed by chitieu from the agencies' usual remits, not stated by the source"
        in header.lower()
    )


def test_responsibilities_name_only_agencies_the_text_names(
    plan: TaskPlan, agencies: AgencyDirectory
) -> None:
    named = {t.id: t.agencies for t in plan.tasks if t.agencies}
    assert named == {"nv2c": ("bo-giao-thong-van-tai",), "nv9c": ("mat-tran-to-quoc",)}
    assert "Bộ Giao thông vận tải" in plan.task("nv2c").text

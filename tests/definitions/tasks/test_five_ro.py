"""The five "rõ" of a task: clauses, agencies, and words quoted from the task itself."""

from __future__ import annotations

from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Resolution
from chitieu.definitions.tasks import load_tasks_text
from tests.definitions.tasks.conftest import TASKS, line_of, only, task_problems, variant


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

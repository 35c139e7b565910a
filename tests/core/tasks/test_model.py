"""The task model: deadlines, resources, sources, quotations and plans."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chitieu.core.tasks.model import (
    Milestone,
    Resource,
    TaskPlan,
    TaskSource,
    format_date,
    quote_key,
)

from .helpers import ROAD, SOURCE, D, task


def test_a_year_deadline_is_due_on_31_december() -> None:
    assert ROAD.due == D(2022, 12, 31)
    assert ROAD.deadline_label("vi") == "năm 2022"
    assert ROAD.deadline_label("en") == "2022"


def test_a_dated_deadline_is_due_that_day() -> None:
    m = Milestone("m1", "x", 2021, on=D(2021, 6, 30))
    assert m.due == D(2021, 6, 30)
    assert m.deadline_label() == "30/06/2021"


def test_a_date_outside_its_year_is_refused() -> None:
    with pytest.raises(ValueError, match="not in year 2021"):
        Milestone("m1", "x", 2021, on=D(2022, 1, 1))


def test_an_amount_needs_its_unit() -> None:
    with pytest.raises(ValueError, match="needs its unit"):
        Resource("vốn", Decimal(5))


def test_quote_key_ignores_line_breaks_before_punctuation_and_normalises() -> None:
    assert quote_key("du lịch MICE\n, du lịch văn hóa") == "du lịch MICE, du lịch văn hóa"
    decomposed = "ho\u0302\u0323 nghèo"  # "hộ" as base letter + combining marks
    assert quote_key(decomposed) == "hộ nghèo"
    assert quote_key("  a \t b  ") == "a b"


def test_dates_are_written_day_month_year() -> None:
    assert format_date(D(2025, 3, 7)) == "07/03/2025"


def test_task_source_label_and_range() -> None:
    assert TaskSource("Báo cáo", "III.1.3", 446, 447).label() == "Báo cáo, III.1.3, dòng 446–447"
    assert SOURCE.label("en") == "Báo cáo chính trị, Phần thứ hai, III.2, line 464"
    assert SOURCE.citation.line == 464
    with pytest.raises(ValueError, match="bad line range"):
        TaskSource("Báo cáo", "III", 10, 9)


def test_plan_finds_the_tasks_of_a_clause() -> None:
    a = task(id="nv2c", milestones=(ROAD,))
    b = task(id="nv1.1a", group="nv1", objective=("III-pci",))
    plan = TaskPlan("r", (), (a, b))
    assert plan.tasks_for_clause("III-coastal-road") == (a,)
    assert plan.tasks_for_clause("III-pci") == (b,)
    assert plan.tasks_of("nv1") == (b,)
    assert plan.breakthroughs == ()
    with pytest.raises(KeyError):
        plan.task("nv9z")

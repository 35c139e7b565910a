"""Progress: overdue milestones, the latest report up to a date, valid updates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.tasks.model import Milestone
from chitieu.core.tasks.progress import MilestoneState, ProgressUpdate, overdue_milestones, progress

from .helpers import ROAD, TERMINAL, D, task, update


def test_overdue_only_after_the_last_day_of_the_deadline_year() -> None:
    t = task(milestones=(ROAD,))
    assert overdue_milestones([t], [], D(2022, 12, 31)) == []
    late = overdue_milestones([t], [], D(2023, 1, 1))
    assert [(s.task.id, s.milestone.id, s.days_late) for s in late] == [("nv2c", "m3", 1)]
    assert late[0].state is MilestoneState.OVERDUE


def test_a_milestone_reported_done_is_not_overdue() -> None:
    t = task(milestones=(ROAD,))
    done = update(D(2022, 9, 2), milestone="m3", text="Thông xe kỹ thuật")
    assert overdue_milestones([t], [done], D(2024, 1, 1)) == []


def test_a_report_after_the_as_of_date_does_not_count() -> None:
    t = task(milestones=(ROAD,))
    done = update(D(2023, 3, 1), milestone="m3")
    assert len(overdue_milestones([t], [done], D(2023, 2, 1))) == 1
    status = progress(t, [done], D(2023, 6, 1)).milestones[0]
    assert status.state is MilestoneState.DONE_LATE
    assert status.done_on == D(2023, 3, 1)
    assert status.days_late == (D(2023, 3, 1) - D(2022, 12, 31)).days


def test_a_report_on_another_task_does_not_count() -> None:
    t = task(milestones=(ROAD,))
    other = ProgressUpdate("nv2b", D(2022, 5, 1), milestone="m3")
    assert len(overdue_milestones([t], [other], D(2023, 1, 1))) == 1


def test_a_task_reported_complete_has_every_milestone_done() -> None:
    t = task(milestones=(TERMINAL, ROAD))
    finished = update(D(2021, 11, 30), percent=100)
    p = progress(t, [finished], D(2025, 1, 1))
    assert [s.state for s in p.milestones] == [MilestoneState.DONE, MilestoneState.DONE]


def test_overdue_list_is_oldest_deadline_first() -> None:
    t = task(milestones=(ROAD, TERMINAL))
    late = overdue_milestones([t], [], D(2025, 1, 1))
    assert [s.milestone.id for s in late] == ["m1", "m3"]


@given(
    deadline=st.integers(2021, 2026),
    as_of=st.dates(D(2020, 1, 1), D(2028, 12, 31)),
    done_on=st.none() | st.dates(D(2020, 1, 1), D(2028, 12, 31)),
)
def test_overdue_exactly_when_past_due_and_not_done_by_then(
    deadline: int, as_of: D, done_on: D | None
) -> None:
    m = Milestone("m1", "x", deadline)
    t = task(milestones=(m,))
    ups = [] if done_on is None else [update(done_on, milestone="m1")]
    expected = as_of > D(deadline, 12, 31) and (done_on is None or done_on > as_of)
    assert bool(overdue_milestones([t], ups, as_of)) is expected


# -- progress ---------------------------------------------------------------------------------


def test_progress_keeps_the_latest_percentage_up_to_the_date() -> None:
    t = task()
    ups = [
        update(D(2022, 3, 31), percent=20),
        update(D(2022, 12, 31), percent=55),
        update(D(2023, 2, 1), text="Đã giải phóng mặt bằng đoạn 2"),  # no percentage
        update(D(2023, 6, 30), percent=80),
    ]
    p = progress(t, ups, D(2023, 3, 1))
    assert p.percent == 55
    assert p.reported_on == D(2023, 2, 1)
    assert p.latest is ups[2]


@pytest.mark.parametrize("percent", [-1, 101])
def test_a_percentage_is_between_0_and_100(percent: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        update(D(2022, 1, 1), percent=percent)


def test_an_empty_update_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a percent, a milestone or a text"):
        update(D(2022, 1, 1), text="   ")

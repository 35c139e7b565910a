"""Tasks and the "5 rõ": deadlines, overdue milestones, completeness and one sentence."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.model import Text
from chitieu.core.tasks import (
    Agency,
    AgencyDirectory,
    AgencyKind,
    Aspect,
    Clarity,
    Milestone,
    MilestoneState,
    ProgressUpdate,
    Resource,
    Responsibility,
    Review,
    ReviewCadence,
    Task,
    TaskKind,
    TaskPlan,
    TaskSource,
    completeness,
    format_date,
    overdue_milestones,
    progress,
    quote_key,
    status_summary,
)

D = datetime.date
SOURCE = TaskSource("Báo cáo chính trị", "Phần thứ hai, III.2", 464, 464)
ROAD = Milestone(
    "m3",
    "đưa vào khai thác tuyến đường bộ ven biển (đoạn qua Hải Phòng) vào năm 2022",
    2022,
    clause="III-coastal-road",
)
TERMINAL = Milestone("m1", "hoàn thành dự án nhà ga hành khách số 2", 2021)


def task(**kw: object) -> Task:
    base: dict[str, object] = {
        "id": "nv2c",
        "group": "nv2",
        "text": "Phối hợp với Bộ Giao thông vận tải … vào năm 2022.",
        "title": Text("Công trình giao thông chiến lược", "Strategic transport works"),
        "source": SOURCE,
    }
    base.update(kw)
    return Task(**base)  # type: ignore[arg-type]


def update(on: D, **kw: object) -> ProgressUpdate:
    base: dict[str, object] = {"task": "nv2c", "on": on, "by": "so-giao-thong-van-tai"}
    base.update(kw)
    return ProgressUpdate(**base)  # type: ignore[arg-type]


# -- deadlines and overdue milestones --------------------------------------------------------


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


# -- the five "rõ" ----------------------------------------------------------------------------


def test_a_task_in_prose_only_has_none_of_the_five() -> None:
    five = completeness(task())
    assert five.clear == 0
    assert five.missing == tuple(Aspect)
    assert {c.clarity for c in five.checks} == {Clarity.MISSING}
    assert five.check(Aspect.RESPONSIBILITY).note.vi == "không nêu cơ quan chủ trì"


def test_a_task_that_states_everything_has_all_five() -> None:
    t = task(
        objective=("III-coastal-road",),
        milestones=(ROAD,),
        responsibility=Responsibility(lead="so-giao-thong-van-tai", text="Sở Giao thông vận tải"),
        resources=(Resource("vốn ngân sách", Decimal("3500"), "tỷ đồng"),),
        review=Review(ReviewCadence.QUARTERLY),
    )
    five = completeness(t)
    assert five.clear == 5
    assert five.missing == ()


def test_co_operating_agencies_alone_are_a_partial_responsibility() -> None:
    t = task(
        responsibility=Responsibility(
            cooperating=("bo-giao-thong-van-tai",), text="Phối hợp với Bộ Giao thông vận tải"
        )
    )
    check = completeness(t).check(Aspect.RESPONSIBILITY)
    assert check.clarity is Clarity.PARTIAL
    assert "bo-giao-thong-van-tai" in check.note.en


def test_means_without_an_amount_are_partial_resources() -> None:
    named = task(resources=(Resource("nguồn ngân sách thành phố"),))
    assert completeness(named).check(Aspect.RESOURCES).clarity is Clarity.PARTIAL
    counted = task(resources=(Resource("vốn", Decimal("1.5"), "nghìn tỷ đồng"),))
    assert completeness(counted).check(Aspect.RESOURCES).clarity is Clarity.CLEAR


def test_an_amount_needs_its_unit() -> None:
    with pytest.raises(ValueError, match="needs its unit"):
        Resource("vốn", Decimal(5))


# -- one sentence --------------------------------------------------------------------------------


NAMES = {"so-giao-thong-van-tai": Text("Sở Giao thông vận tải", "Department of Transport")}


def test_summary_without_reports_says_so_and_lists_what_is_overdue_and_unclear() -> None:
    t = task(
        milestones=(TERMINAL, ROAD),
        responsibility=Responsibility(
            cooperating=("bo-giao-thong-van-tai",), text="Phối hợp với Bộ Giao thông vận tải"
        ),
    )
    vi = status_summary(t, [], D(2022, 6, 1))
    assert vi.startswith("Nhiệm vụ nv2c (Công trình giao thông chiến lược): ")
    assert "chưa có báo cáo tiến độ đến ngày 01/06/2022" in vi
    assert "mốc: 0/2 đã hoàn thành, 1 quá hạn: “hoàn thành dự án nhà ga hành khách số 2”" in vi
    assert "(hạn năm 2021)" in vi
    assert "5 rõ: 1/5, rõ một phần: trách nhiệm, chưa rõ: mục tiêu, nguồn lực" in vi
    assert vi.endswith("chế độ kiểm tra, đánh giá.")
    assert "0%" not in vi  # no report is not "0 % done"


def test_summary_with_a_report_names_date_reporter_and_percentage() -> None:
    t = task(milestones=(ROAD,))
    ups = [update(D(2022, 9, 2), percent=75, milestone="m3")]
    vi = status_summary(t, ups, D(2023, 1, 15), agencies=NAMES)
    assert "đạt 75% khối lượng, báo cáo gần nhất ngày 02/09/2022 của Sở Giao thông vận tải" in vi
    assert "mốc: 1/1 đã hoàn thành" in vi
    assert "quá hạn" not in vi
    en = status_summary(t, ups, D(2023, 1, 15), lang="en", agencies=NAMES)
    assert en.startswith("Task nv2c (Strategic transport works): 75% done, last report 02/09/2022")
    assert "by Department of Transport" in en
    assert "not stated: objective, responsibility, resources" in en


def test_summary_of_a_complete_breakthrough() -> None:
    t = task(
        id="dp2",
        kind=TaskKind.BREAKTHROUGH,
        objective=("7a",),
        milestones=(ROAD,),
        responsibility=Responsibility(lead="so-giao-thong-van-tai", text="x"),
        resources=(Resource("vốn", Decimal(1), "tỷ đồng"),),
        review=Review(ReviewCadence.YEARLY),
    )
    text = status_summary(t, [], D(2022, 1, 1), lang="vi")
    assert text.startswith("Đột phá dp2")
    assert text.endswith("5 rõ: đủ cả năm.")


# -- small pieces -------------------------------------------------------------------------------


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


def test_agency_directory_answers_who_reports_what() -> None:
    directory = AgencyDirectory(
        (
            Agency("cuc-thong-ke", Text("Cục Thống kê"), AgencyKind.CENTRAL),
            Agency("so-y-te", Text("Sở Y tế", "Department of Health")),
        ),
        {"grdp-growth": "cuc-thong-ke", "grdp": "cuc-thong-ke", "doctors-per-10k": "so-y-te"},
    )
    responsible = directory.responsible("doctors-per-10k")
    assert responsible is not None
    assert responsible.name.en == "Department of Health"
    assert directory.responsible("exports") is None
    assert directory.indicators_of("cuc-thong-ke") == ("grdp", "grdp-growth")
    assert AgencyKind.CENTRAL.label.vi == "Cơ quan Trung ương"


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

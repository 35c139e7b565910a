"""One sentence of status: progress, milestones, what of the 5 rõ is missing."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.model import Text
from chitieu.core.tasks.model import Resource, Responsibility, Review, ReviewCadence, TaskKind
from chitieu.core.tasks.status import status_summary

from .helpers import ROAD, TERMINAL, D, task, update

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

"""The "5 rõ": which aspects a task states, fully or in part."""

from __future__ import annotations

from decimal import Decimal

from chitieu.core.tasks.five_clear import Aspect, Clarity, completeness
from chitieu.core.tasks.model import Resource, Responsibility, Review, ReviewCadence

from .helpers import ROAD, task


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

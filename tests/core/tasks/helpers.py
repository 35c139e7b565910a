"""A task of the Hải Phòng report and its updates, for the task tests."""

from __future__ import annotations

import datetime

from chitieu.core.model import Text
from chitieu.core.tasks.model import Milestone, Task, TaskSource
from chitieu.core.tasks.progress import ProgressUpdate

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

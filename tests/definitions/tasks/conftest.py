"""Sample tasks.yaml and agencies.yaml for the fixture resolution, and helpers to vary them."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.core.agencies import AgencyDirectory
from chitieu.core.model import Resolution
from chitieu.definitions import DefinitionError, Problem, load_resolution
from chitieu.definitions.tasks import load_agencies_text, load_tasks_text

FIXTURES = Path(__file__).parents[1] / "fixtures"

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

"""The kind of a clause, from its words and unit: growth, total, rank, share, structure,
coverage or level; and the clauses with no figure ("không còn …", a milestone year)."""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.model import ClauseKind

__all__ = ["MILESTONE_VERB", "NO_MORE", "kind_of"]


NO_MORE: Final = re.compile(r"\bkhông\s+còn\s+(?P<what>[^,;.()]{2,60})", re.IGNORECASE)
MILESTONE_VERB: Final = re.compile(
    r"\b(?:hoàn\s+thành|đưa\s+vào|khánh\s+thành|khởi\s+công|di\s+chuyển|vận\s+hành|"
    r"xây\s+dựng\s+xong|đi\s+vào\s+hoạt\s+động)",
    re.IGNORECASE,
)


def kind_of(chunk: str, unit: str, previous: ClauseKind | None, has_period: bool) -> ClauseKind:
    """The clause kind its words and unit say; a share or structure clause passes its kind
    on to the next clause of the sentence (``previous``)."""
    lower = chunk.casefold()
    if unit.endswith("/năm"):
        if unit.startswith("%") and re.search(r"\b(?:tăng|giảm|bình quân)", lower):
            return ClauseKind.AVERAGE_GROWTH
        return ClauseKind.PER_YEAR
    if re.search(r"\bmột trong\b|\btop\b|\bxếp hạng\b|\bnhóm \d+", lower):
        return ClauseKind.RANK
    if (
        has_period
        or re.match(r"\s*tổng\b", lower)
        or re.search(r"\b(?:kết nạp|thành lập|xây mới|xây dựng mới|trồng mới|tạo việc làm)", lower)
    ):
        return ClauseKind.CUMULATIVE
    if "%" in unit:
        if "cơ cấu" in lower:
            return ClauseKind.STRUCTURE
        if re.search(r"%\s*số\s+\w", lower):
            return ClauseKind.COVERAGE
        if re.search(r"tỷ trọng|tỉ trọng|\bchiếm\b|đóng góp", lower):
            return ClauseKind.SHARE
        if previous in (ClauseKind.STRUCTURE, ClauseKind.SHARE):
            return previous
    return ClauseKind.LEVEL

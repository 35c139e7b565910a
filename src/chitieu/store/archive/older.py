"""Archives written at an older schema revision that this chitieu still restores.

A schema change that only adds columns with a default keeps every older archive
restorable: its rows take the default, as the rows of a store upgraded in place did
(migration 0004 added the part of the year and the basis of figures, and the time
aggregation of indicators). The checksums of such an archive cover its own columns, so
a restore reads back exactly those columns to prove what it wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["ADDED_SINCE", "added_columns", "restorable"]

_SINCE_0003: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "observations": MappingProxyType({"part": "", "basis": "level"}),
        "indicators": MappingProxyType({"time_aggregation": "none"}),
    }
)

#: Schema revision of an archive → table → the columns added since, with the value their
#: rows take. Revisions 0002 and 0003 have the same tables and columns (0003 changed a
#: CHECK constraint only). The head revision is not listed: nothing is added to it.
ADDED_SINCE: Mapping[str, Mapping[str, Mapping[str, Any]]] = MappingProxyType(
    {"0002": _SINCE_0003, "0003": _SINCE_0003}
)


def restorable(revision: str, head: str) -> bool:
    """Whether an archive at ``revision`` restores into a store at ``head``."""
    return revision == head or revision in ADDED_SINCE


def added_columns(revision: str, table: str) -> Mapping[str, Any]:
    """The columns of ``table`` an archive at ``revision`` lacks, with their defaults."""
    return ADDED_SINCE.get(revision, {}).get(table, {})

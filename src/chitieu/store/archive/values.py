"""How each column's value is written into an archive (JSON) and read back, checked.

A column type without an entry here cannot be archived: :func:`column_kind` refuses it,
and so every dump refuses to run rather than write a value it could not restore.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa

from chitieu.store.archive.format import ArchiveError
from chitieu.store.tables import DecimalText, UTCDateTime

_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _dump_decimal(value: Decimal) -> str:
    return str(value)


def _load_decimal(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise TypeError("expected a decimal written as a JSON string")
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise TypeError(f"{value!r} is not a decimal number") from exc
    if not number.is_finite() or str(number) != value:
        raise TypeError(f"{value!r} is not a finite decimal in canonical form")
    return number


def _dump_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _load_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("expected an ISO-8601 time as a JSON string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise TypeError(f"{value!r} is not an ISO-8601 time") from exc
    if parsed.tzinfo is None:
        raise TypeError(f"{value!r} has no time zone (archives hold UTC times)")
    return parsed.astimezone(UTC)


def _same(value: Any) -> Any:
    return value


def _load_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an integer")
    return value


def _load_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _load_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a JSON string")
    return value


CODECS: dict[str, _Codec] = {
    "decimal": (_dump_decimal, _load_decimal),
    "datetime": (_dump_datetime, _load_datetime),
    "integer": (_same, _load_int),
    "boolean": (_same, _load_bool),
    "text": (_same, _load_text),
}


def column_kind(column: sa.Column[Any]) -> str:
    """The archive's name for a column type; a type without one cannot be archived."""
    kind = column.type
    if isinstance(kind, DecimalText):
        return "decimal"
    if isinstance(kind, UTCDateTime):
        return "datetime"
    if isinstance(kind, sa.Boolean):
        return "boolean"
    if isinstance(kind, sa.Integer):
        return "integer"
    if isinstance(kind, sa.String):  # sa.Text is a String
        return "text"
    raise ArchiveError(
        f"cột {column.table.name}.{column.name} có kiểu {kind!r} chưa có cách ghi vào bản lưu"
        f" (column type has no archive encoding: add one to chitieu.store.archive.values)"
    )


def table_columns(table: sa.Table) -> tuple[tuple[str, str], ...]:
    """A table's columns as the manifest lists them: name and archive kind."""
    return tuple((c.name, column_kind(c)) for c in table.columns)

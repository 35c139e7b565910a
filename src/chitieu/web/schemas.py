"""Request and response bodies of ``/api/v1`` (pydantic), documented in the OpenAPI file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chitieu.core.model import Text


class In(BaseModel):
    """A request body: unknown fields refused, no NUL character in any text (PostgreSQL
    refuses them mid-transaction; SQLite would keep them)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("contains a NUL character (\\x00)")
        return value


class FigureIn(In):
    """One figure to submit. Numbers in machine format: JSON numbers or "1234.5".

    Give ``year`` for a whole year, or ``period`` for any period (which wins when both
    are given)."""

    indicator: str = Field(min_length=1, max_length=200)
    year: int | None = Field(default=None, ge=1945, le=2200)
    period: str | None = Field(
        default=None,
        min_length=4,
        max_length=40,
        description=(
            "The period's code: 2026 (a year), 2021-2025 (several years), 2026-M01 (a "
            "month), 2026-Q1 (a quarter), 2026-H1 / 2026-H2 (a half year), 2026-9M (the "
            "first 9 months: 2M..11M, the year to date). Written forms are read too: "
            "01/2026, tháng 1/2026, Q1/2026, quý I/2026, 2026-S1, 6 tháng đầu năm 2026, "
            "9 tháng 2026, 9T/2026."
        ),
        examples=["2026-9M"],
    )
    basis: str = Field(
        default="level",
        max_length=20,
        description=(
            "What the number is measured against: level (the value for the period), "
            "same_period (% change on the same period of the previous year, 'so với cùng "
            "kỳ'), plan (% of the year's plan, 'bằng …% kế hoạch năm'), previous_period (% "
            "change on the previous month or quarter), year:2015 (against a named year)."
        ),
        examples=["same_period"],
    )
    value: float | int | str
    unit: str = Field(default="", max_length=100)
    area: str = Field(default="", max_length=100)
    status: Literal["plan", "estimate", "preliminary", "official"] = "estimate"
    qualifier: Literal["exact", "approx", "more_than", "less_than"] = "exact"
    source_document: str = Field(min_length=1, max_length=500)
    source_date: str = Field(default="", max_length=10)
    note: str = Field(default="", max_length=500)
    seen_revision: int | None = Field(
        default=None, ge=0, description="The revision you based this on (optimistic locking)."
    )
    justification: str = Field(
        default="",
        max_length=2000,
        description="Why the figure is right when the plausibility rules find it unusual "
        "(growth far from the area's history, a level ten times its other years, …); kept "
        "with the figure and shown to the reviewer.",
    )

    @model_validator(mode="after")
    def _a_year_or_a_period(self) -> FigureIn:
        if self.year is None and self.period is None:
            raise ValueError("give 'year' or 'period'")
        return self

    @field_validator("value", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: object) -> object:
        # JSON true/false would otherwise become the figure 1 or 0.
        if isinstance(value, bool):
            raise ValueError("a number or a numeric string, not true/false")
        return value


class SubmitIn(In):
    figures: list[FigureIn] = Field(min_length=1, max_length=5000)
    reason: str = Field(default="", max_length=2000)


class SubmitOut(BaseModel):
    observation_ids: list[int]
    inserted: int
    revised: int
    unchanged: int


class ReviewIn(In):
    action: Literal["approve", "return", "reopen"]
    comment: str = Field(default="", max_length=2000)


class ReviewOut(BaseModel):
    observation_id: int
    state: str
    actor: str
    at: str
    comment: str


class TaskUpdateIn(In):
    reported_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    text: str = Field(min_length=1, max_length=4000)
    percent: int | None = Field(default=None, ge=0, le=100)
    milestone: str = Field(default="", max_length=500)
    evidence: str = Field(default="", max_length=2000)


class ResolutionOut(BaseModel):
    id: str
    title: dict[str, str]
    period: list[int]
    base_year: int
    targets: int
    version: int


class MeOut(BaseModel):
    username: str
    display_name: str
    role: str
    agencies: list[str]


class ErrorOut(BaseModel):
    error: str
    message: str
    detail: Any = None


def field_path(loc: Sequence[object]) -> str:
    """A field as one path, the way the API names fields everywhere: ``figures[0].value``
    (list positions in brackets), without pydantic's leading ``body``."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_INVALID: dict[str, Text] = {
    "missing": Text("Thiếu trường bắt buộc này.", "This field is required."),
    "extra_forbidden": Text(
        "Trường này không có trong định dạng.", "This field is not part of the format."
    ),
    "int_parsing": Text("Cần một số nguyên.", "A whole number is needed."),
    "int_type": Text("Cần một số nguyên.", "A whole number is needed."),
    "float_parsing": Text("Cần một số.", "A number is needed."),
    "string_type": Text("Cần một chuỗi văn bản.", "Text is needed."),
    "bool_parsing": Text("Cần true hoặc false.", "true or false is needed."),
    "json_invalid": Text("Nội dung không phải JSON hợp lệ.", "The body is not valid JSON."),
    "model_attributes_type": Text("Cần một đối tượng JSON.", "A JSON object is needed."),
    "dict_type": Text("Cần một đối tượng JSON.", "A JSON object is needed."),
    "list_type": Text("Cần một mảng JSON.", "A JSON array is needed."),
}


def invalid_input(error: Mapping[str, Any]) -> Text:
    """One sentence per invalid field, in Vietnamese and English (pydantic's own words are
    English only)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    said = _INVALID.get(kind)
    if said is not None:
        return said
    if kind == "greater_than_equal":
        return Text(f"Phải từ {ctx.get('ge')} trở lên.", f"Must be at least {ctx.get('ge')}.")
    if kind == "less_than_equal":
        return Text(f"Phải không quá {ctx.get('le')}.", f"Must be at most {ctx.get('le')}.")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return Text(f"Dài quá {limit} ký tự.", f"Longer than {limit} characters.")
    if kind == "string_too_short":
        return Text("Không được để trống.", "Must not be empty.")
    if kind == "too_short":
        return Text("Cần ít nhất một phần tử.", "At least one item is needed.")
    if kind == "too_long":
        limit = ctx.get("max_length")
        return Text(f"Nhiều quá {limit} phần tử.", f"More than {limit} items.")
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return Text(f"Chọn một trong: {expected}.", f"Choose one of: {expected}.")
    if kind == "string_pattern_mismatch":
        return Text("Không đúng dạng yêu cầu.", "Not in the required form.")
    message = str(error.get("msg", ""))
    return Text(message, message)

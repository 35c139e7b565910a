"""Pydantic models mirroring ``docs/definition-format.md`` (``chitieu/resolution@1``).

These models check the *shape* of a definition: which keys exist, their types, the
vocabularies (kinds, directions, verdicts), vi-VN numbers, periods and codes. Unknown
keys are rejected (``extra="forbid"``) so that a typo never silently drops a field.
Checks that need more than one field or the whole file (bound fields per kind, units,
references between targets, groups, indicators and areas) are done by
:mod:`chitieu.definitions.resolution`, which also maps every problem to a YAML line.

The loader validates the document piecewise (:class:`ResolutionHeader`, then each
item with its own model) so that one broken target does not hide the problems of the
others; :class:`ResolutionSpec` is the same schema in one piece, for documentation
and JSON Schema export.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from chitieu.core.model import (
    Aggregation,
    BoundKind,
    ClauseKind,
    Direction,
    Measure,
    TimeAggregation,
)
from chitieu.core.numbers import NumberFormatError, parse_number

FORMAT = "chitieu/resolution@1"

_CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")


def _error(kind: str, message: str) -> PydanticCustomError:
    # The message goes through the context so that braces in user input are harmless.
    return PydanticCustomError(kind, "{message}", {"message": message})


def to_decimal(value: Any) -> Decimal:
    """A number as written in a definition: a vi-VN string, a YAML int or a YAML float.

    Strings go through :func:`chitieu.core.numbers.parse_number` ("1.500" = 1500,
    "43,4" = 43.4). YAML floats are taken as ``Decimal(repr(x))``; quoting is preferred.
    """
    if isinstance(value, bool):
        raise _error("number", f"expected a number, got {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            return Decimal(repr(float(value)))
        except InvalidOperation as exc:  # pragma: no cover - repr of a float always parses
            raise _error("number", f"not a number: {value!r}") from exc
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NumberFormatError as exc:
            reason = getattr(exc, "reason", str(exc))
            raise _error("number", f"not a vi-VN number: {value!r}: {reason}") from exc
    raise _error("number", f"expected a number written as a string, got {value!r}")


def to_period(value: Any) -> tuple[int, int]:
    """``"2021-2025"``, ``"2021–2025"`` (en dash) or ``[2021, 2025]``; first ≤ last."""
    first: int
    last: int
    if isinstance(value, str):
        m = _PERIOD_RE.match(value)
        if m is None:
            raise _error("period", f"not a period: {value!r} (write it as 2021-2025)")
        first, last = int(m.group(1)), int(m.group(2))
    elif isinstance(value, list | tuple) and len(value) == 2:
        a, b = value
        if not (isinstance(a, int) and isinstance(b, int)) or isinstance(a, bool):
            raise _error("period", f"not a period: {value!r} (two years expected)")
        first, last = a, b
    else:
        raise _error("period", f"not a period: {value!r} (write it as 2021-2025)")
    if first > last:
        raise _error("period", f"period {first}-{last}: the first year is after the last year")
    for year in (first, last):
        if not 1900 <= year <= 2200:
            raise _error("period", f"period {first}-{last}: {year} is not a plausible year")
    return (first, last)


def _check_code(value: str) -> str:
    if not _CODE_RE.match(value):
        raise _error(
            "code", f"{value!r} is not a valid code (lower-case letters, digits and '-' only)"
        )
    return value


def _text_from_str(value: Any) -> Any:
    return {"vi": value} if isinstance(value, str) else value


Number = Annotated[Decimal, BeforeValidator(to_decimal)]
Period = Annotated[tuple[int, int], BeforeValidator(to_period)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Code = Annotated[str, AfterValidator(_check_code)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Model(BaseModel):
    """Base of every definition model: unknown keys are errors, ids may be written as numbers."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class TextSpec(Model):
    """``{vi: "…", en: "…"}``; a plain string is taken as the Vietnamese text."""

    vi: NonEmpty
    en: str = ""


TextIn = Annotated[TextSpec, BeforeValidator(_text_from_str)]


class CitationSpec(Model):
    document: str = ""
    section: str = ""
    line: Annotated[int, Field(ge=1)] | None = None
    url: str = ""
    date: str = ""
    quote: str = ""


class AreaSpec(Model):
    code: Code
    name: TextIn
    parent: Code | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    predecessors: list[Code] = Field(default_factory=list)


class IndicatorSpec(Model):
    code: Code
    name: TextIn
    unit: str
    direction: Direction = Direction.HIGHER
    measure: Measure = Measure.LEVEL
    aggregation: Aggregation = Aggregation.NONE
    time_aggregation: TimeAggregation = TimeAggregation.NONE
    source: CitationSpec | None = None


class GroupSpec(Model):
    code: Code
    name: TextIn


class ClauseSpec(Model):
    """One quantified requirement; which of value/low/high/year/period apply is checked later."""

    id: NonEmpty
    label: TextIn | None = None
    text: NonEmpty
    indicator: Code
    kind: ClauseKind
    bound: BoundKind
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: str | None = None
    period: Period | None = None
    year: Year | None = None
    base_year: Year | None = None
    base_value: Number | None = None
    tolerance: Number | None = None
    each_year: bool = False
    source: CitationSpec | None = None


class ReportedSpec(Model):
    """The report's own verdict on a target (used when the value is unknown, or to compare)."""

    verdict: Literal["exceeded", "achieved", "not_achieved"]
    met_early_years: Annotated[int, Field(ge=0)] | None = None
    citation: CitationSpec | None = None
    note: str = ""


class TargetBase(Model):
    id: NonEmpty
    number: Annotated[int, Field(ge=1)] | None = None
    group: Code
    label: TextIn | None = None
    text: NonEmpty
    source: CitationSpec | None = None
    headline: str | None = None
    reported: ReportedSpec | None = None
    value_known: bool = True


class TargetItem(TargetBase):
    """A target whose clauses are validated one by one by the loader."""

    clauses: list[Any] = Field(default_factory=list)


class TargetSpec(TargetBase):
    clauses: list[ClauseSpec] = Field(default_factory=list)


class StructurePartSpec(Model):
    share: Code
    growth: Code | None = None


class StructureSpec(Model):
    """Shares that add up to 100 % and the growth indicator behind each part."""

    id: Code
    label: TextIn | None = None
    total_growth: Code | None = None
    tolerance: Number | None = None
    parts: list[StructurePartSpec] = Field(min_length=2)


class PerCapitaSpec(Model):
    indicator: Code
    growth: Code


class InvestmentSpec(Model):
    indicator: Code
    output: Code
    growth: Code


class GrowthOfSpec(Model):
    growth: Code
    level: Code
    tolerance: Number | None = None


class RelationsSpec(Model):
    """How indicators relate, for ``chitieu check`` and ``chitieu validate`` (optional)."""

    structures: list[StructureSpec] = Field(default_factory=list)
    per_capita: list[PerCapitaSpec] = Field(default_factory=list)
    investment: list[InvestmentSpec] = Field(default_factory=list)
    growth_of: list[GrowthOfSpec] = Field(default_factory=list)


class ValidationRuleSpec(Model):
    """A DHIS2-style rule: ``left operator right`` over ``#{indicator}`` expressions."""

    id: NonEmpty
    name: TextIn | None = None
    left: NonEmpty
    operator: Literal["==", "!=", "<", "<=", ">", ">="]
    right: NonEmpty
    importance: Literal["high", "medium", "low"] = "medium"
    missing: Literal["skip_if_any_missing", "skip_if_all_missing", "never_skip"] = (
        "skip_if_any_missing"
    )
    tolerance: Number | None = None


class HeaderBase(Model):
    format: Literal["chitieu/resolution@1"]
    id: Code
    title: TextIn
    body: TextIn
    base_year: Year
    period: Period
    area: Code
    source: CitationSpec | None = None
    # How many main targets the source itself counts ("12/20 chỉ tiêu"), when not all of
    # them could be identified and encoded; the note says which are missing and why.
    counted_targets: int | None = Field(default=None, ge=1)
    counted_note: TextIn | None = None
    relations: RelationsSpec | None = None
    validation_rules: list[ValidationRuleSpec] = Field(default_factory=list)


class ResolutionHeader(HeaderBase):
    """The resolution without its items; the loader validates each item on its own."""

    areas: list[Any] = Field(default_factory=list)
    indicators: list[Any]
    groups: list[Any]
    targets: list[Any]
    extra_targets: list[Any] = Field(default_factory=list)


class ResolutionSpec(HeaderBase):
    """The whole document in one model (documentation, JSON Schema)."""

    areas: list[AreaSpec] = Field(default_factory=list)
    indicators: list[IndicatorSpec]
    groups: list[GroupSpec]
    targets: list[TargetSpec]
    extra_targets: list[TargetSpec] = Field(default_factory=list)


def known_field_names() -> frozenset[str]:
    """Every key the format knows, to suggest a correction for a misspelt one."""
    models: tuple[type[BaseModel], ...] = (
        TextSpec,
        CitationSpec,
        AreaSpec,
        IndicatorSpec,
        GroupSpec,
        ClauseSpec,
        ReportedSpec,
        TargetSpec,
        ResolutionSpec,
        StructurePartSpec,
        StructureSpec,
        PerCapitaSpec,
        InvestmentSpec,
        GrowthOfSpec,
        RelationsSpec,
        ValidationRuleSpec,
    )
    return frozenset(name for m in models for name in m.model_fields)

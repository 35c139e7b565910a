"""Load a resolution definition (YAML, ``chitieu/resolution@1``) into the core model.

Every problem is reported with the file, the 1-based line and the dotted path of the
offending field; all problems of a file are collected before :class:`DefinitionError`
is raised. The YAML is read with ruamel.yaml's round-trip loader, whose nodes remember
their positions.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from chitieu.core.model import (
    Area,
    Bound,
    BoundKind,
    Citation,
    Clause,
    ClauseKind,
    ExternalAssessment,
    Group,
    Indicator,
    Resolution,
    Target,
    Text,
    Verdict,
)
from chitieu.core.units import UnknownUnitError, compatible, parse_unit
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.schema import (
    AreaSpec,
    CitationSpec,
    ClauseSpec,
    GroupSpec,
    IndicatorSpec,
    ResolutionHeader,
    TargetItem,
    TextSpec,
    known_field_names,
)
from chitieu.definitions.yamlpaths import dotted as _dotted
from chitieu.definitions.yamlpaths import get as _get
from chitieu.definitions.yamlpaths import known as _known
from chitieu.definitions.yamlpaths import line_of as _line_of
from chitieu.definitions.yamlpaths import nfc as _nfc

__all__ = ["load_resolution", "load_resolution_text"]

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

#: Clause kinds that cover a span of years and take ``period``; the others take ``year``.
PERIOD_KINDS = frozenset({ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR})
#: Bounds stated with one ``value``; ``range`` takes ``low`` and ``high``.
VALUE_BOUNDS = frozenset(
    {
        BoundKind.POINT,
        BoundKind.ABOUT,
        BoundKind.AT_LEAST,
        BoundKind.ABOVE,
        BoundKind.BELOW,
        BoundKind.AT_MOST,
    }
)
MILESTONE_UNIT = "năm"

# A plain YAML float that a vi-VN reader would take as thousands: 1.500, 180.000
_THOUSANDS_FLOAT_RE = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+$")
_FLOAT_TOKEN_RE = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")

#: Largest definition accepted (the Hải Phòng 2020-2025 file has 68 KB): bounds the time a
#: hostile upload can cost before any problem is reported.
MAX_DEFINITION_CHARS = 500_000
#: Values a document may hold once YAML aliases are expanded. Aliases share nodes, so a
#: few lines can stand for 10^9 values ("billion laughs"); the real files hold < 10 000.
MAX_NODES = 200_000
#: Nesting deeper than any definition needs (the format nests about 6 levels).
MAX_DEPTH = 64
_BRACKETS_RE = re.compile(r"[\[\]{}]")
#: Problems listed before the rest are only counted: a file of 10 000 unknown keys gets
#: a readable message, and reporting it costs no more than reading it.
MAX_PROBLEMS = 200


def load_resolution(path: Path) -> Resolution:
    """Read and validate a resolution definition file."""
    filename = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_DEFINITION_CHARS * 4 + 1)
    except OSError as exc:
        raise DefinitionError([Problem(filename, None, "", f"cannot read file: {exc}")]) from exc
    if len(raw) > MAX_DEFINITION_CHARS * 4:
        raise DefinitionError([Problem(filename, None, "", _too_long())])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError([Problem(filename, line, "", f"not UTF-8: {exc.reason}")]) from exc
    return load_resolution_text(text, filename)


def load_resolution_text(text: str, filename: str = "<text>") -> Resolution:
    """Validate a resolution definition given as text; ``filename`` is used in problems."""
    if len(text) > MAX_DEFINITION_CHARS:
        raise DefinitionError([Problem(filename, None, "", _too_long())])
    if _flow_depth(text) > MAX_DEPTH:
        # ruamel's scanner is quadratic in the depth of "[[[[…": refuse before it starts.
        problem = Problem(filename, None, "", f"YAML nested too deeply (more than {MAX_DEPTH})")
        raise DefinitionError([problem])
    yaml = YAML(typ="rt")
    try:
        root = yaml.load(text)
    except RecursionError as exc:
        problem = Problem(filename, None, "", f"YAML nested too deeply (more than {MAX_DEPTH})")
        raise DefinitionError([problem]) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = "; ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        problem = Problem(filename, line, "", f"YAML syntax error: {message}")
        raise DefinitionError([problem]) from exc
    except YAMLError as exc:
        raise DefinitionError([Problem(filename, None, "", f"YAML error: {exc}")]) from exc
    except ValueError as exc:
        # ruamel converts scalars while composing; Python refuses an integer of more than
        # 4300 digits there, before we could look at the value.
        raise DefinitionError([Problem(filename, None, "", f"YAML value error: {exc}")]) from exc
    except TypeError as exc:
        # "{[{a: 1}]: x}": a key holding a mapping inside a list, which ruamel cannot hash
        # (found by the fuzz campaign). Any other TypeError is a bug of ours: let it out.
        if not str(exc).startswith("unhashable type"):
            raise
        message = f"YAML key is a list or mapping, which is not allowed: {exc}"
        raise DefinitionError([Problem(filename, None, "", message)]) from exc
    return _Loader(filename, text, root).load()


def _flow_depth(text: str) -> int:
    """Deepest nesting of "[" and "{" (quotes ignored: an over-estimate only for text
    with dozens of unclosed brackets in strings, which no definition has)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for match in _BRACKETS_RE.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _too_long() -> str:
    return f"the file is too large (more than {MAX_DEFINITION_CHARS} characters)"


class _Loader:
    def __init__(self, filename: str, text: str, root: Any) -> None:
        self.filename = filename
        self.lines = text.splitlines()
        self.root = root
        self.problems: list[Problem] = []
        self.data: Any = None
        self.pending: list[tuple[Path_, str]] = []  # found before ``data`` exists
        self.base_doc = ""
        self.base_url = ""
        self.clause_ids: dict[str, Path_] = {}
        self.target_ids: dict[str, Path_] = {}
        self.numbers: dict[int, Path_] = {}
        self.nodes = 0  # values seen by _plain, aliases counted each time they are used
        self.more = 0  # problems beyond MAX_PROBLEMS, counted only

    # -- locating problems ---------------------------------------------------

    def line_of(self, path: Path_) -> int | None:
        """1-based line of the deepest node of ``path`` present in the YAML tree."""
        return _line_of(self.root, path)

    def subject(self, path: Path_) -> str:
        """ "target 3, clause 3b: " when the path is inside a target (ids as written)."""
        if len(path) < 2 or path[0] not in ("targets", "extra_targets"):
            return ""
        target = _get(self.data, path[:2])
        parts: list[str] = []
        tid = target.get("id") if isinstance(target, Mapping) else None
        kind = "extra target" if path[0] == "extra_targets" else "target"
        parts.append(f"{kind} {tid}" if tid is not None else f"{kind} #{int(path[1]) + 1}")
        if len(path) >= 4 and path[2] == "clauses":
            clause = _get(self.data, path[:4])
            cid = clause.get("id") if isinstance(clause, Mapping) else None
            parts.append(f"clause {cid}" if cid is not None else f"clause #{int(path[3]) + 1}")
        return ", ".join(parts) + ": "

    def add(self, path: Path_, message: str, *, anchor: Path_ | None = None) -> None:
        """Record a problem at ``path`` (line taken from ``anchor`` when given)."""
        if len(self.problems) >= MAX_PROBLEMS:
            self.more += 1
            return
        line = self.line_of(anchor if anchor is not None else path)
        self.problems.append(
            Problem(self.filename, line, _dotted(path), self.subject(path) + message)
        )

    def validate(self, model: type[M], data: Any, path: Path_) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                if len(self.problems) >= MAX_PROBLEMS:
                    self.more += 1
                    continue
                loc = tuple(x for x in err["loc"] if isinstance(x, str | int))
                self.add(path + loc, _message(err))
            return None

    # -- the document ----------------------------------------------------------

    def load(self) -> Resolution:
        if self.root is None:
            self.problems.append(Problem(self.filename, 1, "", "the document is empty"))
            raise DefinitionError(self.problems)
        if not isinstance(self.root, Mapping):
            self.problems.append(
                Problem(self.filename, 1, "", "the document must be a mapping (key: value)")
            )
            raise DefinitionError(self.problems)
        self.data = self._plain(self.root, ())
        for path, message in self.pending:
            self.add(path, message)
        resolution = self._build()
        if self.problems or resolution is None:
            self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
            if self.more:
                more = f"… and {self.more} more problems (only the first {MAX_PROBLEMS} are listed)"
                self.problems.append(Problem(self.filename, None, "", more))
            raise DefinitionError(self.problems)
        return resolution

    def _plain(self, node: Any, path: Path_) -> Any:
        """Plain Python data for pydantic: strings NFC, dates ISO, YAML scalars unwrapped."""
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            what = (
                f"more than {MAX_NODES} values once aliases are expanded"
                if self.nodes > MAX_NODES
                else f"nested more than {MAX_DEPTH} levels deep"
            )
            problem = Problem(self.filename, self.line_of(path), _dotted(path), f"{what}")
            raise DefinitionError([problem])
        if isinstance(node, Mapping):
            out: dict[Any, Any] = {}
            for key, value in node.items():
                k = _nfc(key) if isinstance(key, str) else key
                if isinstance(value, float):
                    self._check_float(node, key, (*path, k), value_pos=True)
                out[k] = self._plain(value, (*path, k))
            return out
        if isinstance(node, list):
            items: list[Any] = []
            for i, value in enumerate(node):
                if isinstance(value, float):
                    self._check_float(node, i, (*path, i), value_pos=False)
                items.append(self._plain(value, (*path, i)))
            return items
        if isinstance(node, str):
            return _nfc(str(node))
        if isinstance(node, bool):
            return bool(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, datetime.datetime):
            return node.isoformat()
        if isinstance(node, datetime.date):
            return node.isoformat()
        return node

    def _check_float(self, parent: Any, key: Any, path: Path_, *, value_pos: bool) -> None:
        """Reject an unquoted ``1.500``: YAML reads 1.5, a vi-VN reader 1500."""
        try:
            line, col = parent.lc.value(key) if value_pos else parent.lc.item(key)
        except (AttributeError, KeyError, IndexError, TypeError):
            return
        if not 0 <= line < len(self.lines):
            return
        m = _FLOAT_TOKEN_RE.match(self.lines[line], col)
        if m and _THOUSANDS_FLOAT_RE.match(m.group(0)):
            written = m.group(0)
            message = (
                f"{written} is ambiguous: YAML reads it as {parent[key]!r}, in vi-VN it means "
                f'{written.replace(".", "")}; quote the number ("{written}")'
            )
            self.pending.append((path, message))

    def _items(self, key: str, model: type[M]) -> list[tuple[int, M]]:
        raw = self.data.get(key)
        if not isinstance(raw, list):
            return []
        out: list[tuple[int, M]] = []
        for i, item in enumerate(raw):
            spec = self.validate(model, item, (key, i))
            if spec is not None:
                out.append((i, spec))
        return out

    def _build(self) -> Resolution | None:
        header = self.validate(ResolutionHeader, self.data, ())
        period = header.period if header is not None else None
        doc_source = header.source if header is not None else None
        self.base_doc = doc_source.document if doc_source else ""
        self.base_url = doc_source.url if doc_source else ""

        areas = self._areas(self._items("areas", AreaSpec))
        indicators = self._indicators(self._items("indicators", IndicatorSpec))
        groups = self._groups(self._items("groups", GroupSpec))

        targets = self._targets("targets", period, indicators, groups)
        extra = self._targets("extra_targets", period, indicators, groups)

        if header is not None:
            if header.area not in areas:
                self.add(("area",), f"unknown area {header.area!r}" + _known(areas))
            if header.base_year >= header.period[0]:
                self.add(
                    ("base_year",),
                    f"base year {header.base_year} is not before the period "
                    f"{header.period[0]}-{header.period[1]}",
                )
            if header.counted_targets is not None and header.counted_targets < len(targets):
                self.add(
                    ("counted_targets",),
                    f"the source counts {header.counted_targets} targets but "
                    f"{len(targets)} are defined",
                )
        for code, (path, area) in areas.items():
            if area.parent is not None and area.parent not in areas:
                self.add((*path, "parent"), f"unknown area {area.parent!r}" + _known(areas))
            for j, pred in enumerate(area.predecessors):
                if pred not in areas:
                    self.add((*path, "predecessors", j), f"unknown area {pred!r}" + _known(areas))
                elif pred == code:
                    self.add((*path, "predecessors", j), "an area cannot be its own predecessor")

        if header is not None:
            self._check_analysis(header, indicators)

        if header is None or self.problems:
            return None
        return Resolution(
            id=header.id,
            title=_text(header.title),
            body=_text(header.body),
            base_year=header.base_year,
            period=header.period,
            area=header.area,
            groups=tuple(g for _, g in groups.values()),
            targets=tuple(targets),
            indicators=tuple(ind for _, ind in indicators.values()),
            areas=tuple(a for _, a in areas.values()),
            source=self._citation(header.source),
            extra_targets=tuple(extra),
            counted_targets=header.counted_targets,
            counted_note=_text(header.counted_note) if header.counted_note else Text(""),
        )

    def _check_analysis(self, header: ResolutionHeader, indicators: Mapping[str, Any]) -> None:
        """Relations and validation rules may only name indicators of this file."""
        from chitieu.core.analysis.validation import ExpressionError, parse_expression, references

        def known(code: str | None, path: Path_) -> None:
            if code is not None and code not in indicators:
                self.add(path, f"unknown indicator {code!r}" + _known(indicators))

        rel = header.relations
        if rel is not None:
            for i, st in enumerate(rel.structures):
                known(st.total_growth, ("relations", "structures", i, "total_growth"))
                for j, part in enumerate(st.parts):
                    for key in ("share", "growth"):
                        path = ("relations", "structures", i, "parts", j, key)
                        known(getattr(part, key), path)
            for name in ("per_capita", "investment", "growth_of"):
                for i, item in enumerate(getattr(rel, name)):
                    for key, code in item.model_dump().items():
                        if key != "tolerance":
                            known(code, ("relations", name, i, key))
        for i, rule in enumerate(header.validation_rules):
            for side in ("left", "right"):
                where: Path_ = ("validation_rules", i, side)
                try:
                    refs = references(parse_expression(getattr(rule, side)))
                except ExpressionError as exc:
                    self.add(where, str(exc))
                    continue
                for code in sorted(refs):
                    known(code, where)

    # -- items ---------------------------------------------------------------

    def _areas(self, specs: list[tuple[int, AreaSpec]]) -> dict[str, tuple[Path_, Area]]:
        out: dict[str, tuple[Path_, Area]] = {}
        for i, spec in specs:
            path: Path_ = ("areas", i)
            if spec.code in out:
                self.add((*path, "code"), f"duplicate area code {spec.code!r}")
                continue
            if spec.valid_from and spec.valid_to and spec.valid_from > spec.valid_to:
                self.add((*path, "valid_to"), "valid_to is before valid_from")
            out[spec.code] = (
                path,
                Area(
                    code=spec.code,
                    name=_text(spec.name),
                    parent=spec.parent,
                    valid_from=spec.valid_from.isoformat() if spec.valid_from else None,
                    valid_to=spec.valid_to.isoformat() if spec.valid_to else None,
                    predecessors=tuple(spec.predecessors),
                ),
            )
        return out

    def _indicators(
        self, specs: list[tuple[int, IndicatorSpec]]
    ) -> dict[str, tuple[Path_, Indicator]]:
        out: dict[str, tuple[Path_, Indicator]] = {}
        for i, spec in specs:
            path: Path_ = ("indicators", i)
            if spec.code in out:
                self.add((*path, "code"), f"duplicate indicator code {spec.code!r}")
                continue
            self._check_unit(spec.unit, (*path, "unit"))
            out[spec.code] = (
                path,
                Indicator(
                    code=spec.code,
                    name=_text(spec.name),
                    unit=spec.unit,
                    direction=spec.direction,
                    measure=spec.measure,
                    aggregation=spec.aggregation,
                    source=_plain_citation(spec.source),
                ),
            )
        return out

    def _groups(self, specs: list[tuple[int, GroupSpec]]) -> dict[str, tuple[Path_, Group]]:
        out: dict[str, tuple[Path_, Group]] = {}
        for i, spec in specs:
            if spec.code in out:
                self.add(("groups", i, "code"), f"duplicate group code {spec.code!r}")
                continue
            out[spec.code] = (("groups", i), Group(spec.code, _text(spec.name)))
        return out

    def _targets(
        self,
        key: str,
        period: tuple[int, int] | None,
        indicators: Mapping[str, tuple[Path_, Indicator]],
        groups: Mapping[str, tuple[Path_, Group]],
    ) -> list[Target]:
        out: list[Target] = []
        items = self.data.get(key)
        for i, raw_target in enumerate(items if isinstance(items, list) else []):
            path: Path_ = (key, i)
            spec = self.validate(TargetItem, raw_target, path)
            if spec is None:
                # Still check the clauses, so that every problem of the file is reported.
                if isinstance(raw_target, Mapping) and isinstance(raw_target.get("clauses"), list):
                    known = raw_target.get("value_known", True)
                    self._clauses(
                        path,
                        raw_target["clauses"],
                        known if isinstance(known, bool) else True,
                        period,
                        indicators,
                        Citation(),
                    )
                continue
            ok = True
            if spec.id in self.target_ids:
                self.add((*path, "id"), f"duplicate target id {spec.id!r}")
                ok = False
            else:
                self.target_ids[spec.id] = path
            if spec.group not in groups:
                self.add((*path, "group"), f"unknown group {spec.group!r}" + _known(groups))
            if key == "extra_targets" and spec.number is not None:
                self.add((*path, "number"), "extra targets are not numbered (remove number)")
            elif spec.number is not None:
                if spec.number in self.numbers:
                    self.add((*path, "number"), f"duplicate target number {spec.number}")
                else:
                    self.numbers[spec.number] = path

            target_source = self._citation(spec.source)
            declared, clauses = self._clauses(
                path, spec.clauses, spec.value_known, period, indicators, target_source
            )

            if spec.value_known and not spec.clauses:
                self.add(
                    (*path, "clauses"),
                    "a target with a known value needs at least one clause "
                    "(or set value_known: false)",
                )
            headline = spec.headline
            if headline is not None:
                if headline not in declared:
                    self.add(
                        (*path, "headline"),
                        f"headline clause {headline!r} is not a clause of this target"
                        + (f" (clauses: {', '.join(declared)})" if declared else ""),
                    )
                    ok = False
                elif headline not in {c.id for c in clauses}:
                    headline = None  # value_known: false, the clause has no value
            if not ok:
                continue
            reported = None
            if spec.reported is not None:
                reported = ExternalAssessment(
                    verdict=Verdict(spec.reported.verdict),
                    citation=self._citation(spec.reported.citation),
                    met_early_years=spec.reported.met_early_years,
                    note=spec.reported.note,
                )
            out.append(
                Target(
                    id=spec.id,
                    group=spec.group,
                    text=spec.text,
                    clauses=tuple(clauses),
                    number=spec.number,
                    headline=headline,
                    label=_text(spec.label),
                    source=target_source,
                    reported=reported,
                    value_known=spec.value_known,
                )
            )
        return out

    def _clauses(
        self,
        path: Path_,
        raw_clauses: Sequence[Any],
        value_known: bool,
        period: tuple[int, int] | None,
        indicators: Mapping[str, tuple[Path_, Indicator]],
        target_source: Citation,
    ) -> tuple[list[str], list[Clause]]:
        """Validate a target's clauses; returns the declared ids and the clauses built."""
        declared: list[str] = []
        clauses: list[Clause] = []
        for j, raw in enumerate(raw_clauses):
            cpath: Path_ = (*path, "clauses", j)
            cspec = self.validate(ClauseSpec, raw, cpath)
            if cspec is None:
                if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                    declared.append(raw["id"])
                continue
            declared.append(cspec.id)
            clause = self._clause(cspec, cpath, value_known, period, indicators, target_source)
            if clause is not None:
                clauses.append(clause)
        return declared, clauses

    def _clause(
        self,
        spec: ClauseSpec,
        path: Path_,
        value_known: bool,
        period: tuple[int, int] | None,
        indicators: Mapping[str, tuple[Path_, Indicator]],
        target_source: Citation,
    ) -> Clause | None:
        problems_before = len(self.problems)
        if spec.id in self.clause_ids:
            self.add((*path, "id"), f"duplicate clause id {spec.id!r}")
        else:
            self.clause_ids[spec.id] = path

        indicator: Indicator | None = None
        if spec.indicator in indicators:
            indicator = indicators[spec.indicator][1]
        else:
            self.add(
                (*path, "indicator"), f"unknown indicator {spec.indicator!r}" + _known(indicators)
            )

        given = {name for name in ("value", "low", "high") if getattr(spec, name) is not None}
        if not value_known and not given:
            # The value is stated nowhere: the requirement stays in the target's text.
            return None

        bound = self._bound(spec, path, given)
        unit = self._clause_unit(spec, path, indicator)

        year: int | None = None
        span: tuple[int, int] | None = None
        if spec.kind in PERIOD_KINDS:
            if spec.year is not None:
                self.add(
                    (*path, "year"),
                    f"a {spec.kind} clause covers a period: write period: 2021-2025, not year",
                )
            span = spec.period if spec.period is not None else period
        else:
            if spec.period is not None:
                self.add(
                    (*path, "period"),
                    f"a {spec.kind} clause refers to one year: write year: 2025, not period",
                )
            year = spec.year if spec.year is not None else (period[1] if period else None)

        if (spec.base_year is None) != (spec.base_value is None):
            missing = "base_value" if spec.base_value is None else "base_year"
            present = "base_year" if spec.base_value is None else "base_value"
            self.add(
                (*path, missing),
                f"{present} is given without {missing}",
                anchor=(
                    *path,
                    present,
                ),
            )
        if spec.base_year is not None:
            start = span[0] if span is not None else year
            if start is not None and spec.base_year >= start:
                self.add(
                    (*path, "base_year"),
                    f"base year {spec.base_year} is not before {start}, where the clause starts",
                )
        if spec.tolerance is not None:
            if spec.bound != BoundKind.ABOUT:
                self.add(
                    (*path, "tolerance"), f"tolerance only applies to bound about, not {spec.bound}"
                )
            elif spec.tolerance < 0:
                self.add((*path, "tolerance"), "tolerance must not be negative")

        if len(self.problems) > problems_before or bound is None or unit is None:
            return None
        if span is None and year is None:
            return None
        return Clause(
            id=spec.id,
            text=spec.text,
            indicator=spec.indicator,
            kind=spec.kind,
            bound=Bound(kind=spec.bound, low=bound[0], high=bound[1], unit=unit),
            label=_text(spec.label),
            year=year,
            period=span,
            base_year=spec.base_year,
            base_value=spec.base_value,
            tolerance=spec.tolerance,
            each_year=spec.each_year,
            source=self._citation(spec.source, default=target_source),
        )

    def _bound(
        self, spec: ClauseSpec, path: Path_, given: set[str]
    ) -> tuple[Decimal | None, Decimal | None] | None:
        kind = spec.bound
        anchor: Path_ = (*path, "bound")
        needed = {"value"} if kind in VALUE_BOUNDS else {"low", "high"}
        ok = True
        for name in sorted(needed - given):
            hint = "" if kind in VALUE_BOUNDS else " (a range needs low and high)"
            self.add((*path, name), f"bound {kind} needs {name}{hint}", anchor=anchor)
            ok = False
        for name in sorted(given - needed):
            use = "value" if kind in VALUE_BOUNDS else "low and high"
            self.add((*path, name), f"bound {kind} takes {use}, not {name}")
            ok = False
        if not ok:
            return None
        if kind == BoundKind.RANGE:
            low, high = spec.low, spec.high
            if low is not None and high is not None and low > high:
                self.add((*path, "low"), f"range low {low} is greater than high {high}")
                return None
            return (low, high)
        value = spec.value
        if kind in (BoundKind.AT_LEAST, BoundKind.ABOVE):
            return (value, None)
        if kind in (BoundKind.BELOW, BoundKind.AT_MOST):
            return (None, value)
        return (value, value)

    def _clause_unit(
        self, spec: ClauseSpec, path: Path_, indicator: Indicator | None
    ) -> str | None:
        upath: Path_ = (*path, "unit")
        if spec.kind == ClauseKind.MILESTONE:
            if spec.unit not in (None, MILESTONE_UNIT):
                self.add(
                    upath,
                    f"a milestone is a year: its unit is {MILESTONE_UNIT!r} or absent, "
                    f"not {spec.unit!r}",
                )
                return None
            return MILESTONE_UNIT
        if spec.unit is None:
            self.add(
                upath,
                'unit is required (write unit: "" for a bare number)',
                anchor=(*path, "bound"),
            )
            return None
        if not self._check_unit(spec.unit, upath):
            return None
        if indicator is not None and not _compatible(spec.unit, indicator.unit):
            self.add(
                upath,
                f"unit {spec.unit!r} is not compatible with the unit {indicator.unit!r} "
                f"of indicator {indicator.code!r}",
            )
            return None
        return spec.unit

    def _check_unit(self, unit: str, path: Path_) -> bool:
        try:
            parse_unit(unit)
        except UnknownUnitError as exc:
            self.add(path, _unknown_unit(unit, exc))
            return False
        return True

    def _citation(self, spec: CitationSpec | None, default: Citation | None = None) -> Citation:
        """A citation; document and url default to those of the resolution's source.

        With no citation at all, ``default`` is used (a clause cites its target).
        """
        if spec is None:
            if default is not None:
                return default
            return Citation(document=self.base_doc, url=self.base_url)
        return Citation(
            document=spec.document or self.base_doc,
            section=spec.section,
            line=spec.line,
            url=spec.url or (self.base_url if not spec.document else ""),
            date=spec.date,
            quote=spec.quote,
        )


# -- helpers -------------------------------------------------------------------


def _unknown_unit(unit: str, exc: Exception) -> str:
    word = getattr(exc, "word", None)
    if isinstance(word, str) and word and word != unit:
        return f"unknown unit {unit!r} (cannot read {word!r})"
    return f"unknown unit {unit!r}"


def _plain_citation(spec: CitationSpec | None) -> Citation:
    if spec is None:
        return Citation()
    return Citation(spec.document, spec.section, spec.line, spec.url, spec.date, spec.quote)


def _compatible(a: str, b: str) -> bool:
    try:
        return bool(compatible(a, b))
    except ValueError:
        return False


def _text(spec: TextSpec | None) -> Text:
    return Text("") if spec is None else Text(spec.vi, spec.en)


_FIELDS = known_field_names()


def _message(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        close = difflib.get_close_matches(key, _FIELDS, n=1, cutoff=0.7)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {key!r}{hint}"
    msg = str(err["msg"])
    if kind in ("number", "period", "code"):
        return msg
    value = err.get("input")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{msg} (got {value!r})"
    return msg

"""One resolution definition being read: its YAML tree, its plain data and its problems.

Every part of the loader (:mod:`.catalogue`, :mod:`.targets`, :mod:`.clauses`,
:mod:`.assemble`) reports through :meth:`ResolutionDocument.add`, which locates the
problem (file, 1-based line, dotted field path, "target 3, clause 3b: ") in the
round-trip tree ruamel.yaml keeps; so a message reads the same whichever part found it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from chitieu.core.model import Citation, Text
from chitieu.core.units import UnknownUnitError, compatible, parse_unit
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.schema import CitationSpec, TextSpec, known_field_names
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import dotted as _dotted
from chitieu.definitions.yamlpaths import get as _get
from chitieu.definitions.yamlpaths import line_of as _line_of
from chitieu.definitions.yamlpaths import nfc as _nfc

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_PROBLEMS",
    "ResolutionDocument",
    "plain_citation",
    "text_of",
    "units_compatible",
]

M = TypeVar("M", bound=BaseModel)

#: Values a document may hold once YAML aliases are expanded. Aliases share nodes, so a
#: few lines can stand for 10^9 values ("billion laughs"); the real files hold < 10 000.
MAX_NODES = 200_000
#: Nesting deeper than any definition needs (the format nests about 6 levels).
MAX_DEPTH = 64
#: Problems listed before the rest are only counted: a file of 10 000 unknown keys gets
#: a readable message, and reporting it costs no more than reading it.
MAX_PROBLEMS = 200

# A plain YAML float that a vi-VN reader would take as thousands: 1.500, 180.000
_THOUSANDS_FLOAT_RE = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+$")
_FLOAT_TOKEN_RE = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")


class ResolutionDocument:
    """The state of one load: where each problem is, and what the file has declared so far."""

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
        self.nodes = 0  # values seen by plain, aliases counted each time they are used
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

    # -- the data ------------------------------------------------------------

    def plain(self, node: Any, path: Path_) -> Any:
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
                out[k] = self.plain(value, (*path, k))
            return out
        if isinstance(node, list):
            items: list[Any] = []
            for i, value in enumerate(node):
                if isinstance(value, float):
                    self._check_float(node, i, (*path, i), value_pos=False)
                items.append(self.plain(value, (*path, i)))
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

    def items(self, key: str, model: type[M]) -> list[tuple[int, M]]:
        """The valid items of the top-level list ``key`` with their indexes."""
        raw = self.data.get(key)
        if not isinstance(raw, list):
            return []
        out: list[tuple[int, M]] = []
        for i, item in enumerate(raw):
            spec = self.validate(model, item, (key, i))
            if spec is not None:
                out.append((i, spec))
        return out

    # -- shared checks -------------------------------------------------------

    def check_unit(self, unit: str, path: Path_) -> bool:
        try:
            parse_unit(unit)
        except UnknownUnitError as exc:
            self.add(path, _unknown_unit(unit, exc))
            return False
        return True

    def citation(self, spec: CitationSpec | None, default: Citation | None = None) -> Citation:
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


def plain_citation(spec: CitationSpec | None) -> Citation:
    """A citation as written, without the resolution's defaults (an indicator's source)."""
    if spec is None:
        return Citation()
    return Citation(spec.document, spec.section, spec.line, spec.url, spec.date, spec.quote)


def units_compatible(a: str, b: str) -> bool:
    try:
        return bool(compatible(a, b))
    except ValueError:
        return False


def text_of(spec: TextSpec | None) -> Text:
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

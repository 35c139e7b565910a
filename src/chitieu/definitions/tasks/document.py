"""A tasks or agencies file being read: its YAML tree, its plain data and its problems.

Same conventions as the resolution loader: ruamel.yaml's round-trip reader, so every
problem has a line; pydantic for the shape; every problem of a file collected into one
:class:`DefinitionError`, sorted by line.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.tasks.schema import FIELDS
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import dotted as _dotted
from chitieu.definitions.yamlpaths import get as _get
from chitieu.definitions.yamlpaths import line_of as _line_of
from chitieu.definitions.yamlpaths import nfc as _nfc

__all__ = ["TaskDocument", "close_match", "read_text"]

M = TypeVar("M", bound=BaseModel)


class TaskDocument:
    """A parsed YAML file that can say on which line a field stands."""

    def __init__(self, filename: str, text: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        yaml = YAML(typ="rt")
        try:
            self.root = yaml.load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            message = "; ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
            problem = Problem(filename, line, "", f"YAML syntax error: {message}")
            raise DefinitionError([problem]) from exc
        except YAMLError as exc:
            raise DefinitionError([Problem(filename, None, "", f"YAML error: {exc}")]) from exc
        if self.root is None:
            raise DefinitionError([Problem(filename, 1, "", "the document is empty")])
        if not isinstance(self.root, Mapping):
            raise DefinitionError(
                [Problem(filename, 1, "", "the document must be a mapping (key: value)")]
            )
        self.data: dict[str, Any] = _plain(self.root)

    def line_of(self, path: Path_) -> int | None:
        return _line_of(self.root, path)

    def subject(self, path: Path_) -> str:
        if len(path) >= 2 and path[0] in ("tasks", "groups", "agencies"):
            item = _get(self.data, path[:2])
            key = "id" if path[0] == "tasks" else "code"
            name = {"tasks": "task", "groups": "group", "agencies": "agency"}[str(path[0])]
            ident = item.get(key) if isinstance(item, Mapping) else None
            return f"{name} {ident}: " if ident is not None else f"{name} #{int(path[1]) + 1}: "
        return ""

    def add(self, path: Path_, message: str, *, anchor: Path_ | None = None) -> None:
        line = self.line_of(anchor if anchor is not None else path)
        self.problems.append(
            Problem(self.filename, line, _dotted(path), self.subject(path) + message)
        )

    def validate(self, model: type[M], data: Any, path: Path_) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(x for x in err["loc"] if isinstance(x, str | int))
                # A union's member name ("int", "date") is not a field of the file.
                loc = tuple(x for x in loc if x not in ("int", "date"))
                self.add(path + loc, _message(err))
            return None

    def raise_problems(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: (p.line is None, p.line or 0))
            raise DefinitionError(self.problems)


def read_text(path: Path) -> str:
    filename = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DefinitionError([Problem(filename, None, "", f"cannot read file: {exc}")]) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError([Problem(filename, line, "", f"not UTF-8: {exc.reason}")]) from exc


def _plain(node: Any) -> Any:
    """Plain data for pydantic: strings NFC; YAML dates stay dates (a milestone's day)."""
    if isinstance(node, Mapping):
        return {(_nfc(k) if isinstance(k, str) else k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return _nfc(str(node))
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return node.date()
    return node


def close_match(name: str, known: set[str] | Sequence[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _message(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        close = difflib.get_close_matches(key, sorted(FIELDS), n=1, cutoff=0.7)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {key!r}{hint}"
    msg = str(err["msg"])
    if kind in ("number", "lines", "code"):
        return msg
    value = err.get("input")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{msg} (got {value!r})"
    return msg

"""Read a resolution definition (YAML, ``chitieu/resolution@1``) into the core model.

Every problem is reported with the file, the 1-based line and the dotted path of the
offending field; all problems of a file are collected before :class:`DefinitionError`
is raised. The YAML is read with ruamel.yaml's round-trip loader, whose nodes remember
their positions. This module guards the door (size, nesting, YAML syntax) so that a
hostile file costs little; :mod:`.assemble` reads what passes.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from chitieu.core.model import Resolution
from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.resolution.assemble import assemble
from chitieu.definitions.resolution.document import MAX_DEPTH, ResolutionDocument

__all__ = ["MAX_DEFINITION_CHARS", "load_resolution", "load_resolution_text"]

#: Largest definition accepted (the Hải Phòng 2020-2025 file has 68 KB): bounds the time a
#: hostile upload can cost before any problem is reported.
MAX_DEFINITION_CHARS = 500_000
_BRACKETS_RE = re.compile(r"[\[\]{}]")


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
    return assemble(ResolutionDocument(filename, text, root))


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

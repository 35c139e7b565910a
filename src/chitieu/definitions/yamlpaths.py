"""Walking parsed YAML by paths, for messages that name ``file:line: field``.

Shared by every YAML loader (definitions, tasks, agencies) so that a field is found, named
and suggested the same way in all of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

Path_ = tuple[str | int, ...]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find_key(node: Mapping[Any, Any], step: str | int) -> Any:
    """The key of ``node`` that is ``step``, also when the file wrote it in another form."""
    if step in node:
        return step
    for key in node:
        if isinstance(key, str) and nfc(key) == step:
            return key
    return None


def line_of(root: Any, path: Path_) -> int | None:
    """1-based line of the deepest node of ``path`` present in a ruamel round-trip tree."""
    node = root
    line: int | None = 0 if isinstance(node, Mapping | Sequence) else None
    for step in path:
        if isinstance(node, Mapping) and hasattr(node, "lc"):
            key = find_key(node, step)
            if key is None:
                break
            line = node.lc.key(key)[0]
            node = node[key]
        elif isinstance(node, Sequence) and not isinstance(node, str) and hasattr(node, "lc"):
            if not isinstance(step, int) or not 0 <= step < len(node):
                break
            line = node.lc.item(step)[0]
            node = node[step]
        else:
            break
    return None if line is None else line + 1


def get(data: Any, path: Path_) -> Any:
    for step in path:
        in_map = isinstance(data, Mapping) and step in data
        in_list = isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        if not (in_map or in_list):
            return None
        data = data[step]
    return data


def dotted(path: Path_) -> str:
    """``("targets", 3, "clauses")`` → ``targets[3].clauses``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def known(names: Mapping[str, Any] | set[str]) -> str:
    """ " (known: a, b, …)" for a message about an unknown name."""
    if not names:
        return " (none defined)"
    shown = sorted(names)
    more = f", … ({len(shown)} in all)" if len(shown) > 12 else ""
    return f" (known: {', '.join(shown[:12])}{more})"

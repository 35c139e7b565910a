"""docs/architecture.md stays true: its floors match the imports, every module it names exists,
and no two modules import each other.

The imports are read from the source with ``ast`` (nothing is imported), so a test run cannot be
fooled by what happens to be loaded already. Imports inside functions (the lazy ones) and under
``if TYPE_CHECKING`` count for the floors but not for circles, since neither runs at import time.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "chitieu"
DOC = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Import:
    source: str  # dotted module that imports
    target: str  # dotted module imported (a submodule when the name is one)
    top_level: bool  # runs at import time


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _resolve(target: str, name: str, modules: dict[str, Path]) -> str:
    candidate = f"{target}.{name}"
    return candidate if candidate in modules else target


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lazy: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lazy.update(id(n) for n in ast.walk(node) if n is not node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lazy.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(tree):
        top = id(node) not in lazy
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("chitieu."):
                    yield Import(name, alias.name, top)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "chitieu" or node.module.startswith("chitieu."))
        ):
            for alias in node.names:
                yield Import(name, _resolve(node.module, alias.name, modules), top)


def floors_from_doc() -> dict[str, int]:
    text = DOC.read_text(encoding="utf-8")
    floors: dict[str, int] = {}
    for m in re.finditer(r"^\| (\d+) \| ([a-z_, ]+) \|$", text, flags=re.MULTILINE):
        for package in m.group(2).split(","):
            floors[package.strip()] = int(m.group(1))
    assert floors, "docs/architecture.md has no floors table"
    return floors


def top_package(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_top_level_package_has_a_floor() -> None:
    floors = floors_from_doc()
    packages = {top_package(m) for m in all_modules()} - {""}
    assert packages - set(floors) == set(), "add these packages to the floors table"
    assert set(floors) - packages == set(), "the floors table names packages that do not exist"


def test_no_import_runs_up_a_floor_or_sideways() -> None:
    floors = floors_from_doc()
    modules = all_modules()
    wrong = []
    for name, path in modules.items():
        here = top_package(name)
        for imp in imports_of(name, path, modules):
            there = top_package(imp.target)
            if there and there != here and floors[there] >= floors[here]:
                wrong.append(
                    f"{name} (floor {floors[here]}) imports {imp.target} ({floors[there]})"
                )
    assert wrong == []


def test_no_import_circle() -> None:
    modules = all_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imp in imports_of(name, path, modules):
            if imp.top_level and imp.target in modules and imp.target != name:
                graph[name].add(imp.target)
    circles = [c for c in _strongly_connected(graph) if len(c) > 1]
    assert circles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (the graph has a few hundred nodes)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def test_the_circle_check_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [c for c in _strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


def _named_paths() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    tokens = re.findall(r"`([A-Za-z0-9_./]+)`", text)
    return sorted({t for t in tokens if t.endswith((".py", "/", ".html"))})


@pytest.mark.parametrize("named", _named_paths())
def test_every_module_the_page_names_exists(named: str) -> None:
    rel = named.rstrip("/")
    if "/" in rel:
        matches = [p for p in PACKAGE.rglob(Path(rel).name) if p.as_posix().endswith("/" + rel)]
        matches += list(ROOT.glob(rel))
    else:
        matches = list(PACKAGE.rglob(rel))
    assert matches, f"docs/architecture.md names `{named}`, which does not exist"

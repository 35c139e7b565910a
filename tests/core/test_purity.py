"""The core stays pure: no I/O, no web/CLI/database imports (DESIGN §5).

Checked on the source (AST), so a forbidden import anywhere in a core module fails,
even inside a function or behind TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import chitieu.core

CORE = Path(chitieu.core.__file__).parent
FORBIDDEN_MODULES = {
    "click",
    "rich",
    "typer",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "sqlite3",
    "ruamel",
    "yaml",
    "fastapi",
    "starlette",
    "litestar",
    "jinja2",
    "flask",
    "requests",
    "httpx",
    "urllib",
    "socket",
    "subprocess",
    "os",
    "sys",
    "io",
    "shutil",
    "pathlib",
    "tempfile",
    "glob",
    "csv",
    "json",
    "pickle",
    "platformdirs",
}
FORBIDDEN_PACKAGES = (
    "chitieu.store",
    "chitieu.cli",
    "chitieu.definitions",
    "chitieu.exchange",
    "chitieu.documents",
)
FORBIDDEN_CALLS = {"open", "input", "print", "exec", "eval", "__import__"}
MODULES = sorted(CORE.rglob("*.py"))


def test_core_modules_found() -> None:
    names = {p.stem for p in MODULES}
    assert {"model", "evaluate", "numbers", "units", "explain"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_core_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in FORBIDDEN_MODULES or name.startswith(FORBIDDEN_PACKAGES):
                problems.append(f"line {node.lineno}: imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_CALLS
        ):
            problems.append(f"line {node.lineno}: calls {node.func.id}()")
    assert not problems, f"{path.name} is not pure: " + "; ".join(problems)


def test_guard_detects_a_forbidden_import(tmp_path: Path) -> None:
    """The guard itself must be able to fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import sqlalchemy\n    return open('x')\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="imports sqlalchemy"):
        test_core_module_is_pure(bad)

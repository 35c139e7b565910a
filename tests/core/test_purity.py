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


def _name(path: Path) -> str:
    return path.relative_to(CORE).as_posix()


def test_core_modules_found() -> None:
    """The guard walks the whole tree: modules of every sub-package are among those checked."""
    names = {_name(p) for p in MODULES}
    assert {
        "model.py",
        "numbers.py",
        "explain.py",
        "evaluation/evaluate.py",
        "agencies.py",
        "units/grammar.py",
        "units/rates.py",
        "tasks/model.py",
        "tasks/five_clear.py",
        "analysis/feasibility/checks.py",
        "analysis/validation/rules.py",
        "evaluation/vector/cells.py",
        "reading/figures.py",
        "reading/targets/extract.py",
        "reading/claims/find.py",
    } <= names


@pytest.mark.parametrize("path", MODULES, ids=_name)
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

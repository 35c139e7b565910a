"""Datasets shipped with chitieu: one folder each, with ``resolution.yaml`` and
``observations.csv``. Shipping them inside the package keeps ``make run`` and the
tests independent of any checkout layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEFINITION_FILE = "resolution.yaml"
OBSERVATIONS_FILE = "observations.csv"
TASKS_FILE = "tasks.yaml"  # optional: tasks and breakthroughs (docs/tasks.md)
AGENCIES_FILE = "agencies.yaml"  # optional: agencies and who reports each indicator


@dataclass(frozen=True)
class Dataset:
    name: str
    path: Path

    @property
    def definition(self) -> Path:
        return self.path / DEFINITION_FILE

    @property
    def observations(self) -> Path | None:
        p = self.path / OBSERVATIONS_FILE
        return p if p.exists() else None

    @property
    def tasks(self) -> Path | None:
        p = self.path / TASKS_FILE
        return p if p.exists() else None

    @property
    def agencies(self) -> Path | None:
        p = self.path / AGENCIES_FILE
        return p if p.exists() else None


def _root() -> Path:
    return Path(str(resources.files(__name__)))


def available() -> list[Dataset]:
    """Every shipped dataset, sorted by name."""
    root = _root()
    return sorted(
        (
            Dataset(p.name, p)
            for p in root.iterdir()
            if p.is_dir() and (p / DEFINITION_FILE).exists()
        ),
        key=lambda d: d.name,
    )


def get(name: str) -> Dataset | None:
    for d in available():
        if d.name == name:
            return d
    return None

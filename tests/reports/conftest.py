"""A store with both Hải Phòng datasets, loaded once and copied for each test that writes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from chitieu import services
from chitieu.store import Store

XV = "haiphong-xv-2015-2020"
XVI = "haiphong-xvi-2020-2025"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
REQUIRE_TOOLS_ENV = "CHITIEU_REQUIRE_TOOLS"


def need_tool(name: str) -> str:
    """The tool's path; skip without it, unless CHITIEU_REQUIRE_TOOLS=1 (CI), then fail."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"
    if os.environ.get(REQUIRE_TOOLS_ENV) == "1":
        pytest.fail(f"{REQUIRE_TOOLS_ENV}=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def loaded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("loaded") / "loaded.sqlite3"
    with Store.open(f"sqlite:///{path}") as store:
        store.init()
        services.load_dataset(store, XV)
        services.load_dataset(store, XVI)
    return path


@pytest.fixture
def loaded_url(loaded_file: Path, tmp_path: Path) -> str:
    """A private copy of the loaded database: tests may write to it."""
    copy = tmp_path / "store.sqlite3"
    shutil.copy(loaded_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def loaded_store(loaded_url: str) -> Iterator[Store]:
    with Store.open(loaded_url) as store:
        yield store


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

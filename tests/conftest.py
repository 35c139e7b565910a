"""Shared fixtures: where the project's shared reference material lives.

``../shared`` (beside the checkout) holds the source report and the press figures that the
datasets cite; ``tests/fixtures/shared`` holds byte-for-byte copies of the files the tests
read, so the tests run on any checkout (``tests/test_shared_copies.py`` guards the copies).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Machines here have 2 noisy cores: a per-example deadline would make property tests flaky
# without telling us anything about correctness (performance lives in bench/, not tests).
settings.register_profile("chitieu", deadline=None)
settings.load_profile("chitieu")

ROOT = Path(__file__).resolve().parent.parent
COPIES = ROOT / "tests" / "fixtures" / "shared"


def upstream_shared() -> Path | None:
    """The real shared folder, when this checkout has one beside it."""
    candidates = [Path(os.environ["CHITIEU_SHARED"])] if os.environ.get("CHITIEU_SHARED") else []
    candidates.append(ROOT.parent / "shared")
    return next((p for p in candidates if (p / "sources").is_dir()), None)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return upstream_shared() or COPIES

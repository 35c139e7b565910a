"""Shared fixtures: where the project's shared reference material lives.

``../shared`` (beside the checkout) holds the source report and the press figures the
datasets cite. CI always has it; a checkout without it skips the tests that read it,
except under CI (``CI=true``), where its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    candidates = [Path(os.environ["CHITIEU_SHARED"])] if os.environ.get("CHITIEU_SHARED") else []
    candidates.append(ROOT.parent / "shared")
    for path in candidates:
        if (path / "sources").is_dir():
            return path
    message = "the shared reference material (../shared or $CHITIEU_SHARED) is not here"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)

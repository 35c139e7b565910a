"""The copies in tests/fixtures/shared are exactly the shared reference files."""

from __future__ import annotations

import pytest

from tests.conftest import COPIES, upstream_shared

FILES = ["sources/000_4ef7886d0b8bf600.txt", "data/haiphong-press-figures-2021-2025.csv"]


@pytest.mark.parametrize("name", FILES)
def test_copy_exists(name: str) -> None:
    assert (COPIES / name).stat().st_size > 0


@pytest.mark.parametrize("name", FILES)
def test_copy_matches_shared(name: str) -> None:
    shared = upstream_shared()
    if shared is None:
        pytest.skip("no ../shared beside this checkout to compare with")
    assert (COPIES / name).read_bytes() == (shared / name).read_bytes()

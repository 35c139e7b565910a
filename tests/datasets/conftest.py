"""The Hải Phòng report, read once per session, and what the services make of it.

Also used by the tests of the draft definition and of the reading JSON, which import
these fixtures into their own conftest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.services import reading

REPORT = "sources/000_4ef7886d0b8bf600.txt"


@pytest.fixture(scope="session")
def report_path(shared_dir: Path) -> Path:
    return shared_dir / REPORT


@pytest.fixture(scope="session")
def haiphong_extract(report_path: Path) -> reading.ExtractReport:
    return reading.extract_file(report_path)


@pytest.fixture(scope="session")
def haiphong_claims(report_path: Path) -> reading.ClaimsReport:
    return reading.claims_file(report_path)

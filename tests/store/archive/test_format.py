"""The archive is the zip docs/archive-format.md describes (store/archive/format.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from chitieu.store import Store, migrate
from chitieu.store import archive as arc
from tests.store.archive.conftest import manifest_of


def test_an_archive_is_a_documented_zip(good_archive: Path) -> None:
    path = good_archive
    data = manifest_of(path)
    assert data["format"] == "chitieu-archive"
    assert data["format_version"] == 1
    assert data["schema_revision"] == migrate.head_revision()
    assert dt.datetime.fromisoformat(str(data["created_at"])).tzinfo is not None
    tables = data["tables"]
    assert isinstance(tables, list)
    assert [t["name"] for t in tables] == list(arc.ARCHIVED_TABLES)
    with zipfile.ZipFile(path) as z:
        for entry in tables:
            body = z.read(entry["file"])
            assert hashlib.sha256(body).hexdigest() == entry["sha256"]
            assert body.count(b"\n") == entry["rows"]
        observations = [
            json.loads(line) for line in z.read("tables/observations.jsonl").splitlines()
        ]
    values = {(o["period_start"], o["revision"]): o for o in observations if o["unit"] == "%"}
    assert values[(2021, 1)]["value"] == "3.20"  # decimals stay exact strings
    assert values[(2022, 1)]["value"] == "1E+1"
    assert values[(2022, 1)]["source_line"] is None
    assert values[(2023, 1)]["source_quote"] == 'dòng 1\ndòng 2\t"trích" \\ 😀'
    recorded = dt.datetime.fromisoformat(values[(2023, 2)]["recorded_at"])
    assert recorded.utcoffset() == dt.timedelta(0)
    with zipfile.ZipFile(path) as z:
        steps = [
            json.loads(line)
            for line in z.read("tables/observation_reviews.jsonl").split(b"\n")
            if line
        ]
    actions = {step["action"] for step in steps}
    expected = {"submitted", "approved", "returned", "reopened"}
    if hasattr(Store, "withdraw_figure"):
        expected.add("withdrawn")
    if hasattr(Store, "justifications"):  # schema revision 0005: corrections supersede
        expected.add("superseded")
    assert actions == expected

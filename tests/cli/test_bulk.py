"""`chitieu evaluate RES --all-areas`: counts per target, every cell as CSV, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main

XVI = "haiphong-xvi-2020-2025"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('bulk') / 'cli.sqlite3'}"
    assert run(url, "init").exit_code == 0
    assert run(url, "load", XVI).exit_code == 0
    return url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


def test_table_counts_areas_per_target(db: str) -> None:
    r = run(db, "evaluate", XVI, "--all-areas", "--as-of", "2025")
    assert r.exit_code == 0, r.output
    assert "Số liệu đến năm 2025" in r.output
    assert "18 địa bàn" in r.output
    assert "Vượt" in r.output
    assert "(20)" in r.output


def test_csv_has_every_area_and_target_and_matches_one_area(db: str) -> None:
    r = run(db, "evaluate", XVI, "--all-areas", "--as-of", "2025", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert len(rows) == 18 * 34  # areas × (20 main + 14 further targets)
    city = {row["target"]: row["verdict"] for row in rows if row["area"] == "haiphong"}
    one = json.loads(run(db, "evaluate", XVI, "--as-of", "2025", "--format", "json").output)
    assert {t["id"]: t["verdict"] or "" for t in one["targets"]} == {
        k: v for k, v in city.items() if k in {t["id"] for t in one["targets"]}
    }


def test_json_counts_add_up_and_english_labels(db: str) -> None:
    r = run(db, "evaluate", XVI, "--all-areas", "--format", "json", "--as-of", "2023")
    data = json.loads(r.output)
    assert data["as_of"] == 2023
    assert data["areas"] == 18
    assert all(sum(t["counts"].values()) == 18 for t in data["targets"])
    en = run(db, "evaluate", XVI, "--all-areas", "--lang", "en", "--as-of", "2023")
    assert "Figures up to 2023" in en.output
    assert "18 areas" in en.output


def test_unknown_resolution_is_a_clear_error(db: str, tmp_path: Path) -> None:
    r = run(db, "evaluate", "khong-co", "--all-areas")
    assert r.exit_code == 2
    assert "chưa nạp nghị quyết 'khong-co'" in r.output
    assert "Traceback" not in r.output

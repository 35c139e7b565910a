"""In-year tracking on the command line: the provisional line under a clause in
``chitieu evaluate --as-of`` while the year has only sub-annual figures, and
``chitieu inyear`` (table and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main

XVI = "haiphong-xvi-2020-2025"
HEAD = "indicator,area,period,value,unit,status,source_document,basis\n"
NINE_MONTHS = (
    HEAD
    + "exports,haiphong,9 tháng 2025,24.6,tỷ USD,estimate,Báo cáo KT-XH 9 tháng,\n"
    + "exports,haiphong,2025-H1,15.1,tỷ USD,estimate,Báo cáo KT-XH 6 tháng,\n"
    + "grdp-growth,haiphong,2025-9M,10.9,%,estimate,Báo cáo KT-XH 9 tháng,\n"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run(url, "load", XVI).exit_code == 0
    figures = tmp_path / "9-thang.csv"
    figures.write_text(NINE_MONTHS, encoding="utf-8")
    r = run(url, "load", str(figures))
    assert r.exit_code == 0, r.output
    return url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


def block(output: str, start: str, end: str) -> str:
    """The rows of one target in the table (from its number to the next), words only."""
    text = output[output.index(start) : output.index(end)]
    return " ".join(text.split())


def words(output: str) -> str:
    return " ".join(output.split())


def test_evaluate_prints_the_provisional_line_under_the_clause(db: str) -> None:
    r = run(db, "evaluate", XVI, "--as-of", "2025")
    assert r.exit_code == 0, r.output
    exports = block(r.output, "(6)", "(7)")
    assert "↳ tạm tính" in exports
    # (the table wraps its cells: the figure's period continues on the next line)
    assert "24,6 tỷ USD (9 tháng Có nguy cơ (tạm tính, 9 tháng) đầu năm 2025)" in exports
    assert "Tạm tính trong năm 2025" in r.output
    # 24,6 of 35 after 9 of 12 months: 0,94 of the pace, at risk
    assert (
        "Kim ngạch xuất khẩu 9 tháng đầu năm 2025 đạt 24,6 tỷ USD (ước), bằng 70,3% mục tiêu "
        "năm 2025 (35 tỷ USD), sau 9 tháng (75% thời gian của năm); tỷ số tiến độ 0,94: có "
        "nguy cơ không đạt."
    ) in words(r.output)
    # the growth target of the term already has its 2021–2025 figure: no provisional line
    assert "tạm tính" not in block(r.output, "(1)", "(2)")
    assert all(len(line) <= 80 for line in r.output.splitlines())
    en = run(db, "evaluate", XVI, "--as-of", "2025", "--lang", "en")
    assert "provisional, 9 months" in en.output


def test_an_annual_figure_of_the_year_wins(db: str, tmp_path: Path) -> None:
    year = tmp_path / "nam.csv"
    year.write_text(
        HEAD + "exports,haiphong,2025,34,tỷ USD,estimate,Báo cáo KT-XH năm,\n", encoding="utf-8"
    )
    assert run(db, "load", str(year)).exit_code == 0
    r = run(db, "evaluate", XVI, "--as-of", "2025")
    exports = block(r.output, "(6)", "(7)")
    assert "34 tỷ USD (2025)" in exports
    assert "tạm tính" not in exports
    tracked = json.loads(run(db, "inyear", XVI, "--year", "2025", "--format", "json").output)
    exports = [s for s in tracked["statuses"] if s["indicator"] == "exports"]
    assert [s["superseded"] for s in exports] == [True]


def test_inyear_table_and_json(db: str) -> None:
    r = run(db, "inyear", XVI, "--year", "2025")
    assert r.exit_code == 0, r.output
    assert "tạm tính, 9 tháng" in r.output
    data = json.loads(run(db, "inyear", XVI, "--year", "2025", "--format", "json").output)
    assert data["year"] == 2025
    by = {s["indicator"]: s for s in data["statuses"]}
    assert by["exports"]["period"] == "2025-9M"
    assert by["exports"]["method"] == "flow_pace"
    assert by["exports"]["verdict"] == "at_risk"
    assert by["exports"]["provisional"] is True
    assert by["exports"]["label"] == {"vi": "tạm tính, 9 tháng", "en": "provisional, 9 months"}
    assert by["grdp-growth"]["method"] == "growth"
    assert by["grdp-growth"]["superseded"] is True  # its 2021–2025 figure is known
    nothing = run(db, "inyear", XVI, "--year", "2023")
    assert "Chưa có số liệu trong năm 2023" in nothing.output

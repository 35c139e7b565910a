"""report, export, template and import through click's runner, on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document
from openpyxl import load_workbook

from chitieu.cli.main import main
from tests.reports.conftest import (  # noqa: F401  (fixtures)
    XVI,
    loaded_file,
    loaded_url,
)


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


@pytest.fixture
def db(request: pytest.FixtureRequest) -> str:
    """A private copy of a store with both Hải Phòng datasets (tests/reports/conftest.py)."""
    url: str = request.getfixturevalue("loaded_url")
    return url


def test_report_docx_and_html(db: str, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    r = run(db, "report", XVI, "--as-of", "2024", "--format", "docx", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert f"Đã ghi (written): {out}" in r.output
    doc = Document(str(out))
    assert any(p.text.startswith("Đúng tiến độ 1/20 chỉ tiêu") for p in doc.paragraphs)
    page = tmp_path / "report.html"
    r = run(
        db, "report", XVI, "--as-of", "2024", "--lang", "en", "--format", "html", "-o", str(page)
    )
    assert r.exit_code == 0, r.output
    assert "On track: 1/20 targets" in page.read_text(encoding="utf-8")


def test_report_errors_are_messages(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = run(db, "report", "no-such", "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2
    assert "chưa nạp nghị quyết 'no-such'" in r.output
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHITIEU_SOFFICE", raising=False)
    r = run(db, "report", XVI, "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert r.exit_code == 2
    assert "apt-get install libreoffice-writer-nogui" in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    ("fmt", "first"),
    [
        ("csv", "indicator,area,period,value,unit,status"),
        ("json", "["),
        ("sdmx-csv", "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,AREA,TIME_PERIOD,STATUS"),
    ],
)
def test_export_text_formats(db: str, tmp_path: Path, fmt: str, first: str) -> None:
    out = tmp_path / f"x.{fmt}"
    r = run(db, "export", XVI, "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith(first)


def test_export_xlsx(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    assert run(db, "export", XVI, "--format", "xlsx", "-o", str(out)).exit_code == 0
    assert load_workbook(out).sheetnames == ["Chỉ tiêu", "Điều kiện", "Số liệu", "Đánh giá"]


def test_template_fill_import(db: str, tmp_path: Path) -> None:
    agencies = tmp_path / "agencies.json"
    agencies.write_text(json.dumps({"so-cong-thuong": ["exports"]}), encoding="utf-8")
    blank = tmp_path / "bieu.xlsx"
    r = run(
        db,
        "template",
        XVI,
        "--agency",
        "so-cong-thuong",
        "--agencies",
        str(agencies),
        "-o",
        str(blank),
    )
    assert r.exit_code == 0, r.output
    wb = load_workbook(blank)
    ws = wb["Số liệu"]
    assert ws.max_row == 1 + 5
    ws["F5"], ws["G5"], ws["H5"] = 33.5, "sơ bộ", "Sở Công Thương"  # exports 2024
    wb.save(blank)
    r = run(db, "import", str(blank), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "Kiểm tra, không ghi (dry run, nothing written)" in r.output
    assert "1 số liệu; 1 mới" in r.output
    r = run(db, "import", str(blank))
    assert r.exit_code == 0, r.output
    assert "Đã nhập (imported)" in r.output
    r = run(db, "figures", "--indicator", "exports", "--format", "csv")
    assert "exports,haiphong,2024,33.5,tỷ USD,preliminary" in r.output


def test_import_bad_workbook_lists_cells(db: str, tmp_path: Path) -> None:
    blank = tmp_path / "bieu.xlsx"
    assert run(db, "template", XVI, "-o", str(blank)).exit_code == 0
    wb = load_workbook(blank)
    ws = wb["Số liệu"]
    ws["F2"], ws["G2"], ws["H2"] = "nhiều", "ước", "x"
    wb.save(blank)
    r = run(db, "import", str(blank))
    assert r.exit_code == 2
    assert (
        "bieu.xlsx: sheet 'Số liệu', row 2, column F (value): ô số chứa chữ 'nhiều' "
        "(text in a number cell)"
    ) in r.output
    r = run(db, "template", XVI, "--agency", "so-xyz", "-o", str(tmp_path / "y.xlsx"))
    assert r.exit_code == 2
    assert "unknown agency 'so-xyz'" in r.output
    r = run(db, "import", str(tmp_path / "none.txt"))
    assert r.exit_code == 2
    assert "no such file" in r.output

"""`chitieu extract` and `chitieu claims` end to end, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main
from chitieu.definitions import load_resolution

REPORT = "sources/000_4ef7886d0b8bf600.txt"


@pytest.fixture(scope="module")
def report(shared_dir: Path) -> Path:
    return shared_dir / REPORT


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_writes_a_draft_that_loads(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = run("extract", str(report), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "20 chỉ tiêu, 37 điều kiện, nhiệm kỳ 2021-2025" in result.stderr
    resolution = load_resolution(out)
    assert [t.number for t in resolution.targets] == list(range(1, 21))


def test_extract_json_to_stdout(report: Path) -> None:
    result = run("extract", str(report), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["sections"][0]["heading"] == "2- Các chỉ tiêu chủ yếu"
    assert sum(len(t["clauses"]) for t in data["targets"]) == 37


def test_extract_by_lines_and_by_section(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text(
        "Mở đầu\nTỷ lệ hộ nghèo dưới 1% vào năm 2030.\n"
        "3. Các chỉ tiêu cụ thể\n(1) Kim ngạch xuất khẩu đạt 5 tỷ USD.\n",
        encoding="utf-8",
    )
    by_lines = json.loads(run("extract", str(path), "--format", "json", "--start", "2",
                              "--end", "2").stdout)  # fmt: skip
    clauses = [c for t in by_lines["targets"] for c in t["clauses"]]
    assert [(c["bound"], c["high"], c["year"]) for c in clauses] == [("below", "1", 2030)]
    by_section = json.loads(
        run("extract", str(path), "--format", "json", "--section", "cụ thể").stdout
    )
    clauses = [c for t in by_section["targets"] for c in t["clauses"]]
    assert [(c["low"], c["unit"]) for c in clauses] == [("5", "tỷ USD")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "không có"], "no targets section heading contains it"),
        (["--start", "99"], "--start 99"),
        (["--start", "3", "--end", "2"], "--end must come after --start"),
    ],
)
def test_extract_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("Mở đầu\n3. Các chỉ tiêu cụ thể\n(1) Đạt 5 tỷ USD.\n", encoding="utf-8")
    result = run("extract", str(path), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_extract_without_targets_section_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "thu.txt"
    path.write_text("Một bức thư không có chỉ tiêu.\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 2
    assert "thu.txt: không tìm thấy mục chỉ tiêu" in result.stderr
    assert "--start/--end" in result.stderr


def test_unsupported_file(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    for command in ("extract", "claims"):
        result = run(command, str(path))
        assert result.exit_code == 2
        assert "a.pdf: không đọc được loại tệp '.pdf'" in result.stderr


def test_claims_report_vi_and_en(report: Path) -> None:
    vi = run("claims", str(report))
    assert vi.exit_code == 0
    lines = vi.stdout.splitlines()
    assert lines[1] == "101 nhận định: 48 khớp, 4 không khớp, 49 không kiểm chứng được"
    assert "KHÔNG KHỚP (4)" in lines
    assert "    nêu 12%, tính lại 11,26% từ phần 4.031 tỷ đồng; tổng 35.800 tỷ đồng" in lines
    en = run("claims", str(report), "--lang", "en").stdout.splitlines()
    assert en[1] == "101 claims: 48 consistent, 4 inconsistent, 49 unverifiable"
    assert "    stated 12%, recomputed 11.26% from part 4.031 tỷ đồng; whole 35.800 tỷ đồng" in en


def test_claims_json(report: Path) -> None:
    data = json.loads(run("claims", str(report), "--format", "json").stdout)
    assert data["format"] == "chitieu/claims@1"
    assert data["counts"]["fraction"] == {"consistent": 6}
    share = next(c for c in data["claims"] if c["text"] == "chiếm 12%")
    assert (share["verdict"], share["stated"], share["recomputed"]) == (
        "inconsistent",
        "12%",
        11.26,
    )

"""Reading .txt and .docx files, and refusing what cannot be read with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from chitieu.documents import read_document
from chitieu.services import reading


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("2. Các chỉ tiêu chủ yếu")
    document.add_paragraph("(1) Tỷ lệ hộ nghèo dưới 1% vào năm 2030.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "(2) Kim ngạch xuất khẩu"
    table.rows[0].cells[1].text = "đạt 5 tỷ USD"
    path = tmp_path / "nghi-quyet.docx"
    document.save(str(path))
    text = read_document(path)
    assert "(1) Tỷ lệ hộ nghèo dưới 1% vào năm 2030." in text.splitlines()
    assert "(2) Kim ngạch xuất khẩu | đạt 5 tỷ USD" in text.splitlines()
    found = reading.extract_file(path).extraction
    rows = [(c.bound.value, c.value, c.unit) for t in found.targets for c in t.clauses]
    assert rows == [("below", "1", "%"), ("point", "5", "tỷ USD")]


def test_txt_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffCác chỉ tiêu chủ yếu\n".encode())
    assert read_document(path) == "Các chỉ tiêu chủ yếu\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.txt", b"dong 1\n\xf0at 5%", "latin1.txt:2: không phải UTF-8"),
        ("a.pdf", b"%PDF", "unsupported file type"),
        ("fake.docx", b"not a zip", "not a valid .docx"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="file not found"):
        read_document(tmp_path / "none.txt")

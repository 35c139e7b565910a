"""The HTML report (self-contained, offline) and the PDF (LibreOffice), opened again."""

from __future__ import annotations

import base64
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from chitieu.reports import pdf as report_pdf
from chitieu.services import reports
from chitieu.store import Store

from .conftest import XV, need_tool


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_offline_file(loaded_store: Store, tmp_path: Path) -> None:
    path = reports.write_report(loaded_store, XV, "html", tmp_path / "r.html", as_of=2020)
    built = reports.build_content(loaded_store, XV, as_of=2020)
    page = _Collect()
    page.feed(path.read_text(encoding="utf-8"))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags
    assert "link" not in tags
    images = [a["src"] or "" for t, a in page.tags if t == "img"]
    assert len(images) == len(built.charts) >= 3
    for src in images:
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1])
        assert svg.lstrip().startswith(b"<?xml")
        assert b"<svg" in svg
    text = " ".join(" ".join(page.text).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Hoàn thành vượt mức 12/19 chỉ tiêu" in text
    # a row per target in the table (its <tbody> rows), and the annex
    assert tags.count("tr") == 1 + 19 + 1 + len(built.sources)


def test_pdf_is_the_document(loaded_store: Store, tmp_path: Path, artifacts: Path) -> None:
    need_tool("soffice")
    pdftoppm = need_tool("pdftoppm")
    path = reports.write_report(loaded_store, XV, "pdf", tmp_path / "xv.pdf", as_of=2020)
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 3
    # pypdf reads the text back in content-stream order; with fonts-liberation 1.x (no
    # Vietnamese glyphs) LibreOffice draws letters like "ạ" with a fallback font in
    # separate runs, so pypdf sees the ASCII parts in order and the rest apart: check
    # those parts with pypdf and the whole sentence with poppler's pdftotext, which
    # orders text by position on the page.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for piece in ("12/19", "6/19", "1/19", "BÁO CÁO", "2020"):
        assert piece in text
    pdftotext = need_tool("pdftotext")
    laid_out = subprocess.run(
        [pdftotext, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # justified lines and font fallback split words with spaces: compare without them
    flat = "".join(laid_out.split())
    for sentence in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hoàn thành vượt mức 12/19 chỉ tiêu",
        "không hoàn thành 1/19 chỉ tiêu (tuổi thọ trung bình)",
    ):
        assert "".join(sentence.split()) in flat
    first_page = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "BÁO CÁO" in first_page
    # the first page as PNG, kept as a CI artefact
    prefix = artifacts / "report-xv-vi"
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(prefix)], check=True
    )
    pngs = sorted(artifacts.glob("report-xv-vi*.png"))
    assert pngs
    assert pngs[-1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    size = pngs[-1].stat().st_size
    assert size > 5000  # a rendered page, not an empty image


def test_pdf_without_libreoffice_says_how_to_install(
    loaded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHITIEU_SOFFICE", raising=False)
    with pytest.raises(report_pdf.ConverterMissingError) as info:
        reports.write_report(loaded_store, XV, "pdf", tmp_path / "x.pdf", as_of=2020)
    assert "apt-get install libreoffice-writer-nogui" in str(info.value)
    assert not (tmp_path / "x.pdf").exists()


def test_date_line_follows_36_hd() -> None:
    import datetime as dt

    from chitieu.reports.content import date_line

    assert date_line("Hải Phòng", dt.date(2026, 2, 5), "vi") == (
        "Hải Phòng, ngày 05 tháng 02 năm 2026"
    )
    assert date_line("Hải Phòng", dt.date(2026, 11, 28), "vi") == (
        "Hải Phòng, ngày 28 tháng 11 năm 2026"
    )
    assert re.fullmatch(
        r"Hải Phòng, 28/11/2026", date_line("Hải Phòng", dt.date(2026, 11, 28), "en")
    )

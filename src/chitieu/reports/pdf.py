"""The report as PDF: the Word file, converted by LibreOffice headless.

Converting the .docx (rather than laying out a PDF of our own) keeps one layout: the PDF
is exactly the document the office would print from Word. LibreOffice installs from the
Debian archive (``apt-get install libreoffice-writer-nogui fonts-liberation``); it is
found on PATH as ``soffice`` (or given by ``CHITIEU_SOFFICE``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from chitieu.reports import docx
from chitieu.reports.content import ReportContent

TIMEOUT_S = 180
INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-liberation"


class ConverterMissingError(OSError):
    """LibreOffice is not installed: say how to install it, not a traceback."""


def soffice() -> str:
    found = os.environ.get("CHITIEU_SOFFICE") or shutil.which("soffice")
    if not found:
        raise ConverterMissingError(
            "không tìm thấy LibreOffice (soffice) để tạo PDF (LibreOffice not found on PATH); "
            f"cài đặt (install): {INSTALL_HINT}"
        )
    return found


def convert(docx_path: Path, out_path: Path) -> Path:
    """Convert a .docx to PDF with a private LibreOffice profile (parallel runs must not
    share one, or the second waits on the first's lock and fails)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="chitieu-soffice-") as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise OSError(f"LibreOffice did not finish within {TIMEOUT_S} s") from exc
        produced = work / (docx_path.stem + ".pdf")
        if done.returncode != 0 or not produced.exists():
            detail = (done.stderr or done.stdout).strip()
            raise OSError(f"LibreOffice could not convert {docx_path.name} to PDF: {detail}")
        shutil.move(str(produced), out_path)
    return out_path


def write(content: ReportContent, path: Path) -> Path:
    soffice()  # fail before doing the work when the converter is missing
    with tempfile.TemporaryDirectory(prefix="chitieu-report-") as tmp:
        source = docx.write(content, Path(tmp) / (path.stem + ".docx"))
        return convert(source, path)

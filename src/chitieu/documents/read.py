"""A document's text, whatever kind of file it comes in: plain UTF-8 text or Word (.docx).

The file's suffix chooses the reader; each kind has its module (:mod:`.docx`). The text is
returned as stored; the core (:mod:`chitieu.core.reading`) normalises it (NFC, spaces)
without moving offsets.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.documents.docx import read_docx

__all__ = ["TEXT_SUFFIXES", "read_document"]

TEXT_SUFFIXES = (".txt", ".text", ".md")


def read_document(path: Path) -> str:
    """The text of ``path``; a clear ``ValueError`` naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValueError(f"{path}: không tìm thấy tệp (file not found)")
    if suffix == ".docx":
        return read_docx(path)
    if suffix in TEXT_SUFFIXES or suffix == "":
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ValueError(
                f"{path}:{line}: không phải UTF-8 (not UTF-8 text, byte {exc.start}); "
                "hãy lưu lại tệp dạng UTF-8"
            ) from exc
    raise ValueError(
        f"{path}: không đọc được loại tệp '{suffix or '(none)'}' "
        "(unsupported file type; use .txt or .docx)"
    )

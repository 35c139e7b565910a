"""Documents as text: plain UTF-8 text or Word (.docx) files.

Word paragraphs become lines and table rows become lines of cells joined by " | ", so a
targets table reads like the prose around it. The text is returned as stored; the core
normalises it (NFC, spaces) without moving offsets.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_document"]

TEXT_SUFFIXES = (".txt", ".text", ".md")


def read_document(path: Path) -> str:
    """The text of ``path``; a clear ``ValueError`` naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValueError(f"{path}: không tìm thấy tệp (file not found)")
    if suffix == ".docx":
        return _docx(path)
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


def _docx(path: Path) -> str:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from chitieu.exchange.office_vetting import UnsafeOfficeFileError, vet_office_file

    if zipfile.is_zipfile(path):  # (what is no zip at all gets python-docx's message below)
        try:
            vet_office_file(path)  # zip bombs, entity attacks, unsafe names: before python-docx
        except UnsafeOfficeFileError as exc:
            raise ValueError(f"{path}: tệp Word bị từ chối (Word file refused): {exc}") from exc
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(f"{path}: không phải tệp Word .docx hợp lệ (not a valid .docx)") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if _is_text(node)))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.rsplit("}", 1)[-1] != "tr":
                    continue
                cells = []
                for cell in row.iterchildren():
                    if cell.tag.rsplit("}", 1)[-1] == "tc":
                        cells.append(
                            " ".join(
                                "".join(n.text or "" for n in p.iter() if _is_text(n))
                                for p in cell.iter()
                                if p.tag.rsplit("}", 1)[-1] == "p"
                            ).strip()
                        )
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _is_text(node: object) -> bool:
    tag = getattr(node, "tag", "")
    return isinstance(tag, str) and tag.rsplit("}", 1)[-1] == "t"

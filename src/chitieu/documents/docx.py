"""Word (.docx) files as text: paragraphs become lines, and table rows become lines of
cells joined by " | ", so a targets table reads like the prose around it.

The file is vetted (:mod:`chitieu.exchange.office_vetting`) before python-docx opens it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_docx"]


def read_docx(path: Path) -> str:
    """The text of a .docx file; a clear ``ValueError`` naming the file when it is refused."""
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

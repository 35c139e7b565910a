"""Reading a resolution text: draft targets (``extract``) and arithmetic checks (``claims``).

Shared by the CLI and the web app: both get plain dataclasses whose offsets point into
``text`` (the NFC-normalised document), which the web page highlights as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chitieu.core.reading import Claim, Extraction, extract_targets, find_claims
from chitieu.core.reading.sections import find_sections
from chitieu.core.reading.text import normalise
from chitieu.documents import read_document

__all__ = [
    "ClaimsReport",
    "ExtractReport",
    "check_claims",
    "claims_file",
    "extract",
    "extract_file",
    "line_span",
    "normalise",
    "read_document",
]


@dataclass(frozen=True)
class ExtractReport:
    source: str
    text: str  # normalised; every offset of ``extraction`` points here
    extraction: Extraction


@dataclass(frozen=True)
class ClaimsReport:
    source: str
    text: str
    claims: tuple[Claim, ...]


def line_span(text: str, first: int | None, last: int | None) -> tuple[int | None, int | None]:
    """Character offsets of lines ``first``..``last`` (1-based, inclusive)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for name, line in (("--start", first), ("--end", last)):
        if line is not None and not 1 <= line <= len(starts):
            raise ValueError(
                f"{name} {line}: văn bản có {len(starts)} dòng (text has that many lines)"
            )
    lo = starts[first - 1] if first is not None else None
    hi = (starts[last] if last < len(starts) else len(text)) if last is not None else None
    if lo is not None and hi is not None and hi <= lo:
        raise ValueError("--end phải sau --start (--end must come after --start)")
    return lo, hi


def extract(
    text: str,
    *,
    source: str = "<text>",
    start: int | None = None,
    end: int | None = None,
    section: str | None = None,
    period: tuple[int, int] | None = None,
) -> ExtractReport:
    """Draft targets of a text; ``section`` picks a targets section by words of its heading."""
    normal = normalise(text)
    if section is not None:
        wanted = " ".join(section.casefold().split())
        matches = [
            s for s in find_sections(normal) if wanted in " ".join(s.heading.casefold().split())
        ]
        if not matches:
            headings = "; ".join(s.heading for s in find_sections(normal)) or "—"
            raise ValueError(
                f"{source}: không có mục chỉ tiêu nào có tiêu đề chứa {section!r} "
                f"(no targets section heading contains it); các mục tìm thấy: {headings}"
            )
        start, end = matches[0].start, matches[0].end
    extraction = extract_targets(normal, start, end, period)
    if not extraction.spans:
        raise ValueError(
            f"{source}: không tìm thấy mục chỉ tiêu (no targets section such as "
            "'Các chỉ tiêu chủ yếu' or 'Mục tiêu, chỉ tiêu'); "
            "chỉ rõ bằng --start/--end hoặc --section"
        )
    return ExtractReport(source, normal, extraction)


def extract_file(
    path: Path,
    *,
    start: int | None = None,
    end: int | None = None,
    section: str | None = None,
    period: tuple[int, int] | None = None,
) -> ExtractReport:
    """:func:`extract` on a .txt or .docx file (offsets are in its normalised text)."""
    return extract(
        read_document(path), source=str(path), start=start, end=end, section=section, period=period
    )


def check_claims(text: str, *, source: str = "<text>", skip_targets: bool = True) -> ClaimsReport:
    """Every figure-backed claim with its verdict; targets sections are skipped because a
    target ("tối thiểu 16%/năm") is a commitment, not a fact to recompute."""
    normal = normalise(text)
    exclude = tuple((s.start, s.end) for s in find_sections(normal)) if skip_targets else ()
    return ClaimsReport(source, normal, tuple(find_claims(normal, exclude=exclude)))


def claims_file(path: Path, skip_targets: bool = True) -> ClaimsReport:
    """:func:`check_claims` on a .txt or .docx file."""
    return check_claims(read_document(path), source=str(path), skip_targets=skip_targets)

"""``chitieu extract`` and ``chitieu claims``: reading a resolution or report text."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from chitieu.core.numbers import format_number
from chitieu.core.reading import Claim, ClaimKind, Verdict
from chitieu.definitions.resolution.draft import draft_yaml
from chitieu.exchange.reading_json import claims_json, extraction_json
from chitieu.services import reading

from .common import handles_errors, lang_option

KIND_LABEL = {
    "vi": {
        ClaimKind.RATIO: "số lần",
        ClaimKind.AVERAGE_GROWTH: "tăng bình quân",
        ClaimKind.SHARE: "tỷ trọng",
        ClaimKind.FRACTION: "tỷ lệ phân số",
        ClaimKind.PERCENT_OF: "bằng % so với",
        ClaimKind.CHANGE: "tăng/giảm % so với",
    },
    "en": {
        ClaimKind.RATIO: "ratio",
        ClaimKind.AVERAGE_GROWTH: "average growth",
        ClaimKind.SHARE: "share",
        ClaimKind.FRACTION: "fraction",
        ClaimKind.PERCENT_OF: "percent of",
        ClaimKind.CHANGE: "change",
    },
}
VERDICT_LABEL = {
    "vi": {
        Verdict.INCONSISTENT: "KHÔNG KHỚP",
        Verdict.UNVERIFIABLE: "KHÔNG KIỂM CHỨNG ĐƯỢC",
        Verdict.CONSISTENT: "KHỚP",
    },
    "en": {
        Verdict.INCONSISTENT: "INCONSISTENT",
        Verdict.UNVERIFIABLE: "UNVERIFIABLE",
        Verdict.CONSISTENT: "CONSISTENT",
    },
}
ROLE_LABEL = {
    "vi": {
        "current": "hiện tại",
        "reference": "so sánh",
        "part": "phần",
        "whole": "tổng",
        "numerator": "tử số",
        "denominator": "mẫu số",
        "start": "đầu kỳ",
        "end": "cuối kỳ",
        "ratio": "số lần",
    },
    "en": {},
}
SENTENCE_CHARS = 320
_ENGLISH_TAIL = re.compile(r"\(([^()]*)\)\s*$")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")  # fmt: skip
@click.option("--start", type=int, default=None, help="First line of the targets (1-based).")
@click.option("--end", type=int, default=None, help="Last line of the targets (inclusive).")
@click.option("--section", default=None, help="Words of the targets section heading to use.")
@handles_errors
def extract(
    file: Path,
    fmt: str,
    output: Path | None,
    start: int | None,
    end: int | None,
    section: str | None,
) -> None:
    """Trích chỉ tiêu từ văn bản (.txt, .docx) thành bản nháp định nghĩa.

    Extract the targets of a resolution text into a draft definition (YAML) or JSON.
    """
    if section is not None and (start is not None or end is not None):
        raise click.UsageError("--section và --start/--end không dùng cùng nhau (pick one)")
    text = reading.read_document(file)
    lo, hi = reading.line_span(reading.normalise(text), start, end)
    report = reading.extract(text, source=str(file), start=lo, end=hi, section=section)
    if fmt == "json":
        body = json.dumps(
            extraction_json(report.extraction, str(file)), ensure_ascii=False, indent=2
        )
        body += "\n"
    else:
        body = draft_yaml(report.extraction, report.text, file.name)
    if output is None:
        click.echo(body, nl=False)
    else:
        output.write_text(body, encoding="utf-8")
    ex = report.extraction
    notes = sum(len(c.notes) for t in ex.targets for c in t.clauses)
    click.echo(
        f"{len(ex.targets)} chỉ tiêu, {ex.clause_count} điều kiện, nhiệm kỳ "
        f"{ex.period[0]}-{ex.period[1]}; {notes} ghi chú cần duyệt "
        f"({len(ex.targets)} targets, {ex.clause_count} clauses, {notes} review notes)"
        + (f" → {output}" if output else ""),
        err=True,
    )


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
@handles_errors
def claims(file: Path, fmt: str, lang: str) -> None:
    """Kiểm tra các nhận định có số liệu trong báo cáo (gấp … lần, chiếm …%, …).

    Recompute every figure-backed claim of a report and say whether it adds up.
    """
    report = reading.claims_file(file)
    if fmt == "json":
        data = claims_json(list(report.claims), report.text, str(file))
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(render_claims(list(report.claims), report.text, str(file), lang)))


def render_claims(found: list[Claim], text: str, source: str, lang: str) -> list[str]:
    """The readable report: a summary, then the claims grouped by verdict."""
    verdicts = Counter(c.verdict for c in found)
    lines = [
        ("Kiểm tra số liệu: " if lang == "vi" else "Checked figures: ") + source,
        _summary(found, verdicts, lang),
        _by_kind(found, lang),
    ]
    for verdict in (Verdict.INCONSISTENT, Verdict.UNVERIFIABLE, Verdict.CONSISTENT):
        group = [c for c in found if c.verdict is verdict]
        if not group:
            continue
        lines += ["", f"{VERDICT_LABEL[lang][verdict]} ({len(group)})"]
        for claim in group:
            lines += _claim_lines(claim, text, lang)
    return lines


def _summary(found: list[Claim], verdicts: Counter[Verdict], lang: str) -> str:
    c, i, u = (
        verdicts[v] for v in (Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.UNVERIFIABLE)
    )
    if lang == "vi":
        return f"{len(found)} nhận định: {c} khớp, {i} không khớp, {u} không kiểm chứng được"
    return f"{len(found)} claims: {c} consistent, {i} inconsistent, {u} unverifiable"


def _by_kind(found: list[Claim], lang: str) -> str:
    parts = []
    for kind in ClaimKind:
        of_kind = [c for c in found if c.kind is kind]
        if not of_kind:
            continue
        counts = Counter(c.verdict for c in of_kind)
        parts.append(
            f"{KIND_LABEL[lang][kind]} {counts[Verdict.CONSISTENT]}/"
            f"{counts[Verdict.INCONSISTENT]}/{counts[Verdict.UNVERIFIABLE]}"
        )
    head = (
        "Theo loại (khớp/không khớp/không kiểm chứng): "
        if lang == "vi"
        else ("By kind (consistent/inconsistent/unverifiable): ")
    )
    return head + "; ".join(parts)


def _claim_lines(claim: Claim, text: str, lang: str) -> list[str]:
    line = text.count("\n", 0, claim.start) + 1
    label = "dòng" if lang == "vi" else "line"
    phrase = " ".join(text[claim.start : claim.end].split())
    sentence = " ".join(text[claim.sentence_start : claim.sentence_end].split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1] + "…"
    lines = [f"  {label} {line} · {KIND_LABEL[lang][claim.kind]} · «{phrase}»", f"    {sentence}"]
    figures = "; ".join(f"{ROLE_LABEL[lang].get(f.role, f.role)} {f.text}" for f in claim.figures)
    if claim.recomputed is not None:
        unit = claim.stated.split(" ", 1)[1] if " " in claim.stated else ""
        unit = " " + unit if unit else claim.stated.lstrip("0123456789.,")
        shown = format_number(claim.recomputed, lang=lang) + unit
        # Vietnamese: the number exactly as written ("166,50"); English: re-formatted.
        number = claim.stated[: len(claim.stated) - len(unit)].strip()
        stated = (number if lang == "vi" else format_number(claim.stated_value, lang=lang)) + unit
        qualifier = f"{claim.qualifier} " if claim.qualifier else ""
        if lang == "vi":
            lines.append(f"    nêu {qualifier}{stated}, tính lại {shown} từ {figures}")
        else:
            lines.append(f"    stated {qualifier}{stated}, recomputed {shown} from {figures}")
    else:
        reason = claim.reason
        if lang == "en":
            tail = _ENGLISH_TAIL.search(reason)
            reason = tail.group(1) if tail else reason
        lines.append(f"    {reason}")
    return lines


COMMANDS: list[click.Command] = [extract, claims]

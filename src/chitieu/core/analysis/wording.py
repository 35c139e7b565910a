"""The outlook of a clause in words (vi/en), shared by the CLI, the web pages and reports."""

from __future__ import annotations

from chitieu.core.analysis.figures import approx, approx_unit, fmt, percent
from chitieu.core.analysis.outlook import Outlook


def _pct(x: float | None, lang: str) -> str:
    return "—" if x is None else f"{fmt(x, lang)}%"


def outlook_lines(o: Outlook, lang: str) -> list[str]:
    """One clause's outlook in two or three lines (also for ``explain``)."""
    vi = lang == "vi"
    unit = o.clause.bound.unit
    lines: list[str] = []
    p = o.projection
    if p is not None:
        iv = p.interval
        value = approx_unit(p.value, unit, lang)
        line = f"Dự báo {p.year}: {value}" if vi else f"Projected {p.year}: {value}"
        if iv is not None:
            lo, hi = approx(iv[0], lang), approx_unit(iv[1], unit, lang)
            line += f" (80%: {lo}–{hi})"
        if o.probability is not None:
            pr = percent(o.probability, lang)
            line += f"; xác suất đạt {pr}" if vi else f"; probability of meeting it {pr}"
        n = p.points
        line += f" [{n} số liệu]" if vi else f" [{n} figures]"
        lines.append(line)
    if o.pace is not None:
        y0, y1 = o.pace.years
        span = str(y0) if y0 == y1 else f"{y0}–{y1}"
        need = _pct(o.pace.pct, lang)
        line = f"Cần {need}/năm trong {span}" if vi else f"Needs {need}/year in {span}"
        best = o.pace.best
        if best is not None:
            when = str(best.last) if best.first == best.last else f"{best.first}–{best.last}"
            got = _pct(best.pct, lang)
            if vi:
                line += f"; nhịp độ tốt nhất đã có: {got} ({when})"
                line += ", đã từng đạt." if o.pace.reached else ", chưa từng đạt."
            else:
                line += f"; best pace on record: {got} ({when})"
                line += ", reached before." if o.pace.reached else ", never reached."
        lines.append(line)
    if o.note is not None:
        lines.append(o.note.get(lang))
    return lines

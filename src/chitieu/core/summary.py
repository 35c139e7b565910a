"""The summary a report opens with, in the words the reports themselves use.

The XVI political report sums up the last term as "hoàn thành vượt mức 12/20 chỉ tiêu,
trong đó có 7/12 chỉ tiêu hoàn thành vượt mức mục tiêu giao từ 1-3 năm; hoàn thành 7/20
chỉ tiêu và không hoàn thành duy nhất 1/20 chỉ tiêu (tuổi thọ trung bình)". Readers look
for exactly that sentence, so a generated report must write it the same way: counts out
of the number of targets, the targets met early named, the misses named.
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.core.model import Text, Verdict
from chitieu.core.results import VERDICT_ORDER, ResolutionResult, TargetResult

#: The order reports count in: final verdicts first, then in-term statuses.
ORDER = VERDICT_ORDER
_PHRASE = {
    Verdict.EXCEEDED: Text("hoàn thành vượt mức", "exceeded"),
    Verdict.ACHIEVED: Text("hoàn thành", "achieved"),
    Verdict.NOT_ACHIEVED: Text("không hoàn thành", "not achieved"),
    Verdict.ON_TRACK: Text("đúng tiến độ", "on track"),
    Verdict.AT_RISK: Text("có nguy cơ không đạt", "at risk"),
    Verdict.OFF_TRACK: Text("chậm tiến độ", "off track"),
    Verdict.NOT_ENOUGH_DATA: Text("chưa đủ số liệu để đánh giá", "not enough data"),
}


@dataclass(frozen=True)
class EarlyTarget:
    """A target whose requirement already held before the end of the term."""

    number: int | None
    name: Text
    verdict: Verdict
    years: int | None
    year: int | None
    from_report: bool


@dataclass(frozen=True)
class Summary:
    """Counts per verdict over the main targets, and the targets worth naming."""

    total: int
    counted_by_source: int | None
    counts: dict[Verdict, int]
    early: tuple[EarlyTarget, ...]
    missed: tuple[Text, ...]
    final: bool
    as_of: int

    def sentence(self, lang: str = "vi") -> str:
        """ "Hoàn thành vượt mức 12/19 chỉ tiêu, …; hoàn thành 6/19 chỉ tiêu; …"."""
        en = lang == "en"
        parts: list[str] = []
        for verdict in ORDER:
            n = self.counts.get(verdict, 0)
            if not n:
                continue
            phrase = _PHRASE[verdict].get(lang)
            part = (
                f"{phrase}: {n}/{self.total} targets"
                if en
                else f"{phrase} {n}/{self.total} chỉ tiêu"
            )
            if verdict is Verdict.EXCEEDED and self.early_among(verdict):
                k = self.early_among(verdict)
                part += (
                    f", of which {k}/{n} were met early"
                    if en
                    else f", trong đó có {k}/{n} chỉ tiêu hoàn thành trước thời hạn"
                )
            if verdict is Verdict.NOT_ACHIEVED and self.missed:
                part += f" ({', '.join(_lower_first(m.get(lang)) for m in self.missed)})"
            parts.append(part)
        if not parts:
            return "No target could be evaluated." if en else "Chưa đánh giá được chỉ tiêu nào."
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."

    def early_among(self, verdict: Verdict) -> int:
        """How many targets of the given verdict were met early (the "7/12" of the report)."""
        return sum(1 for e in self.early if e.verdict is verdict)

    def early_sentence(self, lang: str = "vi") -> str:
        """The targets met early, each named with how early ("trước 03 năm")."""
        if not self.early:
            return ""
        en = lang == "en"
        items = []
        for e in self.early:
            number = f"({e.number}) " if e.number is not None else ""
            if e.years:
                when = (f"{e.years} year(s) early" if en else f"trước {e.years:02d} năm") + (
                    f", {e.year}" if e.year and en else f", từ năm {e.year}" if e.year else ""
                )
            elif e.year:
                when = f"already met in {e.year}" if en else f"đã đạt từ năm {e.year}"
            else:
                when = "early" if en else "trước thời hạn"
            mark = (" – per the report" if en else " – theo báo cáo") if e.from_report else ""
            items.append(f"{number}{e.name.get(lang)} ({when}{mark})")
        head = "Targets met early" if en else "Các chỉ tiêu đạt mục tiêu trước thời hạn"
        if not self.final:
            head = "Targets already met" if en else "Các chỉ tiêu đã đạt mục tiêu"
        return f"{head}: {'; '.join(items)}."

    def source_note(self, lang: str = "vi") -> str:
        """Why the denominator may differ from the source's own count (XV: 20 vs 19)."""
        if self.counted_by_source is None or self.counted_by_source == self.total:
            return ""
        if lang == "en":
            return (
                f"The source counts {self.counted_by_source} targets; "
                f"{self.total} can be identified and are counted here."
            )
        return (
            f"Văn bản gốc tính {self.counted_by_source} chỉ tiêu; xác định được "
            f"{self.total} chỉ tiêu, các tỷ lệ trên tính trên {self.total}."
        )

    def heading(self, lang: str = "vi") -> str:
        """ "Kết quả cuối kỳ, số liệu đến năm 2020" or the in-term equivalent."""
        if lang == "en":
            state = "final verdicts" if self.final else "in-term status"
            return f"Figures up to {self.as_of} · {state}"
        state = "kết quả cuối kỳ" if self.final else "tình hình giữa kỳ"
        return f"Số liệu đến năm {self.as_of} · {state}"


def summarize(result: ResolutionResult) -> Summary:
    """Count the main targets (extra targets found in the prose are never counted)."""
    counts = {v: n for v, n in result.counts().items() if n}
    early: list[EarlyTarget] = []
    missed: list[Text] = []
    for t in result.targets:
        name = _name(t)
        if t.verdict is Verdict.NOT_ACHIEVED:
            missed.append(name)
        e = _early(t, name)
        if e is not None:
            early.append(e)
    return Summary(
        total=len(result.targets),
        counted_by_source=result.resolution.counted_targets,
        counts=counts,
        early=tuple(early),
        missed=tuple(missed),
        final=result.final,
        as_of=result.as_of,
    )


def _name(t: TargetResult) -> Text:
    label = t.target.label
    return label if label.vi else Text(t.target.text, t.target.text)


def _early(t: TargetResult, name: Text) -> EarlyTarget | None:
    """Met early: the report's own statement when the verdict is the report's, else the
    headline clause's first year of meeting the requirement (an in-term clause counts
    when it is already met)."""
    if t.verdict not in (Verdict.EXCEEDED, Verdict.ACHIEVED, Verdict.ON_TRACK) or t.verdict is None:
        return None
    if t.from_report and t.reported is not None and t.reported.met_early_years:
        years = t.reported.met_early_years
        return EarlyTarget(t.target.number, name, t.verdict, years, None, True)
    h = t.headline
    if h is None:
        return None
    if h.final and h.met_early_years:
        return EarlyTarget(t.target.number, name, t.verdict, h.met_early_years, h.met_year, False)
    if not h.final and h.verdict is Verdict.ON_TRACK and h.met_year is not None:
        return EarlyTarget(t.target.number, name, t.verdict, None, h.met_year, False)
    return None


def _lower_first(name: str) -> str:
    """Lower-case a name inside a sentence, keeping acronyms (GRDP, TFP) as written."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]

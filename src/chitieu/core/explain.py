"""One sentence per result, in Vietnamese and English, with its figures.

Leaders read these sentences, not the numbers behind them, so each one states the
figure (with its status: ước, sơ bộ, chính thức), the target as written, the outcome
in the report's own words (hoàn thành vượt mức / hoàn thành / không hoàn thành) and,
while the term runs, what the remaining years need.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from chitieu.core.compare import better_side, threshold
from chitieu.core.model import Bound, BoundKind, ClauseKind, Resolution, Text, Verdict
from chitieu.core.numbers import format_number
from chitieu.core.observations import Observation, Qualifier
from chitieu.core.results import ClauseResult, Required
from chitieu.core.units import parse_unit, unit_label

if TYPE_CHECKING:
    from collections.abc import Sequence

_OUTCOME = {
    Verdict.EXCEEDED: Text("hoàn thành vượt mức", "exceeded"),
    Verdict.ACHIEVED: Text("hoàn thành", "achieved"),
    Verdict.NOT_ACHIEVED: Text("không hoàn thành", "not achieved"),
    Verdict.ON_TRACK: Text("đúng tiến độ", "on track"),
    Verdict.AT_RISK: Text("có nguy cơ không đạt", "at risk"),
    Verdict.OFF_TRACK: Text("chậm so với tiến độ cần thiết", "off track"),
    Verdict.NOT_ENOUGH_DATA: Text("chưa đủ số liệu để đánh giá", "not enough data to judge"),
}
QUALIFIER_WORDS = {
    Qualifier.EXACT: Text("", ""),
    Qualifier.APPROX: Text("khoảng ", "about "),
    Qualifier.MORE_THAN: Text("hơn ", "more than "),
    Qualifier.LESS_THAN: Text("dưới ", "less than "),
}


def outcome(verdict: Verdict) -> Text:
    """A verdict in the words of the sentences: "đúng tiến độ", "có nguy cơ không đạt"."""
    return _OUTCOME[verdict]


def num(value: Decimal, lang: str, computed: bool = False) -> str:
    """Recorded figures keep their own precision; computed ones are rounded to what a
    reader can use: 2 decimals below 10, 1 below 100, none above ("110.863 tỷ đồng")."""
    if computed:
        size = abs(value)
        step = Decimal("0.01") if size < 10 else Decimal("0.1") if size < 100 else Decimal(1)
        value = value.quantize(step, rounding=ROUND_HALF_UP).normalize()
        if value == 0:
            value = Decimal(0)
    return format_number(value, lang=lang)


def qty(value: Decimal, unit: str, lang: str, computed: bool = False) -> str:
    """A number with its unit: "16%/năm" (no space before %), "1.500 nghìn tỷ đồng"."""
    unit = unit.strip()
    if unit == "năm":  # a calendar year is never grouped: "năm 2025", not "2.025 năm"
        return f"năm {int(value)}" if lang != "en" else str(int(value))
    if unit in ("hạng", "bậc"):
        return f"hạng {int(value)}" if lang != "en" else f"rank {int(value)}"
    label = unit_label(parse_unit(unit), lang)
    text = num(value, lang, computed)
    if label.startswith("%"):
        return f"{text}{label}"
    return f"{text} {label}"


def bound_phrase(bound: Bound, lang: str) -> str:
    """The target as Vietnamese reports write it: "tối thiểu 16%/năm", "87–88%"."""
    k = bound.kind
    if k is BoundKind.RANGE:
        assert bound.low is not None
        assert bound.high is not None
        lo = num(bound.low, lang)
        return f"{lo}–{qty(bound.high, bound.unit, lang)}"
    value = bound.low if bound.low is not None else bound.high
    assert value is not None
    v = qty(value, bound.unit, lang)
    if bound.unit.strip() == "năm" and k in (BoundKind.AT_MOST, BoundKind.BELOW, BoundKind.POINT):
        if lang == "en":
            return f"by {int(value)}" if k is not BoundKind.POINT else f"in {int(value)}"
        return f"chậm nhất {v}" if k is not BoundKind.POINT else v
    if bound.unit.strip() in ("hạng", "bậc") and k is BoundKind.AT_MOST:
        return f"top {int(value)}" if lang == "en" else f"trong nhóm {int(value)} dẫn đầu"
    words = {
        "vi": {
            BoundKind.POINT: "",
            BoundKind.AT_LEAST: "tối thiểu ",
            BoundKind.ABOVE: "trên ",
            BoundKind.BELOW: "dưới ",
            BoundKind.AT_MOST: "không quá ",
            BoundKind.ABOUT: "khoảng ",
        },
        "en": {
            BoundKind.POINT: "",
            BoundKind.AT_LEAST: "at least ",
            BoundKind.ABOVE: "above ",
            BoundKind.BELOW: "below ",
            BoundKind.AT_MOST: "at most ",
            BoundKind.ABOUT: "about ",
        },
    }
    return words["en" if lang == "en" else "vi"][k] + v


def years(span: tuple[int, int] | None, lang: str) -> str:
    if span is None:
        return ""
    a, b = span
    if a == b:
        return f"năm {a}" if lang != "en" else f"in {a}"
    return f"{a}–{b}" if lang != "en" else f"in {a}–{b}"


def status_note(used: Sequence[Observation], lang: str) -> str:
    """ "(ước)", "(sơ bộ, chính thức)": the statuses of the figures behind a number."""
    labels: list[str] = []
    for obs in used:
        label = obs.status.label.get(lang)
        if label not in labels:
            labels.append(label)
    return f" ({', '.join(labels)})" if labels else ""


def explain(resolution: Resolution, r: ClauseResult) -> Text:
    return Text(_sentence(resolution, r, "vi"), _sentence(resolution, r, "en"))


def _name(r: ClauseResult, lang: str) -> str:
    """The indicator's name: clause labels often carry the target year ("… năm 2025"),
    which would clash with the year of the figure in the sentence."""
    name = r.indicator.name.get(lang) or r.clause.label.get(lang)
    return name[:1].upper() + name[1:] if name else r.clause.id


def _lower_first(name: str) -> str:
    """Lower-case the first letter only, so acronyms (GRDP, IIP, TFP) keep their case."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _when(r: ClauseResult, lang: str) -> str:
    """ "vào năm 2025" for a year, "giai đoạn 2021–2025" for a period."""
    period = r.clause.period
    if period is not None and r.clause.kind in (
        ClauseKind.AVERAGE_GROWTH,
        ClauseKind.CUMULATIVE,
        ClauseKind.PER_YEAR,
    ):
        span = f"{period[0]}–{period[1]}"
        return f"over {span}" if lang == "en" else f"giai đoạn {span}"
    year = r.clause.end_year
    return f"by {year}" if lang == "en" else f"vào năm {year}"


def _area_name(resolution: Resolution, lang: str) -> str:
    for a in resolution.areas:
        if a.code == resolution.area:
            return a.name.get(lang)
    return resolution.area


def _compare_word(r: ClauseResult, lang: str) -> str:
    """ "cao hơn", "thấp hơn", "bằng", "trong khoảng" relative to the target."""
    assert r.actual is not None
    bound = r.clause.bound
    if bound.kind is BoundKind.RANGE:
        assert bound.low is not None
        assert bound.high is not None
        if bound.low <= r.actual <= bound.high:
            return "nằm trong khoảng mục tiêu" if lang != "en" else "within the target range"
        above = r.actual > bound.high
    else:
        t = threshold(bound, r.indicator.direction)
        tie = r.actual == t and r.qualifier is Qualifier.EXACT
        side = better_side(bound, r.indicator.direction)
        # A computed statistic (an average rate) is shown rounded; when it shows as the
        # target but was judged a miss or a hit on the exact figures, say which way.
        strict = bound.kind in (BoundKind.ABOVE, BoundKind.BELOW)
        if tie and side != 0 and r.verdict is Verdict.EXCEEDED:
            return _side_word(side > 0, lang)
        if tie and side != 0 and r.verdict is Verdict.NOT_ACHIEVED and not strict:
            return _side_word(side < 0, lang)
        if tie:
            return "bằng mục tiêu" if lang != "en" else "equal to the target"
        above = r.actual > t or (r.actual == t and r.qualifier is Qualifier.MORE_THAN)
    if r.clause.kind is ClauseKind.RANK:
        # a larger rank number is a worse position: say better/worse, not higher/lower
        if lang == "en":
            return "worse than the target" if above else "better than the target"
        return "kém hơn mục tiêu" if above else "tốt hơn mục tiêu"
    if lang == "en":
        return "above the target" if above else "below the target"
    return "cao hơn mục tiêu" if above else "thấp hơn mục tiêu"


def _side_word(above: bool, lang: str) -> str:
    if lang == "en":
        return "above the target" if above else "below the target"
    return "cao hơn mục tiêu" if above else "thấp hơn mục tiêu"


def _pace(r: ClauseResult, lang: str) -> str:
    """The pace so far against the pace required: "nhịp độ bằng 72% mức cần thiết"."""
    if r.pace_ratio is None:
        return ""
    if r.pace_ratio < 0:
        return "moving away from the target" if lang == "en" else "đang đi ngược mục tiêu"
    pct = num(Decimal(repr(r.pace_ratio * 100)), lang, computed=True)
    if lang == "en":
        return f"pace {pct}% of the pace required"
    return f"nhịp độ bằng {pct}% mức cần thiết"


def _subject(r: ClauseResult, lang: str) -> str:
    """Name plus the period the statistic covers: "Tăng trưởng GRDP bình quân 2021–2024"."""
    name = _name(r, lang)
    kind = r.clause.kind
    basis = r.basis
    if kind is ClauseKind.AVERAGE_GROWTH and basis is not None:
        span = f"{basis[0]}–{basis[1]}" if basis[0] != basis[1] else str(basis[0])
        if lang == "en":
            return f"{name}, average {span},"
        return f"{name} bình quân {span}" if "bình quân" not in name else f"{name} {span}"
    if kind is ClauseKind.CUMULATIVE and basis is not None:
        span = f"{basis[0]}–{basis[1]}"
        return f"{name}, total {span}," if lang == "en" else f"{name} giai đoạn {span}"
    if kind is ClauseKind.PER_YEAR and basis is not None:
        span = f"{basis[0]}–{basis[1]}" if basis[0] != basis[1] else str(basis[0])
        return f"{name}, yearly average {span}," if lang == "en" else f"{name} bình quân {span}"
    if kind is ClauseKind.MILESTONE:
        return name
    return f"{name} {years(basis, lang)}"


def _verb(r: ClauseResult, lang: str) -> str:
    if lang == "en":
        return "was"
    side = better_side(r.clause.bound, r.indicator.direction)
    return "đạt" if side >= 0 else "là"


def is_computed(r: ClauseResult) -> bool:
    """Whether ``actual`` was computed (a mean, a total, a conversion) rather than read
    as recorded: recorded figures keep their precision, computed ones are rounded."""
    if len(r.used) != 1:
        return True
    obs = r.used[0]
    return obs.period != r.basis or obs.value != r.actual


def _actual(r: ClauseResult, lang: str) -> str:
    assert r.actual is not None
    computed = is_computed(r)
    unit = r.clause.bound.unit
    if r.clause.kind is ClauseKind.PER_YEAR and not unit.endswith("/năm"):
        unit = unit + "/năm"
    return QUALIFIER_WORDS[r.qualifier].get(lang) + qty(r.actual, unit, lang, computed)


def _sentence(resolution: Resolution, r: ClauseResult, lang: str) -> str:
    en = lang == "en"
    bound = bound_phrase(r.clause.bound, lang)
    if r.clause.kind is ClauseKind.MILESTONE:
        return _milestone(r, lang)
    if r.actual is None:
        area = _area_name(resolution, lang)
        if en:
            return (
                f"No figure yet for {_lower_first(_name(r, lang))} ({area}); "
                f"target: {bound} {_when(r, lang)}."
            )
        return (
            f"Chưa có số liệu {_lower_first(_name(r, lang))} của {area}; "
            f"mục tiêu: {bound} {_when(r, lang)}."
        )
    head = f"{_subject(r, lang)} {_verb(r, lang)} {_actual(r, lang)}{status_note(r.used, lang)}"
    cmp = _compare_word(r, lang)
    target = f"{cmp} ({bound})" if r.clause.bound.kind is BoundKind.RANGE else f"{cmp} {bound}"
    if r.clause.bound.kind is BoundKind.RANGE and "khoảng" in cmp:
        target = f"{cmp} {bound}"
    if en and r.clause.bound.kind is BoundKind.RANGE and "within" in cmp:
        target = f"{cmp} of {bound}"
    elif en and r.clause.bound.kind is not BoundKind.RANGE:
        target = f"{cmp} ({bound})"
    if r.final and r.verdict.is_final:
        early = ""
        if r.met_early_years:
            early = (
                f"; met in {r.met_year}, {r.met_early_years} year(s) early"
                if en
                else f"; đạt mục tiêu từ năm {r.met_year}, trước {r.met_early_years:02d} năm"
            )
        return f"{head}, {target}: {_OUTCOME[r.verdict].get(lang)}{early}."
    parts = [f"{head}, {target}"]
    if r.verdict is not Verdict.NOT_ENOUGH_DATA or not r.final:
        # the in-term status, in words, with the pace behind it when there is one
        pace = _pace(r, lang)
        outcome = _OUTCOME[r.verdict].get(lang)
        parts[0] += f": {outcome}" + (f" ({pace})" if pace else "")
    if r.verdict is Verdict.ON_TRACK and r.met_year is not None:
        parts.append(
            f"already met in {r.met_year}" if en else f"đã đạt mục tiêu từ năm {r.met_year}"
        )
    projection = _projection(r, lang)
    if projection:
        parts.append(projection)
    required = _required(r, lang)
    if required:
        parts.append(required)
    if r.final and r.verdict is Verdict.NOT_ENOUGH_DATA:
        end = r.clause.end_year
        parts.append(
            f"no figure for {end} yet, so no final verdict"
            if en
            else f"chưa có số liệu năm {end} nên chưa thể kết luận"
        )
    return "; ".join(parts) + "."


def _projection(r: ClauseResult, lang: str) -> str:
    if r.projection is None or r.projection_year is None or r.basis is None:
        return ""
    if r.clause.kind is ClauseKind.AVERAGE_GROWTH or r.clause.kind is ClauseKind.PER_YEAR:
        return ""
    if r.basis[1] >= r.projection_year:
        return ""
    unit = r.clause.bound.unit
    value = qty(r.projection, unit, lang, computed=True)
    if r.clause.kind is ClauseKind.CUMULATIVE:
        if lang == "en":
            return f"at this pace the {r.basis[0]}–{r.projection_year} total would be {value}"
        return f"nếu giữ nhịp độ này, tổng {r.basis[0]}–{r.projection_year} đạt khoảng {value}"
    if r.baseline is None:
        return ""
    b, t = r.baseline.year, r.basis[1]
    if lang == "en":
        return f"at the {b}–{t} pace it would reach about {value} in {r.projection_year}"
    return f"theo nhịp độ {b}–{t}, năm {r.projection_year} ước đạt khoảng {value}"


def _required(r: ClauseResult, lang: str) -> str:
    if r.required is None or r.required_years is None or r.required_kind is None:
        return ""
    a, b = r.required_years
    en = lang == "en"
    when_vi = f"năm {a}" if a == b else f"giai đoạn {a}–{b}"
    when_en = f"in {a}" if a == b else f"in {a}–{b}"
    if r.required_kind is Required.GROWTH:
        pct = qty(r.required, "%", lang, computed=True)
        avg_vi = "" if a == b else " bình quân"
        avg_en = "" if a == b else " on average"
        unit = "%/năm" if a != b else "%"
        pct = qty(r.required, unit, lang, computed=True)
        if en:
            return f"to meet the target it must grow{avg_en} {pct} {when_en}"
        return f"để đạt mục tiêu, {when_vi} cần tăng{avg_vi} {pct}"
    unit = r.clause.bound.unit
    value = qty(r.required, unit, lang, computed=True)
    if r.required_kind is Required.PER_YEAR:
        if en:
            return f"to meet the target it needs {value} a year {when_en}"
        return f"để đạt mục tiêu, {when_vi} cần bình quân {value} mỗi năm"
    if en:
        return f"to meet the target it must change by {value} a year {when_en}"
    return f"để đạt mục tiêu, {when_vi} cần thay đổi {value} mỗi năm"


def _milestone(r: ClauseResult, lang: str) -> str:
    name = _name(r, lang)
    due = r.clause.end_year
    en = lang == "en"
    if r.actual is None:
        if en:
            return f"{name}: due in {due}; no completion recorded yet."
        return f"{name}: hạn năm {due}; chưa có thông tin hoàn thành."
    done = int(r.actual)
    outcome = _OUTCOME[r.verdict].get(lang)
    if en:
        return f"{name}: completed in {done}, due {due}: {outcome}."
    return f"{name}: hoàn thành năm {done}, hạn năm {due}: {outcome}."

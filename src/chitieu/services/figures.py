"""Figures entered by people: one figure, several periods pasted at once, or a CSV upload.

A figure's period is a year, a span of years or a part of a year (``2026-Q1``, ``9 tháng
2026``: :func:`chitieu.core.periods.parse_period`), and its basis says what the number is
measured against (the level by default; ``same_period`` for a change "so với cùng kỳ",
``plan`` for a share of the year's plan).

Every path ends in :meth:`Store.submit_figures`, so a figure typed in the web app, sent
to the API or uploaded as a file is checked the same way, becomes a new revision (never
an overwrite) and waits for a reviewer. Problems are returned per form field, in vi and
en, so a form can keep what the user typed and say what is wrong next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.access import Action, Principal, allowed
from chitieu.core.analysis.validation.plausibility import SEVERITY_LABEL, Finding
from chitieu.core.explain import qty
from chitieu.core.model import Citation, Indicator, Resolution
from chitieu.core.number_hints import explain_number
from chitieu.core.numbers import NumberFormatError, parse_number
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.core.periods import LEVEL, Basis, Period, PeriodError, parse_basis, parse_period
from chitieu.core.units import UnknownUnitError, compatible, parse_unit
from chitieu.definitions import errors as definition_errors
from chitieu.exchange.figures_csv import load_observations_text
from chitieu.exchange.figures_csv.columns import unit_fits
from chitieu.services import plausibility
from chitieu.store import Store
from chitieu.store.errors import ConflictError, StaleError, StoreError
from chitieu.store.records import Justification, RowKey
from chitieu.store.review import Review, ReviewAction, Submission, obs_key

MAX_REASON = 2000
MAX_TEXT = 500


@dataclass(frozen=True)
class FieldProblem:
    field: str
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class EntryError(ValueError):
    """The entry was refused; ``problems`` say which field and why. Nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.en}" for p in problems))

    def by_field(self, lang: str) -> dict[str, str]:
        """Field → its problems, one line each (a problem said twice is said once)."""
        lines: dict[str, list[str]] = {}
        for p in self.problems:
            said = lines.setdefault(p.field, [])
            if p.get(lang) not in said:
                said.append(p.get(lang))
        return {name: "\n".join(said) for name, said in lines.items()}


@dataclass
class EntryForm:
    """What a person typed, as text; kept as typed to refill the form on an error."""

    indicator: str = ""
    area: str = ""
    year: str = ""  # a year, or any period: 2026, 2026-Q1, 2026-9M, "9 tháng 2026"
    value: str = ""
    basis: str = "level"
    unit: str = ""
    status: str = "estimate"
    qualifier: str = "exact"
    source_document: str = ""
    source_date: str = ""
    note: str = ""
    reason: str = ""
    seen_revision: str = ""
    paste: str = ""  # several "period value" lines
    justification: str = ""  # why a figure the plausibility rules flag is right
    extra: dict[str, str] = field(default_factory=dict)


def _problem(problems: list[FieldProblem], name: str, vi: str, en: str) -> None:
    problems.append(FieldProblem(name, vi, en))


def parse_year(text: str, problems: list[FieldProblem], name: str = "year") -> int | None:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        _problem(problems, name, f"năm phải có 4 chữ số, không phải «{text}»", "a 4-digit year")
        return None
    year = int(text)
    this_year = dt.date.today().year
    if not 1945 <= year <= this_year + 10:
        _problem(problems, name, f"năm {year} ngoài khoảng hợp lệ", f"year {year} is out of range")
        return None
    return year


def parse_when(text: str, problems: list[FieldProblem], name: str = "year") -> Period | None:
    """A year (checked as :func:`parse_year`), a span of years or a part of a year."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        year = parse_year(text, problems, name)
        return None if year is None else Period.year(year)
    try:
        period = parse_period(text)
    except PeriodError:
        _problem(
            problems,
            name,
            f"năm phải có 4 chữ số, không phải «{text}» (hoặc một kỳ: 2026-Q1, 2026-M01, "
            "9 tháng 2026, 2021-2025)",
            f"a 4-digit year or a period such as 2026-Q1, 2026-M01, 2026-9M, 2021-2025, "
            f"not {text!r}",
        )
        return None
    this_year = dt.date.today().year
    if period.first < 1945 or period.last > this_year + 10:
        _problem(
            problems,
            name,
            f"kỳ {period.label('vi')} ngoài khoảng hợp lệ",
            f"period {period.code} is out of range",
        )
        return None
    return period


def parse_basis_field(text: str, problems: list[FieldProblem]) -> Basis | None:
    try:
        return parse_basis(text or "level")
    except PeriodError:
        _problem(
            problems,
            "basis",
            "chọn cơ sở của số liệu (giá trị, so với cùng kỳ, % kế hoạch…)",
            "choose a basis (level, same_period, plan, previous_period, year:YYYY)",
        )
        return None


def _value(
    text: str, lang: str, problems: list[FieldProblem], name: str, unit: str = ""
) -> Decimal | None:
    """The number typed, read in the interface's convention; "3,2%" is 3,2 when the unit
    is a percentage. A slip is named in one sentence with what to type instead."""
    typed = text.strip()
    if typed.endswith("%") and _is_percent(unit):
        typed = typed[:-1].strip()
    try:
        return parse_number(typed, lang)
    except NumberFormatError:
        said = explain_number(text, lang)
        _problem(problems, name, said.vi, said.en)
        return None


def _is_percent(unit: str) -> bool:
    try:
        return dict(parse_unit(unit).dimension) == {"percent": 1}
    except UnknownUnitError:
        return False


def build_observations(
    form: EntryForm, resolution: Resolution, lang: str = "vi"
) -> tuple[list[Observation], dict[RowKey, int]]:
    """Check a form and turn it into figures; raises :class:`EntryError` with every problem."""
    problems: list[FieldProblem] = []
    indicators = {i.code: i for i in resolution.indicators}
    code = form.indicator.strip()
    indicator = indicators.get(code)
    if indicator is None and code:
        _problem(
            problems,
            "indicator",
            f"không có chỉ tiêu «{code}» trong nghị quyết này; chọn một chỉ tiêu trong danh sách",
            f"no indicator {code!r} in this resolution; choose one from the list",
        )
    elif indicator is None:
        _problem(problems, "indicator", "chọn một chỉ tiêu trong danh sách", "choose an indicator")
    areas = {a.code for a in resolution.areas} or {resolution.area}
    area = form.area.strip() or resolution.area
    if area not in areas:
        _problem(problems, "area", f"không có địa bàn «{area}»", f"unknown area {area!r}")
    basis = parse_basis_field(form.basis, problems) or LEVEL
    default_unit = indicator.unit if indicator is not None and basis.is_level else "%"
    unit = form.unit.strip() or default_unit
    if indicator is not None:
        _check_unit(unit, indicator, problems, basis)
    try:
        status = Status(form.status)
    except ValueError:
        _problem(problems, "status", "chọn tình trạng số liệu", "choose a status")
        status = Status.ESTIMATE
    try:
        qualifier = Qualifier(form.qualifier or "exact")
    except ValueError:
        _problem(problems, "qualifier", "chọn một giá trị", "choose a qualifier")
        qualifier = Qualifier.EXACT
    source = form.source_document.strip()
    if not source:
        _problem(
            problems,
            "source_document",
            "ghi nguồn số liệu (văn bản, báo cáo)",
            "name the source of the figure",
        )
    if len(source) > MAX_TEXT or len(form.note) > MAX_TEXT or len(form.reason) > MAX_REASON:
        _problem(problems, "note", "nội dung quá dài", "text too long")
    if form.source_date.strip() and not re.fullmatch(
        r"\d{4}(-\d{2}(-\d{2})?)?", form.source_date.strip()
    ):
        _problem(problems, "source_date", "ngày dạng yyyy-mm-dd", "date as yyyy-mm-dd (ISO 8601)")
    pairs: list[tuple[Period, str, str]] = []  # period, value text, field name
    if form.paste.strip():
        for n, line in enumerate(form.paste.strip().splitlines(), start=1):
            if not line.strip():
                continue
            parts = re.split(r"[\t;]+|\s{2,}|\s+(?=\S+$)", line.strip(), maxsplit=1)
            if len(parts) != 2:
                _problem(
                    problems,
                    "paste",
                    f"dòng {n}: cần «năm giá trị», ví dụ «2021 123,4» hoặc «2026-Q1 30,5»",
                    f"line {n}: expected 'period value', e.g. '2021 123.4' or '2026-Q1 30.5'",
                )
                continue
            found: list[FieldProblem] = []
            period = parse_when(parts[0], found, "paste")
            problems.extend(_on_line(p, n) for p in found)
            if period is not None:
                pairs.append((period, parts[1].strip(), f"paste:{n}"))
    else:
        period = parse_when(form.year, problems)
        if period is not None:
            pairs.append((period, form.value.strip(), "value"))
    if not pairs and not any(p.field in ("year", "paste") for p in problems):
        _problem(problems, "value", "nhập ít nhất một số liệu", "enter at least one figure")
    today = dt.date.today()
    observations: list[Observation] = []
    periods_seen: set[Period] = set()
    for period, text, where in pairs:
        name, _, line = where.partition(":")
        local: list[FieldProblem] = []
        obs = _figure(period, text, name, local, periods_seen, today, status, lang, unit)
        problems.extend(_on_line(p, int(line)) if line else p for p in local)
        if obs is None or indicator is None:
            continue
        observations.append(
            Observation(
                indicator=indicator.code,
                area=area,
                period=period.years_span,
                part=period.part,
                basis=basis,
                value=obs,
                unit=unit,
                status=status,
                qualifier=qualifier,
                source=Citation(document=source, date=form.source_date.strip()),
                note=form.note.strip(),
            )
        )
    if problems:
        raise EntryError(problems)
    expected: dict[RowKey, int] = {}
    if len(observations) == 1:
        key = obs_key(observations[0])
        seen = seen_for(form.seen_revision, key)
        if seen is not None:
            expected[key] = seen
    return observations, expected


def _figure(
    period: Period,
    text: str,
    name: str,
    problems: list[FieldProblem],
    periods_seen: set[Period],
    today: dt.date,
    status: Status,
    lang: str,
    unit: str = "",
) -> Decimal | None:
    """The value of one period's figure, or ``None`` with the problems added."""
    label_vi = f"năm {period.code}" if period.is_annual else period.label("vi")
    if period in periods_seen:
        _problem(problems, name, f"{label_vi} nhập hai lần", f"{period.code} entered twice")
        return None
    periods_seen.add(period)
    if _in_future(period, today) and status is not Status.PLAN:
        _problem(
            problems,
            name if name == "paste" else "year",
            f"{label_vi} chưa đến: chỉ nhập được số liệu kế hoạch",
            f"{period.code} is in the future: only plan figures are allowed",
        )
        return None
    if not text:
        _problem(problems, name, "nhập giá trị", "enter a value")
        return None
    return _value(text, lang, problems, name, unit)


def _in_future(period: Period, today: dt.date) -> bool:
    """A period that ends after this month: statistics offices estimate the month under
    way ("ước tháng 9" is published in September), never a later one."""
    if period.last != today.year:
        return period.last > today.year
    return period.is_sub_annual and period.months[1] > today.month


def _on_line(problem: FieldProblem, line: int) -> FieldProblem:
    """Name the pasted line a problem is on ("dòng 2: …")."""
    if problem.vi.startswith("dòng "):
        return problem
    return FieldProblem(problem.field, f"dòng {line}: {problem.vi}", f"line {line}: {problem.en}")


def _check_unit(
    unit: str, indicator: Indicator, problems: list[FieldProblem], basis: Basis = LEVEL
) -> None:
    try:
        parse_unit(unit)
    except UnknownUnitError:
        _problem(problems, "unit", f"không biết đơn vị «{unit}»", f"unknown unit {unit!r}")
        return
    if not basis.is_level:
        if not unit_fits(unit, indicator.unit, basis):
            _problem(
                problems,
                "unit",
                f"số liệu {basis.text().vi} tính bằng %, không phải «{unit}»",
                f"a figure on the basis {basis.code} is a percentage (%), not {unit!r}",
            )
        return
    if not compatible(unit, indicator.unit):
        _problem(
            problems,
            "unit",
            f"đơn vị «{unit}» không đổi được sang «{indicator.unit}» của chỉ tiêu",
            f"unit {unit!r} does not convert to the indicator's {indicator.unit!r}",
        )


def check_scope(
    who: Principal, observations: list[Observation], assignment: Mapping[str, str]
) -> None:
    """Editors enter figures only for their agencies' indicators."""
    refused = sorted(
        {
            o.indicator
            for o in observations
            if not allowed(who, Action.ENTER_FIGURE, assignment.get(o.indicator))
        }
    )
    if refused:
        raise PermissionError(
            f"không có quyền nhập số liệu cho {', '.join(refused)} "
            f"(not allowed to enter figures for {', '.join(refused)})"
        )


def plausible(
    store: Store,
    resolution_id: str,
    observations: list[Observation],
    justification: str | Mapping[RowKey, str],
    fields: list[tuple[str, str, str]],
) -> dict[RowKey, Justification]:
    """Judge the figures with the plausibility rules (:mod:`chitieu.services.plausibility`).

    Raises :class:`EntryError` when one is impossible (on its value field, or its year
    field for a period outside the term) or implausible without a justification (on the
    justification field, saying why); returns the justifications to keep otherwise.
    ``fields`` names, per figure, its value, year and justification fields.
    """
    findings = plausibility.assess_figures(store, observations, resolution_id)
    decided = plausibility.gate(observations, findings, justification)
    problems: list[FieldProblem] = []
    for n, finding in decided.refused:
        value_field, year_field, _ = fields[n]
        name = year_field if finding.rule == "period" else value_field
        problems.append(_about(name, finding, observations, n))
    if decided.unexplained:
        problems.extend(_justification_needed(decided.unexplained, observations, fields))
    if problems:
        raise EntryError(problems)
    return decided.justified


def _about(name: str, finding: Finding, observations: list[Observation], n: int) -> FieldProblem:
    """A finding on a field, naming the year when several figures were sent at once."""
    vi, en = finding.message.vi, finding.message.en
    if len(observations) > 1:
        year = observations[n].period_label()
        vi, en = f"năm {year}: {vi}", f"{year}: {en}"
    return FieldProblem(name, vi, en)


def _justification_needed(
    unexplained: list[tuple[int, Finding]],
    observations: list[Observation],
    fields: list[tuple[str, str, str]],
) -> list[FieldProblem]:
    """One problem on the justification field per implausible finding, then one sentence
    saying what to do."""
    out = [_about(fields[n][2], f, observations, n) for n, f in unexplained]
    out.append(
        FieldProblem(
            fields[unexplained[-1][0]][2],
            "Số liệu bất thường: hãy kiểm tra lại, hoặc ghi giải trình vì sao số liệu đúng.",
            "An unusual figure: check it again, or write why it is right.",
        )
    )
    return out


def submit_form(
    store: Store, resolution_id: str, form: EntryForm, who: Principal, lang: str = "vi"
) -> Submission:
    resolution = store.get_resolution(resolution_id)
    observations, expected = build_observations(form, resolution, lang)
    check_scope(who, observations, store.indicator_agencies())
    pasted = bool(form.paste.strip())
    value_field, year_field = ("paste", "paste") if pasted else ("value", "year")
    fields = [(value_field, year_field, "justification")] * len(observations)
    justified = plausible(store, resolution_id, observations, form.justification, fields)
    reason = form.reason.strip()
    try:
        return store.submit_figures(
            observations,
            actor=who.username,
            reason=reason,
            dataset="web",
            expected_revisions=expected or None,
            justifications=justified,
        )
    except StoreError as exc:
        if exc.code == "correction_reason":
            raise EntryError([correction_reason_problem()]) from exc
        raise


def preview(store: Store, resolution_id: str, form: EntryForm, lang: str = "vi") -> list[str]:
    """What the entry form would say about one figure's number, year and unit, and what
    the plausibility rules find in it: for the page to show while the figure is typed."""
    resolution = store.get_resolution(resolution_id)
    try:
        observations, _ = build_observations(form, resolution, lang)
    except EntryError as exc:
        wanted = ("value", "year", "unit", "indicator")
        return list(dict.fromkeys(p.get(lang) for p in exc.problems if p.field in wanted))
    out: list[str] = []
    unusual = False
    for found in plausibility.assess_figures(store, observations, resolution_id):
        for f in found:
            label = SEVERITY_LABEL[f.severity].get(lang)
            out.append(f"{label[:1].upper()}{label[1:]}: {f.message.get(lang)}")
            unusual = unusual or not f.refused
    if unusual:
        out.append(
            "Nếu số liệu đúng, hãy ghi giải trình trước khi gửi."
            if lang != "en"
            else "If the figure is right, write a justification before sending it."
        )
    return out


def correction_reason_problem() -> FieldProblem:
    """A correction of a stored figure without a reason: said on the reason field."""
    return FieldProblem(
        "reason",
        "Số liệu này khác số đã lưu: hãy ghi lý do sửa.",
        "This figure differs from the stored one: give the reason for the correction.",
    )


def submit_csv(
    store: Store,
    resolution_id: str,
    text: str,
    filename: str,
    who: Principal,
    reason: str = "",
    justification: str = "",
) -> Submission:
    """A CSV in the documented long format: every row checked, all or nothing."""
    from chitieu.services import exchange

    resolution = store.get_resolution(resolution_id)
    observations = load_observations_text(
        text,
        filename,
        indicators={i.code: i for i in resolution.indicators},
        areas=[a.code for a in resolution.areas] or [resolution.area],
    )
    if not observations:
        raise definition_errors.DefinitionError(
            [definition_errors.Problem(filename, None, "", "no figures in the file")]
        )
    check_scope(who, observations, store.indicator_agencies())
    submission = exchange.submit_observations(
        store,
        observations,
        recorded_by=who.username,
        dataset=f"upload:{filename}",
        reason=reason,
        justification=justification,
        resolution_id=resolution_id,
        filename=filename,
    )
    assert submission is not None  # observations is not empty
    return submission


class BlockedByRule(ConflictError):
    """A high-importance validation rule fails with this figure: approval must wait."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


def approve(
    store: Store, observation_id: int, reviewer: Principal, comment: str = "", lang: str = "vi"
) -> Review:
    """Approve a figure unless it breaks a validation rule marked "high" (DHIS2's
    validation-before-approval): the reviewer sees the rule and the figures instead."""
    from chitieu.services import analysis

    candidate = next(
        (o for o in store.observations(all_revisions=True) if o.id == observation_id), None
    )
    if candidate is not None:
        # An impossible figure (a rate of −3 %) is never approved, whatever else holds.
        impossible = [
            f.message.get(lang)
            for f in plausibility.assess_figures(store, [candidate])[0]
            if f.refused
        ]
        if impossible:
            raise BlockedByRule(impossible)
        messages: list[str] = []
        for resolution_id in store.resolution_ids():
            codes = {i.code for i in store.get_resolution(resolution_id).indicators}
            if candidate.indicator not in codes:
                continue
            for v in analysis.blocking_violations(store, resolution_id, [candidate]):
                messages.append(v.message.get(lang))
        if messages:
            raise BlockedByRule(list(dict.fromkeys(messages)))
    return store.review_figure(
        observation_id, ReviewAction.APPROVE, reviewer=reviewer, comment=comment
    )


def review_queue(store: Store) -> list[tuple[Review, Observation]]:
    """The figures waiting for a reviewer, oldest first, with what was submitted."""
    queue = store.awaiting_review()
    ids = {r.observation_id for r in queue}
    by_id = {o.id: o for o in store.observations(all_revisions=True) if o.id in ids}
    return [(r, by_id[r.observation_id]) for r in queue if r.observation_id in by_id]


def seen_revisions(
    store: Store, indicator: str, area: str, period: Period, basis: Basis = LEVEL
) -> str:
    """What an entry form shows, as its hidden ``seen_revision``: the newest revision of
    the figure under every status, ``indicator|area|period|basis|status=revision;…``.

    Each revision is tied to its full key: a user who switches the status (or the period,
    the basis, the area) before sending is checked against the figure they send, never
    against another one that happened to have the same revision number.
    """
    latest = {str(status): 0 for status in Status}
    for o in store.observations(indicator, area, all_revisions=False):
        if o.full_period == period and o.basis == basis:
            latest[str(o.status)] = max(latest.get(str(o.status), 0), o.revision)
    return ";".join(
        f"{indicator}|{area}|{period.code}|{basis.code}|{st}={n}" for st, n in latest.items()
    )


def _seen_map(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in text.split(";"):
        name, _, number = part.strip().rpartition("=")
        if name and number.isdigit():
            out[name] = int(number)
    return out


def _seen_name(key: RowKey) -> str:
    indicator, area, start, end, part, basis, status = key
    period = Period(start, end, part).code
    return f"{indicator}|{area}|{period}|{basis}|{status}"


def seen_for(text: str, key: RowKey) -> int | None:
    """The revision the user saw of ``key`` (``None``: the form did not show that figure).
    A bare number (older forms, scripts) applies to whatever figure is sent."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return _seen_map(text).get(_seen_name(key))


def with_seen(text: str, key: RowKey, revision: int) -> str:
    """``text`` with the revision of ``key`` replaced: after a conflict the form carries the
    stored revision, so sending it again is a deliberate choice."""
    seen = {} if text.strip().isdigit() else _seen_map(text)
    seen[_seen_name(key)] = revision
    return ";".join(f"{name}={n}" for name, n in seen.items())


def _quantity(value: Decimal, unit: str, lang: str) -> str:
    try:
        return qty(value, unit, lang)
    except UnknownUnitError:
        return f"{value} {unit}"


def stale_values(exc: StaleError, lang: str) -> dict[str, object]:
    """Both sides of a conflict, for an API answer: what is stored now and what was sent."""
    stored = exc.stored
    return {
        "summary": str(exc),
        "seen_revision": exc.seen,
        "stored": None
        if stored is None
        else {
            "value": str(stored.value),
            "unit": stored.unit,
            "text": _quantity(stored.value, stored.unit, lang),
            "revision": stored.revision,
            "recorded_by": stored.recorded_by,
            "recorded_at": stored.recorded_at.isoformat(),
        },
        "yours": {
            "value": str(exc.yours.value),
            "unit": exc.yours.unit,
            "text": _quantity(exc.yours.value, exc.yours.unit, lang),
        },
    }


def stale_message(exc: StaleError, lang: str) -> str:
    """One sentence that shows the user both values: never a silent overwrite, never a
    refusal that hides what the other person entered."""
    yours = _quantity(exc.yours.value, exc.yours.unit, lang)
    stored = exc.stored
    if stored is None:
        if lang == "en":
            return (
                f"The figure changed while you were entering it: it is no longer stored "
                f"(you saw revision {exc.seen}). Your value: {yours}. Check and send again."
            )
        return (
            f"Số liệu đã thay đổi trong lúc bạn nhập: không còn số liệu lưu (bạn đã xem phiên "
            f"bản {exc.seen}). Giá trị của bạn: {yours}. Kiểm tra rồi gửi lại."
        )
    theirs = _quantity(stored.value, stored.unit, lang)
    if lang == "en":
        return (
            f"Somebody else changed this figure while you were entering it: stored now "
            f"{theirs} (revision {stored.revision}, by {stored.recorded_by}); yours {yours} "
            f"(you saw revision {exc.seen}). Nothing was saved. Check both; send again to "
            f"replace the stored value with yours."
        )
    return (
        f"Người khác đã sửa số liệu này trong lúc bạn nhập: giá trị đang lưu {theirs} "
        f"(phiên bản {stored.revision}, do {stored.recorded_by} nhập); giá trị của bạn "
        f"{yours} (bạn đã xem phiên bản {exc.seen}). Chưa lưu gì. Hãy đối chiếu hai giá trị; "
        f"gửi lại nếu vẫn muốn thay bằng giá trị của bạn."
    )


def withdraw(store: Store, observation_id: int, who: Principal, reason: str) -> Review:
    """Withdraw a figure (marked, never deleted): the one path of the CLI, pages and API."""
    if len(reason) > MAX_REASON:
        raise EntryError([FieldProblem("reason", "lý do quá dài", "reason too long")])
    return store.withdraw_figure(observation_id, by=who, reason=reason.strip())

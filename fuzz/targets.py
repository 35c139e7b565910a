"""Every parser of outside input as a fuzz target: hostile inputs, and the only way to fail.

A target is a hypothesis strategy of inputs and a ``run`` function that calls the product
code. ``run`` may return (the input was read) or raise one of the target's *documented*
errors (the input was refused with a message naming file, line and field); anything else
escaping is a crash, and ``run`` also asserts the invariants a successful read promises
(a number reads back from its own formatting, a clause's offsets point at its text). The
inputs start from the real material (the Hải Phòng report, resolution, figures and
data-entry workbook) and are cut, mutated and salted with known hostile shapes, so most
of them reach deep into the parsers instead of stopping at the first byte.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import random
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from chitieu.core.model import Indicator, Resolution
from chitieu.core.numbers import (
    NumberFormatError,
    format_number,
    parse_machine_number,
    parse_number,
)
from chitieu.core.reading import extract_targets, find_claims, normalise
from chitieu.core.units import BASE_UNITS, UnknownUnitError, parse_quantity
from chitieu.definitions.errors import DefinitionError

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "src" / "chitieu" / "datasets" / "haiphong-xvi-2020-2025"
REPORT = ROOT / "tests" / "fixtures" / "shared" / "sources" / "000_4ef7886d0b8bf600.txt"


@dataclass(frozen=True)
class Target:
    """One parser under fuzzing."""

    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], object]
    documented: tuple[type[BaseException], ...]
    what: str  # the product function(s), for the report
    #: Cheap random variants of a generated input (the campaign runs ``fanout`` of them
    #: after each hypothesis example: generation costs more than most parsers).
    vary: Callable[[Any, random.Random], Any] | None = None
    fanout: int = 0

    def check(self, value: Any) -> bool:
        """Run one input: True when read, False when refused with a documented error."""
        try:
            self.run(value)
        except self.documented:
            return False
        return True


# ---------------------------------------------------------------------------- material


@functools.cache
def report_text() -> str:
    return normalise(REPORT.read_text(encoding="utf-8"))


@functools.cache
def resolution() -> Resolution:
    from chitieu.definitions.resolution import load_resolution

    return load_resolution(DATASET / "resolution.yaml")


@functools.cache
def indicators() -> Mapping[str, Indicator]:
    return {i.code: i for i in resolution().indicators}


@functools.cache
def area_codes() -> tuple[str, ...]:
    return tuple(a.code for a in resolution().areas)


@functools.cache
def observation_rows() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Header and rows of the real observations file."""
    text = (DATASET / "observations.csv").read_text(encoding="utf-8-sig")
    rows = [tuple(r) for r in csv.reader(io.StringIO(text))]
    return rows[0], tuple(rows[1:])


@functools.cache
def definition_data() -> dict[str, Any]:
    """The real resolution definition as plain data (dicts, lists, scalars)."""
    yaml = YAML(typ="safe")
    data = yaml.load((DATASET / "resolution.yaml").read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------- mutations

#: Shapes known to hurt parsers: backtracking bait, separators, signs, invisible and
#: decomposed characters, markup, YAML and CSV syntax.
HOSTILE = (
    "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1",
    "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",
    "9" * 64,
    "0" * 65,
    "(((((((((((((((((((",
    ")))))))))))))))",
    "tối thiểu tối thiểu tối thiểu",
    " - ",
    " ÷ ",
    " đến ",
    "%/năm",
    "/năm/năm/năm/",
    "nghìn tỷ nghìn tỷ nghìn tỷ",
    "năm 2020-2025",
    "giai đoạn 2025-2021",
    "(1) ",
    "\n(2). ",
    "\n- ",
    "\n\n",
    "\r\n",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\u0301",
    "Ð",
    "e\u0302\u0301",
    "\u2212",
    "gấp 2,23 lần so với năm 2015 (131.314 tỷ đồng)",
    "chiếm 12% (4.031 tỷ đồng/0 tỷ đồng)",
    "bình quân giảm 0,73%/năm",
    "từ 3,86% năm 2015 xuống còn 0,22% năm 2020",
    "1.717/2.446 thôn (đạt 70%)",
    "0/0 xã (đạt 0%)",
    "bằng 0% so với năm 2015 (0 tỷ đồng)",
    "Các chỉ tiêu chủ yếu\n",
    "II- MỤC TIÊU, CHỈ TIÊU\n",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "!!python/object:os.system ",
    '"',
    "'",
    ",",
    ";",
    ":",
    "#",
    "\x00",
    "\t",
    "<!DOCTYPE x [<!ENTITY e 'x'>]>",
    "&e;",
)

_VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_TEXT_ALPHABET = _VI_LETTERS + _VI_LETTERS.upper() + "0123456789 .,;:-–÷/%()\n\"'"


@functools.cache
def snippets() -> st.SearchStrategy[str]:
    """A hostile shape, repeated up to 2 000 times, or short random text."""
    repeated = st.tuples(st.sampled_from(HOSTILE), st.integers(1, 2000)).map(lambda t: t[0] * t[1])
    return st.one_of(
        st.sampled_from(HOSTILE),
        repeated,
        st.text(alphabet=_TEXT_ALPHABET, max_size=30),
        st.text(max_size=12),
    )


@st.composite
def mutated(draw: st.DrawFn, text: str, max_edits: int = 4) -> str:
    """``text`` with a few edits: insertions, deletions, duplications, swaps, truncation."""
    for _ in range(draw(st.integers(0, max_edits))):
        n = len(text)
        at = draw(st.integers(0, n))
        kind = draw(st.integers(0, 5))
        if kind == 0:
            text = text[:at] + draw(snippets()) + text[at:]
        elif kind == 1 and n:
            end = draw(st.integers(at, min(n, at + 200)))
            text = text[:at] + text[end:]
        elif kind == 2 and n:
            end = draw(st.integers(at, min(n, at + 200)))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == 3 and n and at < n:
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif kind == 4:
            text = text[:at]
        elif kind == 5 and n > 1:
            other = draw(st.integers(0, n - 1))
            lo, hi = sorted((at, other))
            text = text[:lo] + text[hi:] + text[lo:hi]
    return text


def vary_text(text: str, rng: random.Random) -> str:
    """One to three random edits, at the speed of string slicing."""
    for _ in range(rng.randint(1, 3)):
        n = len(text)
        at = rng.randint(0, n)
        kind = rng.randrange(6)
        if kind == 0:
            text = text[:at] + rng.choice(HOSTILE) * rng.choice((1, 1, 1, 7, 300)) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randint(1, 50) :]
        elif kind == 2:
            end = min(n, at + rng.randint(1, 80))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == 3:
            code = rng.choice(
                (rng.randrange(32, 127), rng.randrange(0xC0, 0x1EFF), rng.randrange(0x110000))
            )
            if 0xD800 <= code <= 0xDFFF:
                code = 0xFFFD
            text = text[:at] + chr(code) + text[at + 1 :]
        elif kind == 4:
            text = text[: rng.randint(0, n)]
        else:
            other = rng.randint(0, n)
            lo, hi = sorted((at, other))
            text = text[:lo] + text[hi:] + text[lo:hi]
    return text


# ---------------------------------------------------------------------------- numbers

_NUMBER_ALPHABET = "0123456789.,-+ \u2212\u00a0\u200b\ufeff%eE_٣²"
_UNIT_WORDS = (*BASE_UNITS, "nghìn", "vạn", "triệu", "tỷ", "tỉ", "năm", "/", " ", "%", "10.000")


@st.composite
def number_texts(draw: st.DrawFn) -> str:
    """Numbers as people and machines write them, then edited; and plain noise."""
    value = draw(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**18), max_value=10**18)
    )
    written = draw(
        st.sampled_from(
            [
                format_number(value, lang="vi"),
                format_number(value, lang="en"),
                f"{value:f}",
                str(value),
            ]
        )
    )
    base = draw(
        st.one_of(
            st.just(written),
            st.text(alphabet=_NUMBER_ALPHABET, max_size=40),
            st.text(max_size=40),
        )
    )
    text = draw(mutated(base, max_edits=2))
    if draw(st.booleans()):
        words = draw(st.lists(st.sampled_from(_UNIT_WORDS), max_size=5))
        text += draw(st.sampled_from(["", " "])) + " ".join(words)
    return text


def run_number(text: str) -> None:
    """Every number reader on one text; what is read must read back from its formatting."""
    for lang in ("vi", "en"):
        try:
            value = parse_number(text, lang)
        except NumberFormatError:
            continue
        _round_trip(value, lang)
    try:
        value = parse_machine_number(text)
    except NumberFormatError:
        pass
    else:
        assert parse_machine_number(f"{value:f}") == value
    try:
        quantity = parse_quantity(text)
    except (NumberFormatError, UnknownUnitError):
        return
    assert quantity.value.is_finite()
    str(quantity)  # formatting a parsed quantity never fails


def _round_trip(value: Decimal, lang: str) -> None:
    written = format_number(value, lang=lang)
    if len(written) <= 64:  # longer than the reader's bound: refused by design
        assert parse_number(written, lang) == value, (value, lang, written)


# ---------------------------------------------------------------------------- definitions

_FIELD_NAMES = (
    "format", "id", "title", "body", "base_year", "period", "area", "source", "areas",
    "indicators", "groups", "targets", "extra_targets", "clauses", "value", "low", "high",
    "unit", "bound", "kind", "year", "headline", "number", "relations", "validation_rules",
    "left", "right", "operator", "tolerance", "base_value", "value_known", "reported",
)  # fmt: skip


@functools.cache
def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**30, max_value=10**40),
        st.floats(),
        st.text(max_size=20),
        st.sampled_from(
            [
                "1.500", "180.000-190.000", "16", "-1", "0", "tối thiểu", "%/năm", "USD/người",
                "2021-2025", "2025-2021", "2025", "at_least", "range", "about", "level",
                "average_growth", "milestone", "higher", "#{grdp} + ", "#{grdp-growth} * 2",
                "((((", "#{" * 40, "2020-01-01", "năm", "bác sĩ/vạn dân",
            ]
        ),
    )  # fmt: skip


@functools.cache
def small_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(_FIELD_NAMES), inner, max_size=3),
        ),
        max_leaves=6,
    )


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*path, i)))
    return out


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def definition_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A small real definition: the header, the city, one target (1-2 clauses), its group and
    their indicators; sometimes validation rules or relations."""
    data = definition_data()
    targets = data["targets"]
    chosen = draw(
        st.lists(st.sampled_from(range(len(targets))), min_size=1, max_size=1, unique=True)
    )
    picked = [json.loads(json.dumps(targets[i])) for i in sorted(chosen)]
    for target in picked:  # short texts, no citations or labels: a small file reads fast
        target["text"] = str(target.get("text", ""))[:60]
        for key in ("source", "label"):
            target.pop(key, None)
        if isinstance(target.get("clauses"), list):
            target["clauses"] = target["clauses"][: draw(st.integers(1, 2))]
            for clause in target["clauses"]:
                clause["text"] = str(clause.get("text", ""))[:40]
                for key in ("source", "label"):
                    clause.pop(key, None)
    codes = {c.get("indicator") for t in picked for c in t.get("clauses", [])}
    doc = {k: json.loads(json.dumps(v)) for k, v in data.items() if not isinstance(v, list | dict)}
    for key in ("title", "body", "source"):
        if key in data:
            doc[key] = json.loads(json.dumps(data[key]))
    doc["areas"] = json.loads(json.dumps(data["areas"][:1]))
    doc["indicators"] = [
        {k: v for k, v in json.loads(json.dumps(i)).items() if k != "source"}
        for i in data["indicators"]
        if i["code"] in codes
    ]
    groups = {t.get("group") for t in picked}
    doc["groups"] = [g for g in json.loads(json.dumps(data["groups"])) if g["code"] in groups]
    doc["targets"] = picked
    extra = draw(st.integers(0, 5))
    if extra == 0:
        doc["validation_rules"] = json.loads(json.dumps(data["validation_rules"][:2]))
    elif extra == 1:
        doc["relations"] = json.loads(json.dumps(data["relations"]))
    return doc


@st.composite
def structurally_mutated(draw: st.DrawFn, doc: dict[str, Any]) -> Any:
    for _ in range(draw(st.integers(0, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        key = path[-1]
        kind = draw(st.integers(0, 4))
        if kind == 0:
            del parent[key]
        elif kind == 1:
            parent[key] = draw(small_values())
        elif kind == 2 and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif kind == 3 and isinstance(parent, dict):
            value = parent.pop(key)
            parent[draw(st.one_of(st.sampled_from(_FIELD_NAMES), st.text(max_size=8)))] = value
        else:
            other = draw(st.sampled_from(paths))
            with contextlib.suppress(KeyError, IndexError, TypeError):
                parent[key] = json.loads(json.dumps(_parent(doc, other)[other[-1]]))
    return doc


def _dump_yaml(data: Any, flow: bool) -> str:
    yaml = YAML(typ="safe")
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@st.composite
def definition_texts(draw: st.DrawFn) -> str:
    """Mutated small definitions written as YAML (or JSON, which YAML reads), and junk."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(
            mutated(draw(st.text(alphabet=_TEXT_ALPHABET + "{}[]&*!|>?#\n  ", max_size=80)))
        )
    doc = draw(structurally_mutated(draw(definition_documents())))
    if choice == 1:
        text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    else:
        text = _dump_yaml(doc, flow=choice == 2)
    return draw(mutated(text, max_edits=3))


def run_definition(text: str) -> None:
    from chitieu.definitions.resolution import load_resolution_text

    load_resolution_text(text, "fuzz.yaml")
    assert True


# ---------------------------------------------------------------------------- reading


@st.composite
def report_texts(draw: st.DrawFn) -> str:
    """Slices of the Hải Phòng report, edited; random text; hostile runs."""
    source = report_text()
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.text(alphabet=_TEXT_ALPHABET, max_size=300))
    if choice == 1:
        parts = draw(st.lists(snippets(), min_size=1, max_size=6))
        return "".join(parts)
    length = draw(st.sampled_from([100, 300, 600, 1000, 1500]))
    start = draw(st.integers(0, max(0, len(source) - length)))
    return draw(mutated(source[start : start + length], max_edits=6))


def run_extract(raw: str) -> None:
    """Targets drafted from found sections and from the whole text as one section."""
    text = normalise(raw)
    assert len(text) == len(normalise(text))
    for extraction in (extract_targets(text), extract_targets(text, 0, len(text))):
        for target in extraction.targets:
            assert 0 <= target.start <= target.end <= len(text)
            for clause in target.clauses:
                assert 0 <= clause.start <= clause.end <= len(text)
                assert text[clause.start : clause.end] == clause.text
                if clause.low_base is not None and clause.high_base is not None:
                    assert clause.low_base.is_finite()
                    assert clause.high_base.is_finite()


def run_claims(raw: str) -> None:
    text = normalise(raw)
    for claim in find_claims(text):
        assert 0 <= claim.sentence_start <= claim.sentence_end <= len(text)
        assert 0 <= claim.start <= claim.end <= len(text)
        assert (claim.recomputed is None) == (claim.verdict == "unverifiable")
        for figure in claim.figures:
            assert 0 <= figure.start <= figure.end <= len(text)


# ---------------------------------------------------------------------------- CSV and JSON


@functools.cache
def cells() -> st.SearchStrategy[str]:
    indicator_codes = sorted(indicators())
    return st.one_of(
        st.sampled_from(indicator_codes),
        st.sampled_from(area_codes()),
        st.sampled_from(
            [
                "2021", "2016-2020", "2020–2025", "2025-2021", "99999", "12.5", "1.234,5",
                "1e5", "-0", "NaN", "inf", "%", "tỷ đồng", "USD/người", "official", "ước",
                "khoảng", "more_than", "2025-13-01", "0", "-1", "9" * 5000,
            ]
        ),
        st.text(max_size=20),
        snippets(),
    )  # fmt: skip


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    header, rows = observation_rows()
    header_l = list(header)
    if draw(st.integers(0, 4)) == 0:
        header_l = draw(st.permutations(header_l))
        header_l = header_l[: draw(st.integers(0, len(header_l)))] + draw(
            st.lists(st.sampled_from([*header, "extra", ""]), max_size=2)
        )
    picked = [list(r) for r in draw(st.lists(st.sampled_from(rows), max_size=5))]
    for row in picked:
        for _ in range(draw(st.integers(0, 3))):
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(cells())
        if draw(st.integers(0, 9)) == 0:
            row.extend(draw(st.lists(cells(), max_size=2)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header_l)
    writer.writerows(picked)
    text = out.getvalue()
    if draw(st.booleans()):
        text = "\ufeff" + text
    return draw(mutated(text, max_edits=2))


def run_csv(text: str) -> None:
    from chitieu.exchange.figures_csv import load_observations_text

    for obs in load_observations_text(text, "fuzz.csv", indicators(), area_codes()):
        assert obs.value.is_finite()
        assert obs.period[0] <= obs.period[1]


@functools.cache
def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.one_of(
            st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10), cells()
        ),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=5,
    )


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    header, rows = observation_rows()
    choice = draw(st.integers(0, 9))
    if choice == 0:
        depth = draw(st.integers(1, 5000))
        return "[" * depth + "]" * draw(st.integers(0, depth))
    if choice == 1:
        return json.dumps(draw(json_values()))
    if choice == 2:
        numbers = ["1e999999999", "-1E-999999999", "9" * 5000, "1" + "0" * 400, "NaN", "-Infinity"]
        return '[{"indicator": "grdp", "value": ' + draw(st.sampled_from(numbers)) + "}]"
    items: list[Any] = []
    for row in draw(st.lists(st.sampled_from(rows), max_size=4)):
        item: dict[str, Any] = {k: v for k, v in zip(header, row, strict=True) if v != ""}
        for _ in range(draw(st.integers(0, 3))):
            key = draw(st.sampled_from([*header, "source", "id", "revision", "x"]))
            item[key] = draw(json_values())
        items.append(item)
    data: Any = {"observations": items} if draw(st.booleans()) else items
    return draw(mutated(json.dumps(data, ensure_ascii=draw(st.booleans())), max_edits=2))


def run_json(text: str) -> None:
    from chitieu.exchange.figures_json import load_observations_json_text

    for obs in load_observations_json_text(text, "fuzz.json", indicators(), area_codes()):
        assert obs.value.is_finite()


# ---------------------------------------------------------------------------- XLSX


@functools.cache
def template_parts() -> tuple[tuple[str, bytes], ...]:
    """The parts of a data-entry workbook for two indicators (small: fast to read)."""
    from chitieu.exchange import template_xlsx

    res = resolution()
    keep = {"grdp-growth", "exports"}
    small = replace(res, indicators=tuple(i for i in res.indicators if i.code in keep))
    buffer = io.BytesIO()
    template_xlsx.workbook(small).save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return tuple((i.filename, archive.read(i)) for i in archive.infolist())


_CELL_XML = (
    '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>',
    '<c r="{ref}"><v>{number}</v></c>',
    '<c r="{ref}" t="b"><v>1</v></c>',
    '<c r="{ref}" t="e"><v>#DIV/0!</v></c>',
    '<c r="{ref}"><f>SUM(A1:A2)</f><v>3</v></c>',
    '<c r="{ref}" t="s"><v>{number}</v></c>',
    '<c r="{ref}" t="d"><v>2025-01-01T00:00:00</v></c>',
    '<c r="{ref}" s="{number}"><v>0.12</v></c>',
)
_XML_BITS = (
    '<mergeCell ref="A1:B2"/>',
    '<row r="99999999">',
    "</row>",
    '<c r="XFD1048576"><v>1</v></c>',
    '<c r="A0"/>',
    '<dimension ref="A1:ZZZ999999"/>',
    "<!DOCTYPE x>",
    "&amp;",
    "<![CDATA[x]]>",
    '<?xml version="1.0" encoding="UTF-16"?>',
    "\x00",
)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    """The template with edited cells, edited XML, missing or extra parts, or bad bytes."""
    parts = dict(template_parts())
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for _ in range(draw(st.integers(0, 4))):
        column = draw(st.sampled_from("ABCDEFGHIJ"))
        row = draw(st.integers(1, 12))
        cell = draw(st.sampled_from(_CELL_XML)).format(
            ref=f"{column}{row}",
            text=_xml_escape(draw(cells())[:200]),
            number=draw(st.sampled_from(["0", "1", "12.38", "-1", "1e308", "99", "2025"])),
        )
        marker = f'<c r="{column}{row}"'
        at = sheet.find(marker)
        if at >= 0:
            end = sheet.find("</c>", at)
            close = sheet.find("/>", at)
            stop = (close + 2) if close >= 0 and (end < 0 or close < end) else end + 4
            sheet = sheet[:at] + cell + sheet[stop:]
    choice = draw(st.integers(0, 9))
    if choice == 0:
        at = draw(st.integers(0, len(sheet)))
        sheet = sheet[:at] + draw(st.sampled_from(_XML_BITS)) + sheet[at:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    names = list(parts)
    if choice == 1:
        parts.pop(draw(st.sampled_from(names)))
    elif choice == 2:
        name = draw(st.sampled_from(names))
        parts[name] = draw(mutated(parts[name].decode("utf-8", "replace"), 3)).encode("utf-8")
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if choice == 3 else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    blob = out.getvalue()
    if choice == 4:
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(blob) - 1))
            blob = blob[:at] + bytes([draw(st.integers(0, 255))]) + blob[at + 1 :]
    elif choice == 5:
        blob = blob[: draw(st.integers(0, len(blob)))]
    return blob


@functools.cache
def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix=f"chitieu-fuzz-{os.getpid()}-"))


def vary_xlsx(blob: bytes, rng: random.Random) -> bytes:
    """Edit the text of one part (mostly the data sheet) and zip again; or flip bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            parts = [(i.filename, archive.read(i)) for i in archive.infolist()]
    except Exception:  # a broken zip from the strategy: flip its bytes instead
        parts = []
    if not parts or rng.random() < 0.2:
        data = bytearray(blob)
        for _ in range(rng.randint(1, 4)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    names = [name for name, _ in parts]
    sheet = "xl/worksheets/sheet1.xml"
    chosen = sheet if sheet in names and rng.random() < 0.7 else rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            if name == chosen:
                content = vary_text(content.decode("utf-8", "replace"), rng).encode("utf-8")
            archive.writestr(name, content)
    return out.getvalue()


def run_xlsx(blob: bytes) -> None:
    from chitieu.exchange.template_xlsx import read_xlsx

    path = _scratch() / "fuzz.xlsx"
    path.write_bytes(blob)
    for obs in read_xlsx(path, indicators(), area_codes(), this_year=2025):
        assert obs.value.is_finite()


def warm_up() -> None:
    """Load the material once, so that no input is timed with the loading."""
    report_text()
    indicators()
    area_codes()
    observation_rows()
    definition_data()
    template_parts()


# ---------------------------------------------------------------------------- the list

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target(
            "numbers",
            number_texts(),
            run_number,
            (NumberFormatError, UnknownUnitError),
            "core.numbers parse_number/parse_machine_number/format_number, "
            "core.units parse_quantity",
            vary_text,
            9,
        ),
        Target(
            "definitions",
            definition_texts(),
            run_definition,
            (DefinitionError,),
            "definitions.resolution load_resolution_text",
            vary_text,
            4,
        ),
        Target(
            "extract",
            report_texts(),
            run_extract,
            (),
            "core.reading extract_targets (+normalise)",
            vary_text,
            4,
        ),
        Target("claims", report_texts(), run_claims, (), "core.reading find_claims", vary_text, 4),
        Target(
            "csv",
            csv_texts(),
            run_csv,
            (DefinitionError,),
            "exchange.figures_csv load_observations_text",
            vary_text,
            9,
        ),
        Target(
            "xlsx",
            xlsx_files(),
            run_xlsx,
            (DefinitionError,),
            "exchange.template_xlsx read_xlsx",
            vary_xlsx,
            3,
        ),
        Target(
            "json",
            json_texts(),
            run_json,
            (DefinitionError,),
            "exchange.figures_json load_observations_json_text",
            vary_text,
            9,
        ),
    )
}

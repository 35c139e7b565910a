"""Figures as SDMX-CSV 2.0, with a data structure of our own, checked by sdmx1.

Statistical offices exchange data in SDMX; SDMX-CSV is its flat form, which a GSO or
Open SDG pipeline can read without an XML stack. The structure (``CHITIEU:DSD_OBSERVATIONS
(2.0)``, docs/reports.md) has five dimensions: INDICATOR, AREA, TIME_PERIOD, STATUS and
BASIS (a plan, an estimate and an official figure of the same year are different
observations, and so are a level and a change "so với cùng kỳ" of the same period: both
must be part of the key); the measure OBS_VALUE; the attributes UNIT_MEASURE,
OBS_QUALIFIER, REVISION, SOURCE, NOTE. TIME_PERIOD follows SDMX: ``2026`` (a year),
``2026-M01`` (a month), ``2026-Q1`` (a quarter), ``2026-S1`` (a half year: SDMX's
semester), and an ISO 8601 interval for several years (``2016-01-01/P5Y``) or the first
months of a year (``2026-01-01/P9M``). Version 2.0 added BASIS to the key (1.0 had four
dimensions).

The output is read back with sdmx1's own SDMX-CSV reader against the structure, and
every key checked against the code lists, before it is returned.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

import sdmx.reader.csv as sdmx_csv_reader
from sdmx.model import common, v30

from chitieu.core.model import Area, Resolution
from chitieu.core.observations import Observation, Status
from chitieu.core.periods import Basis, BasisKind

AGENCY = "CHITIEU"
DSD_ID = "DSD_OBSERVATIONS"
VERSION = "2.0"
STRUCTURE_ID = f"{AGENCY}:{DSD_ID}({VERSION})"
DIMENSIONS = ("INDICATOR", "AREA", "TIME_PERIOD", "STATUS", "BASIS")
MEASURE = "OBS_VALUE"
ATTRIBUTES = ("UNIT_MEASURE", "OBS_QUALIFIER", "REVISION", "SOURCE", "NOTE")
HEADER = ("STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, MEASURE, *ATTRIBUTES)
_TIME = re.compile(
    r"^\d{4}$|^\d{4}-01-01/P\d+Y$|^\d{4}-M(0[1-9]|1[0-2])$|^\d{4}-Q[1-4]$|^\d{4}-S[12]$"
    r"|^\d{4}-01-01/P([2-9]|1[01])M$"
)
#: The fixed bases; a basis against a named year is coded ``year_2015``.
FIXED_BASES = (
    (BasisKind.LEVEL, "giá trị"),
    (BasisKind.SAME_PERIOD, "so với cùng kỳ năm trước"),
    (BasisKind.PLAN, "so với kế hoạch năm"),
    (BasisKind.PREVIOUS_PERIOD, "so với kỳ trước"),
)


class SdmxValidationError(ValueError):
    pass


def _codelist(cl_id: str, codes: Iterable[tuple[str, str]]) -> common.Codelist:
    cl = common.Codelist(id=cl_id, maintainer=common.Agency(id=AGENCY), version=VERSION)
    for code, name in codes:
        cl.append(common.Code(id=code, name=name))
    return cl


def basis_code(basis: Basis) -> str:
    """A basis as an SDMX code (IDs allow no ':'): ``level``, ``same_period``, ``year_2015``."""
    return f"year_{basis.year}" if basis.kind is BasisKind.YEAR else basis.kind.value


def data_structure(
    resolution: Resolution,
    areas: Sequence[Area] | None = None,
    bases: Iterable[Basis] = (),
) -> v30.DataStructureDefinition:
    """The data structure, with code lists for the resolution's indicators and the areas
    (by default the resolution's; the store's when figures of other areas share them),
    and the bases: the fixed ones and each named year of ``bases``."""
    dsd = v30.DataStructureDefinition(
        id=DSD_ID, maintainer=common.Agency(id=AGENCY), version=VERSION
    )
    lists = {
        "INDICATOR": _codelist(
            "CL_INDICATOR", ((i.code, i.name.vi) for i in resolution.indicators)
        ),
        "AREA": _codelist("CL_AREA", ((a.code, a.name.vi) for a in (areas or resolution.areas))),
        "STATUS": _codelist("CL_STATUS", ((s.value, s.label.vi) for s in Status)),
        "BASIS": _codelist(
            "CL_BASIS",
            [
                *((kind.value, name) for kind, name in FIXED_BASES),
                *sorted(
                    {
                        (basis_code(b), f"so với năm {b.year}")
                        for b in bases
                        if b.kind is BasisKind.YEAR
                    }
                ),
            ],
        ),
    }
    for order, dim_id in enumerate(DIMENSIONS):
        if dim_id == "TIME_PERIOD":
            dim: common.DimensionComponent = v30.TimeDimension(id=dim_id, order=order)
        else:
            dim = v30.Dimension(
                id=dim_id,
                order=order,
                local_representation=common.Representation(enumerated=lists[dim_id]),
            )
        dsd.dimensions.append(dim)
    dsd.measures.append(v30.Measure(id=MEASURE))
    for attr in ATTRIBUTES:
        dsd.attributes.append(v30.DataAttribute(id=attr))
    return dsd


def time_period(period: tuple[int, int], part: str = "") -> str:
    """SDMX's TIME_PERIOD of a figure: a year, a month, a quarter, a semester, or an ISO
    8601 interval (several years; the first months of a year)."""
    a, b = period
    if part.startswith("M"):
        return f"{a}-{part}"
    if part.startswith("Q"):
        return f"{a}-{part}"
    if part in ("H1", "H2"):
        return f"{a}-S{part[1]}"
    if part.endswith("M"):
        return f"{a}-01-01/P{part[:-1]}M"
    return str(a) if a == b else f"{a}-01-01/P{b - a + 1}Y"


def to_sdmx_csv(
    resolution: Resolution,
    observations: Sequence[Observation],
    areas: Sequence[Area] | None = None,
) -> str:
    """SDMX-CSV of the resolution's figures (every revision given), validated."""
    codes = {i.code for i in resolution.indicators}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for o in observations:
        if o.indicator not in codes:
            continue
        writer.writerow(
            (
                "datastructure",
                STRUCTURE_ID,
                "I",
                o.indicator,
                o.area,
                time_period(o.period, o.part),
                o.status.value,
                basis_code(o.basis),
                f"{o.value:f}",
                o.unit,
                o.qualifier.value,
                o.revision,
                o.source.label(),
                o.note,
            )
        )
    text = out.getvalue()
    bases = {o.basis for o in observations}
    problems = validate(text, data_structure(resolution, areas, bases))
    if problems:
        raise SdmxValidationError("SDMX-CSV does not match its structure:\n" + "\n".join(problems))
    return text


def _shape_problems(text: str) -> list[str]:
    """The header must start as SDMX-CSV does and every row be as long as it (which
    columns follow is sdmx1's to check)."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return [f"not CSV: {exc}"]
    if not rows or tuple(rows[0][:3]) != HEADER[:3]:
        return [f"the header does not start with {','.join(HEADER[:3])}"]
    return [
        f"line {number}: {len(row)} fields, the header has {len(HEADER)}"
        for number, row in enumerate(rows[1:], start=2)
        if len(row) != len(HEADER)
    ][:20]


def validate(text: str, dsd: v30.DataStructureDefinition) -> list[str]:
    """Read ``text`` with sdmx1 against ``dsd``; list every mismatch (empty: valid)."""
    shape = _shape_problems(text)
    if shape:
        # sdmx1's reader fails with StopIteration, IndexError or AssertionError on an
        # empty file, a bare header or a short row (found by tests/exchange/
        # test_import_properties.py): only a file of our own shape goes to it.
        return shape
    reader = sdmx_csv_reader.Reader()
    try:
        message = reader.convert(io.BytesIO(text.encode("utf-8")), structure=dsd)
    except (ValueError, KeyError) as exc:
        return [f"sdmx1 cannot read it: {exc}"]
    problems = [f"column {c!r} is not in the structure" for c in reader.options.custom_columns]
    enumerated = {
        d.id: {c.id for c in d.local_representation.enumerated}
        for d in dsd.dimensions
        if d.local_representation is not None and d.local_representation.enumerated is not None
    }
    n = 0
    for ds in message.data:
        for obs in ds.obs:
            n += 1
            key = {k: v.value for k, v in obs.dimension.values.items()}
            for dim in DIMENSIONS:
                if not key.get(dim):
                    problems.append(f"observation {n}: no {dim}")
            for dim, allowed in enumerated.items():
                if key.get(dim) and key[dim] not in allowed:
                    problems.append(f"observation {n}: {dim} {key[dim]!r} is not in its code list")
            if key.get("TIME_PERIOD") and not _TIME.match(str(key["TIME_PERIOD"])):
                problems.append(f"observation {n}: TIME_PERIOD {key['TIME_PERIOD']!r} is invalid")
            try:
                Decimal(str(obs.value))
            except InvalidOperation:
                problems.append(f"observation {n}: OBS_VALUE {obs.value!r} is not a number")
    return problems

"""Read ``agencies.yaml``: the agencies of a resolution and who reports each indicator.

With the resolution, every indicator must have exactly one agency (docs/tasks.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from chitieu.core.agencies import Agency, AgencyDirectory
from chitieu.core.model import Resolution, Text
from chitieu.definitions.tasks.document import TaskDocument, close_match, read_text
from chitieu.definitions.tasks.schema import AgenciesHeader, AgencySpec
from chitieu.definitions.yamlpaths import Path_
from chitieu.definitions.yamlpaths import known as _known

__all__ = ["load_agencies", "load_agencies_text"]


def load_agencies(path: Path, resolution: Resolution | None = None) -> AgencyDirectory:
    """Read ``agencies.yaml``; with ``resolution``, every indicator must have one agency."""
    return load_agencies_text(read_text(path), str(path), resolution)


def load_agencies_text(
    text: str, filename: str = "<text>", resolution: Resolution | None = None
) -> AgencyDirectory:
    doc = TaskDocument(filename, text)
    header = doc.validate(AgenciesHeader, doc.data, ())
    agencies: dict[str, Agency] = {}
    for i, raw in enumerate(doc.data.get("agencies") or []):
        spec = doc.validate(AgencySpec, raw, ("agencies", i))
        if spec is None:
            continue
        if spec.code in agencies:
            doc.add(("agencies", i, "code"), f"duplicate agency code {spec.code!r}")
            continue
        agencies[spec.code] = Agency(spec.code, Text(spec.name.vi, spec.name.en), spec.kind)

    assignments: dict[str, str] = {}
    raw_map = doc.data.get("indicators")
    if isinstance(raw_map, Mapping):
        known = {i.code for i in resolution.indicators} if resolution is not None else None
        for indicator, agency in raw_map.items():
            path: Path_ = ("indicators", indicator)
            if not isinstance(agency, str) or not agency:
                doc.add(path, "expected the code of one agency")
                continue
            if agency not in agencies:
                doc.add(
                    path, f"indicator {indicator!r}: unknown agency {agency!r}" + _known(agencies)
                )
            if known is not None and indicator not in known:
                doc.add(path, f"unknown indicator {indicator!r}" + close_match(indicator, known))
            assignments[str(indicator)] = agency
    if header is not None and resolution is not None:
        if header.resolution is not None and header.resolution != resolution.id:
            doc.add(
                ("resolution",),
                f"the file is for {header.resolution!r}, not for {resolution.id!r}",
            )
        missing = [i.code for i in resolution.indicators if i.code not in assignments]
        if missing:
            doc.add(
                ("indicators",),
                f"{len(missing)} indicator(s) of {resolution.id} have no agency: "
                + ", ".join(missing),
            )
    doc.raise_problems()
    return AgencyDirectory(tuple(agencies.values()), assignments)

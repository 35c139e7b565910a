"""The draft clauses of a text, by id."""

from __future__ import annotations

from chitieu.core.reading import DraftClause, extract_targets, normalise


def clauses_of(source: str) -> dict[str, DraftClause]:
    """Every draft clause of ``source`` (not yet normalised), by id."""
    extraction = extract_targets(normalise(source))
    return {c.id: c for t in extraction.targets for c in t.clauses}

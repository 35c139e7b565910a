"""Reading Vietnamese resolution texts: targets to draft, figure-backed claims to check.

Pure: adapters (:mod:`chitieu.documents`, the writers) read files and write YAML/JSON; everything
here works on one normalised string, and every offset it returns points into that string.
"""

from chitieu.core.reading.claims import Claim, ClaimKind, Verdict, find_claims
from chitieu.core.reading.extract import (
    DraftClause,
    DraftTarget,
    Extraction,
    extract_targets,
)
from chitieu.core.reading.text import normalise

__all__ = [
    "Claim",
    "ClaimKind",
    "DraftClause",
    "DraftTarget",
    "Extraction",
    "Verdict",
    "extract_targets",
    "find_claims",
    "normalise",
]

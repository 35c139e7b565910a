"""Reading Vietnamese resolution texts: targets to draft, figure-backed claims to check.

Pure: adapters (:mod:`chitieu.documents`, the writers) read files and write YAML/JSON; everything
here works on one normalised string, and every offset it returns points into that string.

What both readers share sits at this level: the normalised text (:mod:`.text`), numbers,
units, figures and periods as the text writes them (:mod:`.numerals`, :mod:`.unit_words`,
:mod:`.figures`, :mod:`.time_phrases`) and arithmetic at the precision figures are written
with (:mod:`.precision`). Targets are read by :mod:`.targets`, claims by :mod:`.claims`.
"""

from chitieu.core.reading.claims.find import find_claims
from chitieu.core.reading.claims.records import Claim, ClaimKind, Verdict
from chitieu.core.reading.targets.drafts import DraftClause, DraftTarget, Extraction
from chitieu.core.reading.targets.extract import extract_targets
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

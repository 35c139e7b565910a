"""Reading adapter: resolution texts in (.txt, .docx), draft definitions and JSON out.

The reading itself is pure (:mod:`chitieu.core.reading`); this package only touches
files and formats.
"""

from chitieu.reading.draft import draft_yaml
from chitieu.reading.jsonout import claims_json, extraction_json
from chitieu.reading.sources import read_document

__all__ = ["claims_json", "draft_yaml", "extraction_json", "read_document"]

"""Resolution definitions (``chitieu/resolution@1``): read with every problem at its
``file:line: field`` (:mod:`.read`, then :mod:`.assemble`, :mod:`.catalogue`,
:mod:`.targets`, :mod:`.clauses`, all reporting through :mod:`.document`), and drafted
from a text by :mod:`.draft` (not imported here: it needs the reader of the core)."""

from chitieu.definitions.resolution.read import load_resolution, load_resolution_text

__all__ = ["load_resolution", "load_resolution_text"]

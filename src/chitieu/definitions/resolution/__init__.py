"""Resolution definitions (``chitieu/resolution@1``): read with every problem at its
``file:line: field`` (:mod:`.read`, then :mod:`.assemble`, :mod:`.catalogue`,
:mod:`.targets`, :mod:`.clauses`, all reporting through :mod:`.document`)."""

from chitieu.definitions.resolution.read import load_resolution, load_resolution_text

__all__ = ["load_resolution", "load_resolution_text"]

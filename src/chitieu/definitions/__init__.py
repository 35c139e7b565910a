"""Definitions adapter: resolution definitions, tasks and agencies (YAML) → core model.

Errors name the file, the line and the field (:class:`Problem`); every problem of a file
is collected into one :class:`DefinitionError`. The format is documented in
``docs/definition-format.md``.
"""

from chitieu.definitions.errors import DefinitionError, Problem
from chitieu.definitions.resolution import load_resolution, load_resolution_text

__all__ = [
    "DefinitionError",
    "Problem",
    "load_resolution",
    "load_resolution_text",
]

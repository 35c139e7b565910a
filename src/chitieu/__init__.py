"""chitieu: make a Vietnamese development resolution trackable.

The package is layered: :mod:`chitieu.core` is pure (domain, quantities, evaluation,
text), everything else is an adapter around it (definitions, store, CLI).
"""

__version__ = "0.1.0"

"""Problems found in a definition or observations file, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can.

    ``line`` is 1-based (``None`` when it cannot be known); ``field`` is a dotted path
    into the YAML document (``targets[3].clauses[1].bound``) or a CSV column name.
    """

    file: str
    line: int | None
    field: str
    message: str
    #: The problem as one plain sentence for people, in Vietnamese and English, without
    #: the location (a page words the location in its own language); ``message`` when
    #: empty. ``row`` and ``column`` (its letter) place it in a workbook, where ``line``
    #: places it in a text file.
    vi: str = ""
    en: str = ""
    row: int | None = None
    column: str = ""

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` (the technical ``message`` when none was written)."""
        said = self.en if lang == "en" else self.vi
        return said or self.message

    @property
    def position(self) -> int:
        """Where in the file, for listing problems in the file's order (0: the file)."""
        return self.row or self.line or 0

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class DefinitionError(ValueError):
    """A definition or observations file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

"""Numbers as vi-VN text writes them: "1.500", "14,3", "131.314" ("." groups thousands,
"," is the decimal mark), and the precision a written number states.

The value of a number is read by :func:`chitieu.core.numbers.parse_number`; this module
only says where numbers are and how many decimals they were written with.
"""

from __future__ import annotations

from typing import Final

__all__ = ["NUMBER", "NUMBER_PLAIN", "decimals"]

# A number as written in vi-VN text; the look-arounds keep "1.1.1.1" and "12.38" from
# being read as numbers at all (the thousands groups must be exactly three digits).
# Digits are ASCII: ``\d`` would also match "੧" or "٣", which parse_number refuses.
# Bounded repetitions: a figure has at most 6 groups of thousands, 20 digits and 15
# decimals, so a run of 100 000 digits costs a few steps per position, never a parse of
# a 100 000-digit number.
#: The number pattern (no named group, look-arounds included).
NUMBER: Final = (
    r"(?<![\w.,])(?:[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,6}|[0-9]{1,20})(?:,[0-9]{1,15})?"
    r"(?![0-9]|[.,][0-9])"
)
#: The same number without the look-arounds, for use inside a larger pattern.
NUMBER_PLAIN: Final = r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,6}|[0-9]{1,20})(?:,[0-9]{1,15})?"


def decimals(number: str) -> int:
    """How many decimals a number is written with ("14,30" has two)."""
    return len(number.split(",", 1)[1]) if "," in number else 0

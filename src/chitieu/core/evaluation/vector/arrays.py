"""The array vocabulary of the fast path: array types, verdict codes and small helpers.

Verdicts travel as ``int8`` codes into :data:`VERDICTS`; ``EPS`` is the relative
distance within which a float is too close to a number it is compared with to decide.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chitieu.core.model import ClauseKind, Verdict

__all__ = [
    "ACH",
    "CODE",
    "EPS",
    "EXC",
    "NA",
    "NED",
    "OFF",
    "ON",
    "RISK",
    "SPAN_KINDS",
    "VERDICTS",
    "BoolArray",
    "CodeArray",
    "FloatArray",
    "IntArray",
    "last_present",
    "near",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
CodeArray = npt.NDArray[np.int8]

EPS = 1e-9
#: Verdict codes in the arrays: ``VERDICTS[code]``; -1 is "no verdict" (targets only).
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)
CODE = {v: np.int8(i) for i, v in enumerate(VERDICTS)}
EXC, ACH, NA = CODE[Verdict.EXCEEDED], CODE[Verdict.ACHIEVED], CODE[Verdict.NOT_ACHIEVED]
ON, RISK, OFF = CODE[Verdict.ON_TRACK], CODE[Verdict.AT_RISK], CODE[Verdict.OFF_TRACK]
NED = CODE[Verdict.NOT_ENOUGH_DATA]
SPAN_KINDS = (ClauseKind.AVERAGE_GROWTH, ClauseKind.CUMULATIVE, ClauseKind.PER_YEAR)


def near(x: FloatArray, y: float | FloatArray) -> BoolArray:
    """Where ``x`` lies within ``EPS`` (relative) of ``y``: too close for floats to decide."""
    with np.errstate(invalid="ignore"):
        near = np.abs(x - y) <= EPS * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
    return np.asarray(near, dtype=bool)


def last_present(values: FloatArray, columns: BoolArray) -> tuple[IntArray, FloatArray]:
    """Per area: the index of the last year (among ``columns``) with a figure, and it."""
    masked = ~np.isnan(values) & columns[None, :]
    width = values.shape[1]
    rev = np.argmax(masked[:, ::-1], axis=1)
    found = masked.any(axis=1)
    col = np.where(found, width - 1 - rev, -1)
    rows = np.arange(values.shape[0])
    picked = np.where(found, values[rows, np.maximum(col, 0)], np.nan)
    return col.astype(np.int64), picked

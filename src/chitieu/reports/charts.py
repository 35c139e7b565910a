"""Charts of headline targets, drawn with matplotlib for print (PNG) and screen (SVG).

One drawing function serves every format, so the Word file and the HTML page show the
same picture. The Agg backend is forced: reports are made on servers without a display.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from chitieu.core.numbers import format_number
from chitieu.reports.content import ChartData

#: Print resolution: 300 dpi is what offices print at; 15 cm wide in the document.
PRINT_DPI = 300
SIZE_INCHES = (6.0, 3.2)


def figure(chart: ChartData, lang: str = "vi") -> Figure:
    """The chart as a matplotlib Figure (not attached to pyplot, so nothing leaks)."""
    fig = Figure(figsize=SIZE_INCHES)
    ax = fig.add_subplot()
    labels = chart.labels
    if chart.band is not None:
        ax.axhspan(*chart.band, color="#2e7d32", alpha=0.15, label=labels.get("band", "target"))
    else:
        ax.axhline(
            chart.target_value,
            color="#2e7d32",
            linestyle=":",
            linewidth=1.2,
            label=labels.get("band", "target"),
        )
    if chart.path:
        xs, ys = zip(*chart.path, strict=True)
        ax.plot(xs, ys, color="#757575", linestyle="--", linewidth=1, label=labels.get("path"))
    xs, ys = zip(*chart.observed, strict=True)
    ax.plot(xs, ys, color="#1565c0", marker="o", linewidth=2, label=labels.get("observed"))
    if chart.projection is not None:
        px, py = chart.projection
        ax.plot(
            [xs[-1], px],
            [ys[-1], py],
            color="#c62828",
            linestyle="--",
            marker="D",
            markevery=[1],
            label=labels.get("projection"),
        )
    ax.set_title(chart.title, fontsize=10, loc="left")
    ax.set_ylabel(chart.unit, fontsize=8)
    years = sorted({x for x, _ in (*chart.observed, *chart.path)} | {chart.target_year})
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], fontsize=8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _tick(v, lang)))
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    ax.legend(fontsize=7, loc="best", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def _tick(value: float, lang: str) -> str:
    value = float(value)  # matplotlib passes numpy floats, whose repr is not a number
    decimals = 0 if abs(value) >= 100 or value == int(value) else 1
    return format_number(value, decimals=decimals, lang=lang)


def png(chart: ChartData, lang: str = "vi", dpi: int = PRINT_DPI) -> bytes:
    out = io.BytesIO()
    figure(chart, lang).savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def svg(chart: ChartData, lang: str = "vi") -> bytes:
    out = io.BytesIO()
    fig = figure(chart, lang)
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()

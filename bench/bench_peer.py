"""Per-series cost against a peer: Open SDG's sdg-build progress measure (issue 8, goal 2).

Not a test: run it by hand.

    .venv/bin/python bench/bench_peer.py [--scale 0.2m] [--runs 3] [--as-of 2023]

The peer is ``measure_indicator_progress(indicator)`` of sdg-build's
``sdg/ProgressMeasure.py`` (pull request 318), kept OUTSIDE git in
``bench/.peer/ProgressMeasure.py`` (``.gitignore``d; see bench/README.md for how to get
it). Without that file the peer column says "missing" and the rest still runs.

The series are those of the synthetic set (bench/synthetic.py, one per area × indicator),
grouped by the clause kind of their target. Each group goes through

1. the peer: one call per series, its input (an object with ``.data``, a pandas frame
   of Year/Value, and ``.meta`` with the target, base year 2020, target year 2025 and
   direction) built beforehand, not timed;
2. a straightforward pandas loop: ``groupby`` over the long table, CAGR ratio per series;
3. chitieu's reference path: ``evaluate_clause`` per series (Decimal, with explanation);
4. chitieu's vectorised step: ``core.evaluation.vector.evaluate_all_areas`` on the group.

Each is timed ``--runs`` times after a warm-up (the peer and the reference path on at
most ``--sample`` series of each group, being slow); the table gives µs per series
(median) and how many times faster the vectorised step is.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from _common import dataset_dir, machine, measure, table  # noqa: E402

from chitieu.core.compare import better_side, threshold  # noqa: E402
from chitieu.core.evaluation import evaluate_clause  # noqa: E402
from chitieu.core.evaluation.options import EvaluationSettings  # noqa: E402
from chitieu.core.evaluation.vector import evaluate_all_areas, from_observations  # noqa: E402
from chitieu.core.model import Clause, Direction, Resolution, Target  # noqa: E402
from chitieu.core.observations import Observation  # noqa: E402
from chitieu.definitions import load_resolution  # noqa: E402
from chitieu.exchange.figures_csv import load_observations_csv  # noqa: E402

PEER = HERE.parent / ".peer" / "ProgressMeasure.py"


def load_peer() -> ModuleType | None:
    if not PEER.exists():
        return None
    spec = importlib.util.spec_from_file_location("peer_progress", PEER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclasses.dataclass
class PeerIndicator:
    """What the peer reads from sdg-build's Indicator: ``data`` and ``meta``."""

    data: Any
    meta: dict[str, Any]


def kind_of(target: Target) -> str:
    clause = target.headline_clause
    assert clause is not None
    return f"{clause.kind.value}{' (each year)' if clause.each_year else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="0.2m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", type=int, default=2023)
    parser.add_argument("--sample", type=int, default=300, help="series for peer and reference")
    parser.add_argument(
        "--vector-scale",
        default=None,
        help="also time the vectorised step per kind on this scale's SQLite database (2m)",
    )
    args = parser.parse_args()
    import pandas as pd

    peer = load_peer()
    folder = dataset_dir(args.scale, args.seed)
    resolution = load_resolution(folder / "resolution.yaml")
    observations = load_observations_csv(
        folder / "observations.csv",
        indicators={i.code: i for i in resolution.indicators},
        areas=[a.code for a in resolution.areas],
    )
    settings = EvaluationSettings(as_of=args.as_of)
    by_key: dict[tuple[str, str], list[Observation]] = {}
    for o in observations:
        by_key.setdefault((o.indicator, o.area), []).append(o)
    groups: dict[str, list[Target]] = {}
    for t in resolution.targets:
        groups.setdefault(kind_of(t), []).append(t)
    print(f"# per-series cost, synthetic {args.scale} (seed {args.seed}), as of {args.as_of}")
    print(machine())
    print(f"peer: {PEER if peer else 'missing (' + str(PEER) + ')'}")
    rows: list[list[object]] = []
    rng = random.Random(1)
    big = _big(args.vector_scale, args.seed) if args.vector_scale else None
    for kind, targets in sorted(groups.items()):
        sub = dataclasses.replace(resolution, targets=tuple(targets), extra_targets=())
        clauses = [c for t in targets for c in t.clauses if c is t.headline_clause]
        series = [(c, a.code) for c in clauses for a in resolution.areas]
        codes = {c.indicator for c in clauses}
        obs = [o for o in observations if o.indicator in codes]
        columns = from_observations(obs)
        n_cells = len(series)
        vec = measure(lambda: evaluate_all_areas(sub, columns, settings, _pairs(by_key)), args.runs)  # noqa: B023 (called at once)
        sample = rng.sample(series, min(args.sample, len(series)))
        ref = measure(lambda: _reference(sub, sample, by_key, settings), args.runs)  # noqa: B023 (called at once)
        frame = pd.DataFrame(
            [(o.indicator, o.area, o.period[1], float(o.value)) for o in obs if o.is_year],
            columns=["indicator", "area", "Year", "Value"],
        )
        loop = measure(lambda: _pandas_loop(frame, sub), args.runs)  # noqa: B023 (called at once)
        n_loop = frame.groupby(["indicator", "area"]).ngroups
        peer_us: float | None = None
        if peer is not None:
            inputs = [_peer_input(pd, sub, c, by_key.get((c.indicator, a), [])) for c, a in sample]
            fn: Callable[[Any], Any] = peer.measure_indicator_progress
            stats = measure(lambda: [fn(i) for i in inputs], args.runs)  # noqa: B023 (called at once)
            peer_us = stats.median / len(inputs) * 1e6
        vec_us = vec.median / n_cells * 1e6
        big_us = _big_kind(big, kind, settings, args.runs) if big else None
        ref_us = ref.median / len(sample) * 1e6
        loop_us = loop.median / n_loop * 1e6
        rows.append(
            [
                kind,
                f"{n_cells:,}",
                f"{peer_us:,.0f}" if peer_us is not None else "missing",
                f"{loop_us:,.0f}",
                f"{ref_us:,.0f}",
                f"{vec_us:,.2f}",
                f"{big_us:,.2f}" if big_us is not None else "—",
                f"{peer_us / vec_us:,.0f}×" if peer_us is not None else "—",
                f"{peer_us / big_us:,.0f}×" if peer_us is not None and big_us else "—",
                f"{loop_us / vec_us:,.0f}×",
                f"{ref_us / vec_us:,.0f}×",
            ]
        )
        print(f"  {kind}: done", flush=True)
    print()
    header = [
        "clause kind",
        "series",
        "peer µs",
        "pandas loop µs",
        "reference µs",
        "vectorised µs",
        f"vectorised µs ({args.vector_scale or '—'})",
        "peer / vectorised",
        f"peer / vectorised ({args.vector_scale or '—'})",
        "pandas / vectorised",
        "reference / vectorised",
    ]
    print(table(header, rows))


def _big(scale: str, seed: int) -> tuple[Any, Any, Any]:
    """The larger set, scanned once from its benchmark database: the per-series cost of
    the vectorised step once its per-call overhead is spread over 3.356 areas."""
    from _common import bench_database

    from chitieu.store import Store
    from chitieu.store.scan import observations_for, scan_current

    data = bench_database(scale, seed, "sqlite")
    store = Store.open(data.url)
    resolution = store.get_resolution(data.resolution_id)
    return resolution, scan_current(store), lambda pairs: observations_for(store, pairs)


def _big_kind(big: Any, kind: str, settings: EvaluationSettings, runs: int) -> float:
    """µs per series of the vectorised step on the larger set, for one kind."""
    import numpy as np

    resolution, columns, fetch = big
    targets = tuple(t for t in resolution.targets if kind_of(t) == kind)
    sub = dataclasses.replace(resolution, targets=targets, extra_targets=())
    codes = {t.headline_clause.indicator for t in targets}
    wanted = np.array([c in codes for c in columns.indicators], dtype=bool)
    keep = wanted[columns.indicator]
    fields = ("indicator", "area", "period_start", "period_end", "value", "unit")
    fields += ("status_rank", "revision", "exact")
    only = dataclasses.replace(columns, **{f: getattr(columns, f)[keep] for f in fields})
    stats = measure(lambda: evaluate_all_areas(sub, only, settings, fetch), runs)
    return stats.median / (len(targets) * len(resolution.areas)) * 1e6


def _pairs(by_key: dict[tuple[str, str], list[Observation]]):  # type: ignore[no-untyped-def]
    def fetch(pairs: Any) -> list[Observation]:
        return [o for a, i in pairs for o in by_key.get((i, a), [])]

    return fetch


def _reference(
    resolution: Resolution,
    sample: list[tuple[Clause, str]],
    by_key: dict[tuple[str, str], list[Observation]],
    settings: EvaluationSettings,
) -> None:
    for clause, area in sample:
        local = dataclasses.replace(resolution, area=area)
        evaluate_clause(local, clause, by_key.get((clause.indicator, area), ()), settings)


def _peer_input(pd: Any, resolution: Resolution, clause: Clause, obs: list[Observation]) -> Any:
    direction = resolution.indicator(clause.indicator).direction
    side = better_side(clause.bound, direction) or 1
    years = [(o.period[1], float(o.value)) for o in obs if o.is_year]
    data = pd.DataFrame(sorted(dict(years).items()), columns=["Year", "Value"])
    options = {
        "base_year": resolution.base_year,
        "target_year": clause.end_year,
        "direction": "positive" if side > 0 else "negative",
        "target": float(threshold(clause.bound, direction)),
    }
    meta = {"auto_progress_calculation": True, "progress_calculation_options": [options]}
    return PeerIndicator(data, meta)


def _pandas_loop(frame: Any, resolution: Resolution) -> list[str]:
    """The straightforward way: one CAGR ratio per series, in a groupby loop."""
    targets = {}
    for t in resolution.targets:
        c = t.headline_clause
        assert c is not None
        ind = resolution.indicator(c.indicator)
        side = better_side(c.bound, ind.direction) or (
            -1 if ind.direction is Direction.LOWER else 1
        )
        targets[c.indicator] = (float(threshold(c.bound, ind.direction)), c.end_year, side)
    out = []
    base_year = resolution.base_year
    for (indicator, _area), g in frame.groupby(["indicator", "area"]):
        target, target_year, side = targets[indicator]
        g = g.sort_values("Year")
        base = g[g.Year >= base_year].head(1)
        if base.empty or len(g) < 2:
            out.append("not_enough_data")
            continue
        b, t0 = float(base.Value.iloc[0]), int(base.Year.iloc[0])
        v, t = float(g.Value.iloc[-1]), int(g.Year.iloc[-1])
        if t <= t0 or b <= 0 or v <= 0 or target <= 0:
            out.append("not_enough_data")
            continue
        observed = (v / b) ** (1 / (t - t0)) - 1
        required = (target / b) ** (1 / max(target_year - t0, 1)) - 1
        ratio = side * observed / abs(required) if required else 1.0
        out.append("on_track" if ratio >= 0.95 else "at_risk" if ratio >= 0.6 else "off_track")
    return out


if __name__ == "__main__":
    main()

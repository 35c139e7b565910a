"""Time `chitieu extract` and `chitieu claims` (their service calls) on the Hải Phòng report.

Not a test: run it by hand, on an otherwise idle machine, and read the figures.

    .venv/bin/python bench/bench_reading.py [--runs 7] [FILE]

Each service call (read the file, normalise, find, build the output) is timed with
``time.perf_counter`` over ``--runs`` runs after one warm-up run; the median, minimum
and maximum are printed. Process start-up and ``import chitieu`` are not included: they
are the same for every command.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from chitieu.definitions.resolution.draft import draft_yaml
from chitieu.exchange.reading_json import claims_json, extraction_json
from chitieu.services import reading

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "sources" / "000_4ef7886d0b8bf600.txt"
FALLBACK = ROOT / "tests" / "fixtures" / "shared" / "sources" / "000_4ef7886d0b8bf600.txt"


def extract_yaml(path: Path) -> str:
    report = reading.extract_file(path)
    return draft_yaml(report.extraction, report.text, path.name)


def extract_json(path: Path) -> str:
    report = reading.extract_file(path)
    return json.dumps(extraction_json(report.extraction, str(path)), ensure_ascii=False)


def claims(path: Path) -> str:
    report = reading.claims_file(path)
    return json.dumps(claims_json(list(report.claims), report.text, str(path)), ensure_ascii=False)


def measure(call: Callable[[Path], str], path: Path, runs: int) -> list[float]:
    call(path)  # warm-up: regex compilation, imports done lazily
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call(path)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", type=Path, default=DEFAULT if DEFAULT.exists() else FALLBACK
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the median of fewer runs is noise)")
    size = args.file.stat().st_size
    chars = len(args.file.read_text(encoding="utf-8"))
    print(
        f"{args.file.name}: {size:,} bytes, {chars:,} characters; "
        f"{args.runs} runs each (after one warm-up)"
    )
    for name, call in (
        ("extract (yaml)", extract_yaml),
        ("extract (json)", extract_json),
        ("claims (json)", claims),
    ):
        times = measure(call, args.file, args.runs)
        print(
            f"  {name:<15} median {statistics.median(times) * 1000:7.1f} ms"
            f"   min {min(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()

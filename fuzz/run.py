"""The fuzz campaign: each target driven with N generated inputs, each under a time limit.

    python -m fuzz.run                       # every target, 100 000 inputs each
    python -m fuzz.run -n 2000 numbers csv   # a quick look at two targets

Inputs come from the hypothesis strategies of :mod:`fuzz.targets`, generated in batches
with fixed seeds (``--seed``), so a campaign is reproducible; shrinking is off, since we
want every crash counted, not the first one minimised. Each generated input is followed
by the target's cheap random variants (``Target.fanout``).

An input is a *crash* when an exception other than the target's documented errors
escapes (or an invariant fails), or when it kills the process (a native library that
aborts on a failed allocation); a *hang* when it takes more than ``--timeout`` seconds of
CPU time (SIGPROF interrupts it; an input that cannot be interrupted is still timed and
counted). CPU time, not wall time: on a shared machine a wall clock would count the other
processes' work as ours.
Each target runs in its own process (``--jobs`` at a time); a process that dies is
restarted with the next seed and the input it died on is recorded. Findings (input and
traceback) are saved under ``--out``; the table at the end gives the counts, and the exit
status is 1 when any target crashed or hung.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

BATCH = 2000
MAX_SAVED = 20  # findings saved per target (all are counted)
SLOWEST_FIRST = ("definitions", "xlsx", "extract", "claims", "numbers", "csv", "json")
MAX_RESTARTS = 50


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` swallows it."""


@dataclass
class Outcome:
    target: str
    inputs: int = 0
    read: int = 0
    refused: int = 0
    crashes: int = 0
    hangs: int = 0
    slowest: float = 0.0
    slowest_input: str = ""
    seconds: float = 0.0
    findings: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        for name in ("inputs", "read", "refused", "crashes", "hangs", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.slowest > self.slowest:
            self.slowest, self.slowest_input = other.slowest, other.slowest_input
        self.findings += other.findings


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


def fuzz_target(
    name: str, inputs: int, seed: int, timeout: float, out: Path, progress: Path | None = None
) -> Outcome:
    """Drive one target in this process; never raises for what the target does.

    With ``progress``, the counts are written there after every batch and the input
    being run to ``progress.with_suffix(".input")``, so that a parent can tell what
    killed this process.
    """
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seed_of

    from fuzz.targets import TARGETS, warm_up

    warm_up()
    target = TARGETS[name]
    outcome = Outcome(name)
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGPROF, _alarm)
    started = time.process_time()
    current = open(progress.with_suffix(".input"), "w+b") if progress else None  # noqa: SIM115

    def record(kind: str, value: Any, detail: str) -> None:
        number = outcome.crashes + outcome.hangs
        if number <= MAX_SAVED:
            path = out / f"{name}-{kind}-s{seed}-{number}.txt"
            path.write_text(f"{kind}\n\ninput:\n{value!r}\n\n{detail}\n", encoding="utf-8")
            outcome.findings.append(str(path))

    rng = random.Random(seed)

    def one(value: Any) -> None:
        run(value)
        if target.vary is not None:
            for _ in range(target.fanout):
                run(target.vary(value, rng))

    def run(value: Any) -> None:
        if outcome.inputs >= inputs:
            return
        outcome.inputs += 1
        if current is not None:
            current.seek(0)
            current.write(repr(value).encode("utf-8", "backslashreplace"))
            current.truncate()
            current.flush()
        begin = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, timeout)
        try:
            read = target.check(value)
        except Hang:
            outcome.hangs += 1
            record("hang", value, f"interrupted after {timeout} s of CPU time")
            return
        except Exception:
            signal.setitimer(signal.ITIMER_PROF, 0)
            outcome.crashes += 1
            record("crash", value, traceback.format_exc())
            return
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        elapsed = time.process_time() - begin
        if elapsed > outcome.slowest:
            outcome.slowest, outcome.slowest_input = elapsed, repr(value)[:300]
        if elapsed > timeout:  # a C loop the alarm could not interrupt
            outcome.hangs += 1
            record("hang", value, f"took {elapsed:.1f} s of CPU time")
        elif read:
            outcome.read += 1
        else:
            outcome.refused += 1

    batch = 0
    while outcome.inputs < inputs:
        before = outcome.inputs
        size = max(1, min(BATCH, (inputs - outcome.inputs) // (1 + target.fanout)))
        test = settings(
            max_examples=size,
            phases=[Phase.generate],
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )(given(target.strategy)(one))
        seed_of(seed * 1000 + batch)(test)()
        batch += 1
        outcome.seconds = time.process_time() - started
        if progress is not None:
            progress.write_text(json.dumps(asdict(outcome)), encoding="utf-8")
        if outcome.inputs == before:
            break  # the strategy is exhausted
    if current is not None:
        current.close()
    return outcome


def _command(
    name: str, inputs: int, seed: int, args: argparse.Namespace, progress: Path
) -> list[str]:
    return [
        sys.executable, "-m", "fuzz.run", "--worker", name, "-n", str(inputs), "--seed",
        str(seed), "--timeout", str(args.timeout), "--out", str(args.out),
        "--progress", str(progress),
    ]  # fmt: skip


class _Campaign:
    """One target across the processes it takes (one, unless a process dies)."""

    def __init__(self, name: str, args: argparse.Namespace) -> None:
        self.name = name
        self.args = args
        self.total = Outcome(name)
        self.seed = args.seed
        self.restarts = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.progress = Path(args.out) / f"{name}.progress.json"

    def start(self) -> None:
        self.progress.unlink(missing_ok=True)
        remaining = self.args.inputs - self.total.inputs
        command = _command(self.name, remaining, self.seed, self.args, self.progress)
        self.process = subprocess.Popen(command)

    def poll(self) -> bool:
        """Whether the target is finished (restarting its process when it died)."""
        assert self.process is not None
        code = self.process.poll()
        if code is None:
            return False
        part = Outcome(self.name)
        if self.progress.exists():
            part = Outcome(**json.loads(self.progress.read_text(encoding="utf-8")))
        self.total.add(part)
        if code == 0:
            return True
        # The process died on an input: count it as a crash, keep it, go on with a new seed.
        self.total.inputs += 1
        self.total.crashes += 1
        died_on = self.progress.with_suffix(".input")
        saved = Path(self.args.out) / f"{self.name}-died-s{self.seed}.txt"
        text = died_on.read_text(encoding="utf-8", errors="replace") if died_on.exists() else "?"
        saved.write_text(f"process died (exit status {code})\n\ninput:\n{text}\n", "utf-8")
        self.total.findings.append(str(saved))
        self.restarts += 1
        if self.restarts > MAX_RESTARTS or self.total.inputs >= self.args.inputs:
            return True
        self.seed += 7919
        self.start()
        return False


def table(outcomes: Sequence[Outcome]) -> str:
    head = ("target", "inputs", "read", "refused", "crashes", "hangs", "slowest s", "cpu s")
    rows = [
        (
            o.target,
            str(o.inputs),
            str(o.read),
            str(o.refused),
            str(o.crashes),
            str(o.hangs),
            f"{o.slowest:.3f}",
            f"{o.seconds:.0f}",
        )
        for o in outcomes
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from fuzz.targets import TARGETS

    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", default=[], help=f"of {', '.join(TARGETS)}")
    parser.add_argument("-n", "--inputs", type=int, default=100_000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=20251128)
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per input")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(".chitieu/fuzz"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--progress", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        fuzz_target(args.worker, args.inputs, args.seed, args.timeout, args.out, args.progress)
        return 0
    unknown = [n for n in args.targets if n not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    # Slowest first, so that the processes finish together.
    names = list(args.targets) or sorted(TARGETS, key=SLOWEST_FIRST.index)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    waiting = [_Campaign(n, args) for n in names]
    running: list[_Campaign] = []
    done: list[_Campaign] = []
    while waiting or running:
        while waiting and len(running) < args.jobs:
            campaign = waiting.pop(0)
            campaign.start()
            running.append(campaign)
        time.sleep(0.5)
        for campaign in list(running):
            if campaign.poll():
                running.remove(campaign)
                done.append(campaign)
                o = campaign.total
                print(
                    f"{o.target}: {o.inputs} inputs, {o.crashes} crashes, {o.hangs} hangs, "
                    f"{time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    outcomes = sorted((c.total for c in done), key=lambda o: names.index(o.target))
    print(table(outcomes))
    print(
        f"\nwall time {time.perf_counter() - started:.0f} s, {args.jobs} processes, "
        f"seed {args.seed}, limit {args.timeout} s per input"
    )
    for o in outcomes:
        print(f"slowest {o.target} input ({o.slowest:.3f} s): {o.slowest_input[:200]}")
    for o in outcomes:
        for finding in o.findings:
            print(f"finding: {finding}")
    short = [o.target for o in outcomes if o.inputs < args.inputs]
    if short:
        print(f"note: fewer inputs than asked for: {', '.join(short)}")
    return 1 if any(o.crashes or o.hangs for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())

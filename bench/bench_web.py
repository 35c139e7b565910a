"""Pages under load: the overview, a target page and the API evaluation with 50 clients.

Not a test: run it by hand (``make bench``) and read the figures.

    .venv/bin/python bench/bench_web.py [--clients 50] [--seconds 10]
        [--backend sqlite|postgresql|both] [--scale 2m]

For each backend, the synthetic national database (``bench/synthetic.py``, built once
and cached under /tmp/chitieu-bench by ``_common.bench_database``) is served by
``chitieu serve`` (uvicorn, as in production) on a free loopback port, in its own
process; this process is the load generator: ``--clients`` concurrent HTTP/1.1 clients
(httpx + asyncio, each sending its next request as soon as the previous answer arrives)
for ``--seconds`` per endpoint, and never more than ``--max-requests``. Before the load,
one request per endpoint is timed alone (``cold``: it fills the evaluation cache), then
one more (``warm``). The baseline is a static file served by the same server under the
same load: the cost of the HTTP stack itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, bench_database, machine, postgres_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CHITIEU_DATABASE_URL": url}
    chitieu = [sys.executable, "-m", "chitieu.cli.main"]
    args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--public-read"]
    proc = subprocess.Popen(
        [*chitieu, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/app.css", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError("server did not start within 120 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


async def load(base: str, path: str, clients: int, seconds: float, cap: int) -> dict[str, float]:
    """Closed loop: each client sends its next request when the previous one is answered."""
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < end and len(latencies) + errors < cap:
                started = time.perf_counter()
                try:
                    r = await client.get(path)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    if not latencies:
        return {"n": 0, "errors": errors}
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "n": len(latencies),
        "errors": errors,
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "rps": len(latencies) / elapsed,
    }


def once(base: str, path: str) -> float:
    started = time.perf_counter()
    r = httpx.get(base + path, timeout=900)
    r.raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--scale", default="2m")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not postgres_url():
        print("no CHITIEU_BENCH_POSTGRES_URL / CHITIEU_TEST_POSTGRES_URL: SQLite only")
        backends.remove("postgresql")
    print(f"# bench_web: {machine()}")
    print(
        f"# scale {args.scale}; {args.clients} concurrent clients, {args.seconds:g} s per "
        f"endpoint (at most {args.max_requests:,} requests); loopback, one uvicorn process\n"
    )
    for backend in backends:
        data = bench_database(args.scale, 1, backend)
        from chitieu.store import Store

        with Store.open(data.url) as store:
            rid = data.resolution_id
            tid = store.get_resolution(rid).targets[0].id
        port = free_port()
        proc = serve(data.url, port)
        base = f"http://127.0.0.1:{port}"
        try:
            endpoints = [
                ("static (baseline)", "/static/app.css"),
                ("overview", f"/r/{rid}"),
                ("target", f"/r/{rid}/t/{tid}"),
                ("api evaluation", f"/api/v1/resolutions/{rid}/evaluation"),
            ]
            print(f"{backend}: {data.rows:,} figures, resolution {rid}, target {tid}")
            for name, path in endpoints:
                cold = once(base, path)
                warm = once(base, path)
                r = asyncio.run(load(base, path, args.clients, args.seconds, args.max_requests))
                if not r["n"]:
                    print(f"  {name:<18} no successful request ({r['errors']:.0f} errors)")
                    continue
                print(
                    f"  {name:<18} cold {cold * 1e3:8.1f} ms  warm {warm * 1e3:6.1f} ms  "
                    f"p50 {r['p50'] * 1e3:6.1f}  p95 {r['p95'] * 1e3:6.1f}  "
                    f"p99 {r['p99'] * 1e3:6.1f} ms  {r['rps']:6.1f} req/s  "
                    f"n {r['n']:.0f}  errors {r['errors']:.0f}",
                    flush=True,
                )
        finally:
            stop(proc)


if __name__ == "__main__":
    main()

"""The first request to the overview and to a target page after a write (cache empty).

Not a test: run it by hand and read the figures.

    .venv/bin/python bench/bench_first_request.py [--url sqlite:////tmp/...] [--repeat 3]
        [--pages overview,target,target-in-term,report-html,report-xlsx]

The app runs in this process (FastAPI ``TestClient``, no network); before each timed
request the result cache (``chitieu.services.cache``) is emptied, which is what any write
(a load, an import, an approval) does to the next request. Prints each run and the median.
"""

from __future__ import annotations

import argparse
import statistics
import time

from fastapi.testclient import TestClient

from chitieu.services import cache
from chitieu.store import Store
from chitieu.web.app import create_app
from chitieu.web.config import WebSettings

DEFAULT_URL = "sqlite:////tmp/chitieu-bench/syn_2m_s1_v1.sqlite3"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default=DEFAULT_URL)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--pages", default="overview,target")
    args = p.parse_args()
    store = Store.open(args.url)
    rid = store.resolution_ids()[0]
    tid = store.get_resolution(rid).targets[0].id
    app = create_app(WebSettings(database_url=args.url, public_read=True), store)
    in_term = store.get_resolution(rid).period[1] - 1  # outlooks are drawn only in term
    paths = {
        "overview": f"/r/{rid}",
        "target": f"/r/{rid}/t/{tid}",
        "target-in-term": f"/r/{rid}/t/{tid}?as_of={in_term}",
        "report-html": f"/r/{rid}/report.html?as_of={in_term}",
        "report-xlsx": f"/r/{rid}/report.xlsx?as_of={in_term}",
    }
    with TestClient(app) as client:
        for name in args.pages.split(","):
            times = []
            for _ in range(args.repeat):
                cache.clear()
                t0 = time.perf_counter()
                r = client.get(paths[name])
                times.append(time.perf_counter() - t0)
                assert r.status_code == 200, (r.status_code, r.text[:300])
                t1 = time.perf_counter()
                client.get(paths[name])
                warm = time.perf_counter() - t1
                print(
                    f"{name:<14} first {times[-1] * 1e3:9.1f} ms  then {warm * 1e3:7.1f} ms",
                    flush=True,
                )
            print(
                f"{name:<14} median first request {statistics.median(times) * 1e3:.1f} ms "
                f"({args.repeat} runs; {paths[name]})",
                flush=True,
            )


if __name__ == "__main__":
    main()

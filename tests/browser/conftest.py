"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

The app runs in a uvicorn server thread on a free loopback port, over a copy of the
loaded Hải Phòng database (SQLite and PostgreSQL, as the web tests). Without
``/usr/bin/chromium`` the tests skip, unless ``CHITIEU_REQUIRE_TOOLS=1`` (set by CI),
which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from chitieu.web.app import create_app
from chitieu.web.config import WebSettings
from tests.web.conftest import Site, fresh_site, template  # noqa: F401 (fixtures)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = os.environ.get("CHITIEU_CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    message = "browser tests need Debian's chromium (apt-get install chromium)"
    if os.environ.get("CHITIEU_REQUIRE_TOOLS") == "1":
        pytest.fail(f"CHITIEU_REQUIRE_TOOLS=1 but {message}", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(fresh_site: Site) -> Iterator[str]:  # noqa: F811 (fixture injected by name)
    """The app served over HTTP on loopback; yields its base URL."""
    port = _free_port()
    app = create_app(WebSettings(), fresh_site.store)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    # CI machines have 2 noisy cores; parsing plotly.js alone can take seconds there.
    expect.set_options(timeout=20_000)
    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    """Where this test's screenshots go (kept as CI artefacts)."""
    name = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")
    folder = ARTIFACTS / "screenshots" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder

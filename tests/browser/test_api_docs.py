"""Issue 17, item 10: the API reference page and the API's messages.

The reference lists every path once (never /api/v1/api/v1/…), knows who is logged in,
shows code as code (no reStructuredText backticks); an unknown indicator's error names
the code sent; fields are spelled one way (figures[0].value); a 401 speaks the user's
language.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from chitieu.services import accounts
from tests.browser.helpers import context, log_in
from tests.web.conftest import XVI, Site


def test_the_reference_page(server: str, browser: Browser, shots: Path) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "xem")
    page.goto(f"{server}/api/v1/docs")
    expect(page.locator("header .who")).to_contain_text("xem")
    expect(page.locator("header .session")).not_to_contain_text("Đăng nhập")
    paths = page.locator("code.path").all_inner_texts()
    assert paths
    assert all(p.startswith("/api/v1/") and "/api/v1/api/v1" not in p for p in paths)
    assert "`" not in page.locator("main").inner_text()
    expect(page.locator("#api-description code")).to_have_text("Authorization: Bearer <token>")
    page.screenshot(path=str(shots / "api-docs.png"), full_page=True)
    ctx.close()


def test_the_apis_messages(server: str, browser: Browser, fresh_site: Site) -> None:
    token = accounts.new_token(fresh_site.store, "nhaplieu", "thử", actor="test")
    ctx = context(browser)
    submit = f"{server}/api/v1/resolutions/{XVI}/observations"
    headers = {"Authorization": f"Bearer {token}"}
    figure = {"year": 2025, "value": 3.2, "source_document": "Báo cáo"}
    unknown = ctx.request.post(
        submit, headers=headers, data={"figures": [{**figure, "indicator": "khong-ton-tai"}]}
    )
    assert unknown.status == 422
    [problem] = unknown.json()["detail"]
    assert problem["field"] == "figures[0].indicator"
    assert "khong-ton-tai" in problem["message_vi"]
    assert "khong-ton-tai" in problem["message_en"]

    # A schema error and a figure error name their fields the same way.
    both = ctx.request.post(
        submit,
        headers=headers,
        data={"figures": [{**figure, "indicator": "urban-unemployment", "status": "guess"}]},
    )
    assert both.status == 422
    assert [d["field"] for d in both.json()["detail"]] == ["figures[0].status"]
    assert both.json()["detail"][0]["message_vi"].startswith("Chọn một trong:")

    anonymous = ctx.request.get(f"{server}/api/v1/me")
    assert anonymous.status == 401
    said = anonymous.json()
    assert said["message"].startswith("Hãy đăng nhập")
    assert said["message_en"].startswith("Log in")
    english = ctx.request.get(f"{server}/api/v1/me?lang=en")
    assert english.json()["message"].startswith("Log in")
    ctx.close()

"""Issue 17, item 11: every figure shows what kind of source it cites, and web addresses
are links.

GRDP growth for 2021 cites a news site, for 2022 the city's portal, the base-term figure
the political report; budget revenue for 2021 cites a real-estate site: each is labelled
as such beside the figure, never like official statistics, and its address can be
followed. The reviewer sees the class too, and the API carries it.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.helpers import context, log_in
from tests.web.conftest import XVI


def test_sources_are_classified_and_linked(server: str, browser: Browser, shots: Path) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "xem")
    page.goto(f"{server}/r/{XVI}/t/1")
    table = page.locator("table.figures")
    press = table.locator("tr", has=page.locator('a[href="https://soha.vn"]')).first
    expect(press.locator(".source-class")).to_have_text("báo chí")
    expect(press.locator('a[href="https://soha.vn"]')).to_have_attribute(
        "rel", "noopener noreferrer nofollow"
    )
    portal = "https://thanhphohaiphong.gov.vn/cong-bo-so-lieu-kinh-te-xa-hoi-nam-2022.html"
    government = table.locator("tr", has=page.locator(f'a[href="{portal}"]')).first
    expect(government.locator(".source-class")).to_have_text("cơ quan Đảng, Nhà nước")
    report = table.locator("tr", has_text="Báo cáo chính trị Đại hội XVI").first
    expect(report.locator(".source-class")).to_have_text("cơ quan Đảng, Nhà nước")
    # Every figure has its class.
    rows = table.locator("tbody tr")
    assert rows.count() == table.locator("tbody tr .source-class").count()
    page.screenshot(path=str(shots / "1-target-sources.png"), full_page=True)

    page.goto(f"{server}/r/{XVI}/t/4")
    other = page.locator(
        "table.figures tr", has=page.locator('a[href="https://nhadathungmanh.com"]')
    )
    expect(other.first.locator(".source-class")).to_have_text("nguồn khác")

    body = ctx.request.get(f"{server}/api/v1/resolutions/{XVI}/targets/1").json()
    classes = {f["source_class"] for f in body["figures"]}
    assert {"press", "government"} <= classes
    ctx.close()

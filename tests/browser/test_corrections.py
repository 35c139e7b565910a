"""Issue 17, item 4: a correction closes the proposal it replaces, needs a reason, and the
reviewer sees every other figure of the same indicator, area and period.

The officer enters 3,2 % for 2025, then corrects it to 3,3 %: the form asks for the reason
first; once given, the first revision is shown as superseded (no longer "chờ duyệt"
forever) and the queue holds only the correction, with the value it replaces. After the
estimate is approved, a preliminary 3,6 % for the same year arrives: the reviewer sees
that it disagrees with the approved estimate.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.helpers import context, fill_figure, log_in, log_out
from tests.web.conftest import XVI, Site

TARGET_11 = f"/r/{XVI}/t/11"


def test_a_correction_supersedes_needs_a_reason_and_shows_its_neighbours(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")
    fill_figure(page, server, "urban-unemployment", "2025", "3,2")
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu")
    [first] = fresh_site.store.awaiting_review()

    fill_figure(page, server, "urban-unemployment", "2025", "3,3")
    page.locator("#submit-figure").click()
    expect(page.locator("#err-reason")).to_contain_text("hãy ghi lý do sửa")
    page.screenshot(path=str(shots / "1-reason-asked.png"), full_page=True)
    page.locator("#f-reason").fill("Cục Thống kê cập nhật số ước tính")
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu")
    [second] = fresh_site.store.awaiting_review()
    assert second.observation_id != first.observation_id

    page.goto(f"{server}{TARGET_11}")
    old = page.locator(f'table.figures tr[data-obs="{first.observation_id}"]')
    expect(old).to_contain_text("đã được thay")
    expect(old).not_to_contain_text("chờ duyệt")
    page.screenshot(path=str(shots / "2-first-superseded.png"), full_page=True)
    log_out(page)

    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    items = page.locator("ol.queue li.item")
    expect(items).to_have_count(1)
    expect(items.locator(".previous")).to_contain_text("3,2%")
    items.get_by_role("button", name="Duyệt").click()
    expect(page.locator("#review-message")).to_contain_text("Đã duyệt số liệu")
    log_out(page)

    log_in(page, server, "nhaplieu")
    fill_figure(page, server, "urban-unemployment", "2025", "3,6", status="preliminary")
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu")
    log_out(page)

    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    item = page.locator("ol.queue li.item")
    expect(item).to_have_count(1)
    others = item.locator(".others")
    expect(others).to_contain_text("ước 3,3%")
    expect(others).to_contain_text("đã duyệt")
    expect(others).to_contain_text("khác số đang duyệt")
    page.screenshot(path=str(shots / "3-queue-disagreement.png"), full_page=True)
    ctx.close()

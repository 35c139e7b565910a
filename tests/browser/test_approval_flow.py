"""The issue's browser scenario: an editor enters a 2025 figure, a reviewer approves it,
and the target's status and the overview counts change. Screenshots at each step."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import PASSWORD, XVI


def log_in(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Tên đăng nhập").fill(user)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("header .who")).to_contain_text(user)


def counts(page: Page) -> dict[str, int]:
    out = {}
    for link in page.locator("#counts a.count").all():
        verdict = link.get_attribute("data-verdict") or ""
        out[verdict] = int(link.locator("strong").inner_text())
    return out


def test_editor_enters_reviewer_approves_overview_changes(
    server: str, browser: Browser, shots: Path
) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The editor of the statistics office opens target 11 (urban unemployment < 3,5 %).
    log_in(page, server, "nhaplieu")
    page.goto(f"{server}/r/{XVI}")
    before = counts(page)
    assert before.get("not_enough_data") == 19
    assert "achieved" not in before
    row = page.locator('tr.target-row[data-target="11"]')
    expect(row.locator(".badge")).to_have_text(re.compile("Chưa đủ số liệu"))
    page.screenshot(path=str(shots / "1-overview-before.png"), full_page=True)

    page.goto(f"{server}/r/{XVI}/t/11")
    page.locator("#clause-11a a.button", has_text="Nhập số liệu").click()
    expect(page.locator("#f-indicator")).to_have_value("urban-unemployment")
    page.locator("#f-year").fill("2025")
    page.locator("#f-value").fill("3,2")
    page.locator("#f-status").select_option("estimate")
    page.locator("#f-source_document").fill("Báo cáo tình hình kinh tế - xã hội năm 2025")
    page.screenshot(path=str(shots / "2-entry-filled.png"), full_page=True)
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu chờ duyệt")
    page.screenshot(path=str(shots / "3-entry-submitted.png"), full_page=True)

    # Submitted, not yet approved: the overview has not moved.
    page.goto(f"{server}/r/{XVI}")
    assert counts(page) == before
    page.get_by_role("button", name="Đăng xuất").click()

    # The reviewer approves it from the queue.
    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    item = page.locator("ol.queue li.item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("3,2%")
    expect(item).to_contain_text("nhaplieu")
    page.screenshot(path=str(shots / "4-review-queue.png"), full_page=True)
    item.get_by_role("button", name="Duyệt").click()
    expect(page.locator("#queue-empty")).to_be_visible()

    # Target 11 is now achieved, and the counts moved by one.
    page.goto(f"{server}/r/{XVI}")
    after = counts(page)
    assert after.get("achieved") == 1
    assert after.get("not_enough_data") == 18
    expect(page.locator('tr.target-row[data-target="11"] .badge')).to_have_text(re.compile("Đạt"))
    page.screenshot(path=str(shots / "5-overview-after.png"), full_page=True)

    page.goto(f"{server}/r/{XVI}/t/11")
    expect(page.locator("h1 .badge")).to_have_text(re.compile("Đạt"))
    approved = page.locator("table.figures tr.in-force", has_text="2025")
    expect(approved).to_contain_text("đã duyệt")
    # The chart is drawn by plotly.js served from the Python package: no CDN needed.
    expect(page.locator(".chart[data-drawn='1']").first).to_be_visible()
    page.screenshot(path=str(shots / "6-target-after.png"), full_page=True)
    context.close()


def test_overview_in_english_and_on_a_phone(server: str, browser: Browser, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, server, "xem")
    page.goto(f"{server}/r/{XVI}?lang=en")
    expect(page.locator("#counts")).to_contain_text("Not enough data")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.screenshot(path=str(shots / "overview-en-phone.png"), full_page=True)
    context.close()

"""What the browser tests share: logging in and out, filling the entry form, the two
screens of the issue's walkthrough (a laptop and a phone), and a check that a page fits
its screen."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.conftest import PASSWORD, XVI

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
ENTRY = f"/r/{XVI}/entry"


def context(browser: Browser, viewport: dict[str, int] = LAPTOP) -> BrowserContext:
    return browser.new_context(locale="vi-VN", viewport=viewport)  # type: ignore[arg-type]


def log_in(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Tên đăng nhập").fill(user)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("header .who")).to_contain_text(user)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def fill_figure(
    page: Page,
    base: str,
    indicator: str,
    year: str,
    value: str,
    *,
    status: str = "estimate",
    source: str = "Báo cáo tình hình kinh tế - xã hội năm 2025",
) -> None:
    """Open the entry form and fill one figure (not sent)."""
    page.goto(f"{base}{ENTRY}?indicator={indicator}")
    expect(page.locator("#f-indicator")).to_have_value(indicator)
    page.locator("#f-year").fill(year)
    page.locator("#f-value").fill(value)
    page.locator("#f-status").select_option(status)
    page.locator("#f-source_document").fill(source)


def fits_the_screen(page: Page) -> bool:
    """No horizontal scrolling: the page is no wider than its window."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))

"""Issue 17, item 8: the review queue gives context and feedback.

Each figure shows the value it corrects, last year's figure and the target it serves (a
link); an approval is confirmed; "Rút số liệu" does not look like "Duyệt" (it is behind
its own disclosure, in the destructive colour); a missing comment is said in Vietnamese
by the page, not by the browser; several figures are approved with one click. The queue
fits a phone's screen.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from chitieu.core.access import Principal, Role
from chitieu.services import figures as figure_service
from tests.browser.helpers import PHONE, context, fits_the_screen, log_in
from tests.web.conftest import XVI, Site

EDITOR = Principal("nhaplieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))


def _submit(site: Site, year: str, value: str) -> int:
    form = figure_service.EntryForm(
        indicator="urban-unemployment",
        year=year,
        value=value,
        status="estimate",
        source_document="Báo cáo của Cục Thống kê",
    )
    [oid] = figure_service.submit_form(site.store, XVI, form, EDITOR).observation_ids
    return oid


def test_the_queue_gives_context_confirms_and_approves_several(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    first = _submit(fresh_site, "2024", "3,3")
    second = _submit(fresh_site, "2025", "3,2")
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    item = page.locator(f'li.item[data-obs="{second}"]')
    expect(item.locator(".previous")).to_contain_text("lần nhập đầu tiên")
    expect(item.locator(".last-year")).to_be_visible()
    link = item.locator(".targets a").first
    expect(link).to_have_attribute("href", f"/r/{XVI}/t/11#clause-11a")
    expect(item.locator(".targets")).to_contain_text("3,5%")
    page.screenshot(path=str(shots / "1-queue.png"), full_page=True)

    # Withdrawing is a separate, destructive step, not a third button beside "Duyệt".
    withdraw = item.get_by_role("button", name="Rút hẳn số liệu này")
    expect(withdraw).to_be_hidden()
    approve = item.get_by_role("button", name="Duyệt", exact=True)
    expect(approve).to_be_visible()
    item.locator("details.danger summary").click()
    expect(withdraw).to_be_visible()
    colours = page.evaluate(
        "([a, w]) => [getComputedStyle(a).backgroundColor, getComputedStyle(w).color]",
        [approve.element_handle(), withdraw.element_handle()],
    )
    assert colours[0] != colours[1]
    assert colours[1] == "rgb(164, 14, 38)"  # the page's colour for danger

    # A return without a comment: the page says why, in Vietnamese (no browser bubble).
    item.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#review-error")).to_have_text(
        "Hãy ghi ý kiến: vì sao trả lại hoặc mở khóa số liệu."
    )
    assert len(fresh_site.store.awaiting_review()) == 2

    # Tick both, approve once, and the page confirms it.
    page.locator(f"#pick-{first}").check()
    page.locator(f"#pick-{second}").check()
    page.get_by_role("button", name="Duyệt các số liệu đã chọn").click()
    expect(page.locator("#review-message")).to_have_text("Đã duyệt 2 số liệu.")
    expect(page.locator("#queue-empty")).to_be_visible()
    assert fresh_site.store.awaiting_review() == []
    page.screenshot(path=str(shots / "2-approved-two.png"), full_page=True)
    ctx.close()


def test_the_queue_fits_a_phone(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    _submit(fresh_site, "2025", "3,2")
    ctx = context(browser, PHONE)
    page = ctx.new_page()
    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    expect(page.locator("ol.queue li.item")).to_have_count(1)
    approve = page.get_by_role("button", name="Duyệt", exact=True)
    box = approve.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]  # the button is on the screen
    assert fits_the_screen(page)
    page.screenshot(path=str(shots / "queue-phone.png"), full_page=True)
    ctx.close()

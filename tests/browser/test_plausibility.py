"""Issue 17, item 1: impossible figures are refused, implausible ones need a written
justification kept with the figure, and the reviewer sees both up front.

A statistics officer types an unemployment rate of −3 % and of 1.234,5 %, an investment
of −500 tỷ đồng and a 1999 figure: the form refuses each on its field, while the figure is
typed already, and nothing is stored. Services growth of 1.234,5 % is possible but far
outside the city's history: it goes through only with a justification, which the reviewer
reads in the queue next to the warning. A workbook-style upload with an impossible figure
is refused as a whole, naming the figure.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.helpers import ENTRY, context, fill_figure, log_in, log_out
from tests.web.conftest import XVI, Site


def test_impossible_figures_are_refused_on_their_field(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")
    before = len(fresh_site.store.observations(all_revisions=True))
    cases = [
        ("urban-unemployment", "2025", "-3", "value", "-3% không thể đúng"),
        ("urban-unemployment", "2025", "1.234,5", "value", "1.234,5%"),
        ("total-investment", "2024", "-500", "value", "không thể âm"),
        ("urban-unemployment", "2026", "3", "year", "nằm sau kỳ của nghị quyết"),
    ]
    for n, (indicator, year, value, field, words) in enumerate(cases):
        status = "plan" if year == "2026" else "estimate"
        fill_figure(page, server, indicator, year, value, status=status)
        if field == "value":
            # Said while the figure is typed, before anything is sent.
            expect(page.locator("#live-check")).to_be_visible()
            expect(page.locator("#live-check")).to_contain_text("Không thể đúng")
        page.locator("#submit-figure").click()
        expect(page.locator(f"#err-{field}")).to_contain_text(words)
        expect(page.locator("#entry-errors")).to_be_visible()
        page.screenshot(path=str(shots / f"{n}-refused-{indicator}.png"), full_page=True)
    assert len(fresh_site.store.observations(all_revisions=True)) == before
    ctx.close()


def test_an_implausible_figure_needs_a_justification_the_reviewer_sees(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")
    fill_figure(page, server, "services-growth", "2025", "1.234,5")
    expect(page.locator("#live-check")).to_contain_text("Bất thường")
    page.locator("#submit-figure").click()
    expect(page.locator("#err-justification")).to_contain_text("1.234,5%")
    expect(page.locator("#err-justification")).to_contain_text("ghi giải trình")
    assert fresh_site.store.awaiting_review() == []
    page.screenshot(path=str(shots / "1-justification-asked.png"), full_page=True)

    why = "Số liệu của Cục Thống kê đã được kiểm tra lại, do tính lại theo giá 2020"
    page.locator("#f-justification").fill(why)
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu chờ duyệt")
    [waiting] = fresh_site.store.awaiting_review()
    kept = fresh_site.store.justifications([waiting.observation_id])
    assert kept[waiting.observation_id].text == why
    assert kept[waiting.observation_id].rules == ("growth_history",)
    log_out(page)

    log_in(page, server, "duyet1")
    page.goto(f"{server}/review")
    item = page.locator(f'li.item[data-obs="{waiting.observation_id}"]')
    expect(item.locator(".findings")).to_contain_text("1.234,5%")
    expect(item.locator(".findings")).to_contain_text("bất thường")
    expect(item.locator(".justification")).to_contain_text(why)
    # The warning comes before the buttons, not after them.
    findings_y = item.locator(".findings").bounding_box()
    approve_y = item.get_by_role("button", name="Duyệt").bounding_box()
    assert findings_y is not None
    assert approve_y is not None
    assert findings_y["y"] < approve_y["y"]
    page.screenshot(path=str(shots / "2-queue-warning.png"), full_page=True)
    ctx.close()


def test_an_upload_with_an_impossible_figure_is_refused_as_a_whole(
    server: str, browser: Browser, fresh_site: Site, shots: Path, tmp_path: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")
    upload = tmp_path / "dau-tu-2024.csv"
    upload.write_text(
        "indicator,area,period,value,unit,status,qualifier,source_document\n"
        "urban-unemployment,haiphong,2024,3.1,%,estimate,exact,Báo cáo\n"
        "total-investment,haiphong,2024,-500,tỷ đồng,estimate,exact,Báo cáo\n",
        encoding="utf-8",
    )
    page.goto(f"{server}{ENTRY}")
    page.locator("#f-file").set_input_files(str(upload))
    page.locator("#upload-file").click()
    message = page.locator("#err-file")
    expect(message).to_contain_text("dau-tu-2024.csv")
    expect(message).to_contain_text("-500 tỷ đồng không thể đúng")
    assert fresh_site.store.awaiting_review() == []
    page.screenshot(path=str(shots / "upload-refused.png"), full_page=True)
    ctx.close()


def test_the_api_refuses_an_impossible_figure(
    server: str, browser: Browser, fresh_site: Site
) -> None:
    from chitieu.services import accounts

    token = accounts.new_token(fresh_site.store, "nhaplieu", "thử", actor="test")
    ctx = context(browser)
    response = ctx.request.post(
        f"{server}/api/v1/resolutions/{XVI}/observations",
        headers={"Authorization": f"Bearer {token}"},
        data={
            "figures": [
                {
                    "indicator": "urban-unemployment",
                    "year": 2025,
                    "value": -3,
                    "source_document": "Báo cáo",
                }
            ]
        },
    )
    assert response.status == 422
    body = response.json()
    assert [d["field"] for d in body["detail"]] == ["figures[0].value"]
    assert "0 and 100" in body["detail"][0]["message_en"]
    assert fresh_site.store.awaiting_review() == []
    ctx.close()

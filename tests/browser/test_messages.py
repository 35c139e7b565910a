"""Issue 17, item 5: error messages are one plain sentence per problem, in the interface's
language, one line per row in the file's order, under the user's own file name, with a
hint for the likely slip; "3,2%" is read, and a semicolon-separated CSV (what Excel writes
in a Vietnamese locale) is accepted.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from chitieu.services import exchange
from tests.browser.helpers import ENTRY, context, fill_figure, log_in
from tests.exchange.test_template_xlsx import row_of
from tests.web.conftest import XVI, Site


def test_a_slip_of_the_number_is_named_with_what_to_type(
    server: str, browser: Browser, fresh_site: Site, shots: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")
    fill_figure(page, server, "urban-unemployment", "2025", "3.2")
    hint = "Bạn nhập 3.2 – nếu là ba phẩy hai, hãy gõ 3,2."
    expect(page.locator("#live-check")).to_have_text(hint)  # while typing
    page.locator("#submit-figure").click()
    expect(page.locator("#err-value")).to_have_text(hint)  # one sentence, nothing glued
    page.screenshot(path=str(shots / "1-hint.png"), full_page=True)

    fill_figure(page, server, "urban-unemployment", "2025", "12,3,4")
    page.locator("#submit-figure").click()
    said = page.locator("#err-value").inner_text()
    assert said.startswith("«12,3,4» không phải là số")
    assert "cannot read" not in said
    assert said.count("không phải là số") == 1

    # "3,2%" for a rate in % is three point two per cent.
    fill_figure(page, server, "urban-unemployment", "2025", "3,2%")
    page.locator("#submit-figure").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu chờ duyệt")
    [waiting] = fresh_site.store.awaiting_review()
    [figure] = [
        o
        for o in fresh_site.store.observations("urban-unemployment", all_revisions=True)
        if o.id == waiting.observation_id
    ]
    assert str(figure.value) == "3.2"
    ctx.close()


def test_file_problems_one_line_each_in_vietnamese_under_the_users_name(
    server: str, browser: Browser, fresh_site: Site, shots: Path, tmp_path: Path
) -> None:
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "nhaplieu")

    bad = tmp_path / "so-lieu-quy-4.csv"
    bad.write_text(
        "indicator,area,period,value,unit,status,qualifier,source_document\n"
        "urban-unemployment,haiphong,2024,ba phẩy một,%,estimate,exact,Báo cáo\n"
        "urban-unemployment,haiphong,2023,3.1,quả,estimate,exact,Báo cáo\n",
        encoding="utf-8",
    )
    page.goto(f"{server}{ENTRY}")
    page.locator("#f-file").set_input_files(str(bad))
    page.locator("#upload-file").click()
    lines = page.locator("#err-file").inner_text().splitlines()
    assert lines[0] == "so-lieu-quy-4.csv: chưa lưu gì, có 2 chỗ cần sửa"
    assert lines[1].startswith("Dòng 2, cột value: «ba phẩy một» không phải là số")
    assert lines[2] == "Dòng 3, cột unit: Không biết đơn vị «quả»."
    assert not any("not a" in line or "unknown" in line for line in lines)  # no English
    page.screenshot(path=str(shots / "1-csv-lines.png"), full_page=True)

    # What Excel saves as CSV in a Vietnamese locale: semicolons, and "3,1".
    excel = tmp_path / "xuat-tu-excel.csv"
    excel.write_text(
        "indicator;area;period;value;unit;status;qualifier;source_document\n"
        "urban-unemployment;haiphong;2024;3,1;%;ước;exact;Báo cáo của Cục Thống kê\n",
        encoding="utf-8-sig",
    )
    page.locator("#f-file").set_input_files(str(excel))
    page.locator("#upload-file").click()
    expect(page.locator("#entry-message")).to_contain_text("Đã gửi 1 số liệu chờ duyệt")

    # A workbook keeps its name too (never the server's "upload.xlsx").
    template = exchange.make_template(fresh_site.store, XVI, tmp_path / "mau.xlsx")
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    r = row_of(sheet, "urban-unemployment", 2023)
    sheet.cell(row=r, column=6, value="3.2")
    sheet.cell(row=r, column=7, value="ước")
    sheet.cell(row=r, column=8, value="Báo cáo")
    mine = tmp_path / "bieu-mau-cuc-thong-ke.xlsx"
    workbook.save(mine)
    page.locator("#f-file").set_input_files(str(mine))
    page.locator("#upload-file").click()
    lines = page.locator("#err-file").inner_text().splitlines()
    assert lines[0].startswith("bieu-mau-cuc-thong-ke.xlsx: ")
    assert lines[1] == f"Hàng {r}, cột F: Bạn nhập 3.2 – nếu là ba phẩy hai, hãy gõ 3,2."
    assert "upload.xlsx" not in page.content()
    page.screenshot(path=str(shots / "2-xlsx-lines.png"), full_page=True)
    ctx.close()


def test_no_command_line_option_on_a_web_page(server: str, browser: Browser) -> None:
    """GRDP per head recorded in đồng: the data check says so without sending people to
    a CLI flag."""
    ctx = context(browser)
    page = ctx.new_page()
    log_in(page, server, "xem")
    page.goto(f"{server}/r/{XVI}/t/2")
    expect(page.locator("#checks")).to_contain_text("tỷ giá")
    assert "--rate" not in page.content()
    ctx.close()

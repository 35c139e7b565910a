"""Data entry forms under bad input: the page answers 422 (never 500), keeps what the user
typed, names the field and writes nothing; CSV uploads name file, line and column."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import XVI, Site, csrf_of, login

ENTRY = f"/r/{XVI}/entry"
UPLOAD = f"/r/{XVI}/upload"
GOOD = {
    "indicator": "urban-unemployment",
    "year": "2024",
    "value": "3,2",
    "unit": "%",
    "status": "estimate",
    "qualifier": "exact",
    "source_document": "Báo cáo của Cục Thống kê",
    "note": "ghi chú của người nhập",
}
NEXT_YEAR = str(dt.date.today().year + 1)
CSV_HEADER = "indicator,area,period,value,unit,status,qualifier,source_document\n"


def written(site: Site) -> tuple[int, int, int]:
    """What a refused form must not change: figures (all revisions), the queue, the log."""
    store = site.store
    return (
        len(store.observations(all_revisions=True)),
        len(store.awaiting_review()),
        len(store.audit_log(limit=100_000)),
    )


@pytest.fixture(scope="module")
def editor(site: Site) -> Iterator[TestClient]:
    client = site.client("nhaplieu")
    return client


def post_entry(client: TestClient, data: dict[str, str], query: str = "") -> tuple[int, str]:
    token = csrf_of(client, ENTRY)
    response = client.post(
        ENTRY + query, data={**data, "csrf_token": token}, follow_redirects=False
    )
    return response.status_code, response.text


def field_message(page: str, field: str) -> str:
    """The message shown next to a field (``err-<field>``), unescaped."""
    found = re.search(
        rf'<p class="field-error" id="err-{field}" role="alert">(.*?)</p>', page, re.S
    )
    assert found, f"no message next to {field}"
    return html.unescape(found.group(1))


def summary(page: str) -> dict[str, tuple[str, str]]:
    """The error summary at the top: field → (the words naming it, the message)."""
    box = re.search(r'<div class="alert" role="alert" id="entry-errors">(.*?)</div>', page, re.S)
    assert box, "no error summary"
    return {
        name: (html.unescape(label), html.unescape(message).strip())
        for name, label, message in re.findall(
            r'<li><a href="#f-([a-z_]+)">(.*?)</a>:(.*?)</li>', box.group(1), re.S
        )
    }


def kept(page: str, name: str, value: str) -> bool:
    """Whether the re-shown form still holds what the user typed in ``name``."""
    escaped = re.escape(html.escape(value, quote=True))
    if name == "paste":
        pattern = rf'<textarea id="f-paste"[^>]*>{escaped}</textarea>'
    elif name in ("indicator", "status", "qualifier"):
        pattern = rf'<select id="f-{name}".*?<option value="{escaped}"[^>]* selected>'
    else:
        pattern = rf'<input id="f-{name}" name="{name}"[^>]* value="{escaped}"'
    return re.search(pattern, page, re.S) is not None


BAD = [
    pytest.param({"value": "12,3,4"}, "value", "«12,3,4» không phải là số", id="two-commas"),
    pytest.param({"value": "abc"}, "value", "«abc» không phải là số", id="letters"),
    pytest.param({"unit": "quả"}, "unit", "không biết đơn vị «quả»", id="unknown-unit"),
    pytest.param(
        {"unit": "tỷ đồng"}, "unit", "«tỷ đồng» không đổi được sang «%»", id="unit-not-convertible"
    ),
    pytest.param(
        {"year": NEXT_YEAR}, "year", "chưa đến: chỉ nhập được số liệu kế hoạch", id="future-year"
    ),
    pytest.param({"source_document": " "}, "source_document", "ghi nguồn", id="no-source"),
    pytest.param({"year": "20x5"}, "year", "năm phải có 4 chữ số, không phải «20x5»", id="year"),
    pytest.param(
        {"paste": "2021\t3,1\n2022\n2023\t3,0"}, "paste", "dòng 2", id="paste-line-without-value"
    ),
    pytest.param(
        {"paste": "2021\t3,1\n2022\t3,x\n2023\t3,0"}, "paste", "dòng 2", id="paste-bad-value"
    ),
    pytest.param({"paste": "2021\t3,1\n20x2\t3,3"}, "paste", "dòng 2", id="paste-bad-year"),
    pytest.param({"status": "guess"}, "status", "chọn tình trạng số liệu", id="status"),
]


@pytest.mark.parametrize(("change", "field", "words"), BAD)
def test_bad_input_is_refused_and_kept(
    site: Site, editor: TestClient, change: dict[str, str], field: str, words: str
) -> None:
    csrf_of(editor, ENTRY)
    before = written(site)
    typed = {**GOOD, **change}
    status, page = post_entry(editor, typed)
    assert status == 422
    assert words in field_message(page, field)
    assert field in summary(page)
    assert words in summary(page)[field][1]
    for name, value in typed.items():
        if name == "status" and value == "guess":
            continue  # not an option of the list: cannot be shown selected
        assert kept(page, name, value), f"{name}={value!r} was not kept"
    assert written(site) == before


def test_error_summary_names_fields_as_the_form_labels_them(site: Site, editor: TestClient) -> None:
    """ "source_document: ..." is a column name, not words a user reads next to the field."""
    status, page = post_entry(editor, {**GOOD, "source_document": "", "status": "x"})
    assert status == 422
    labels = {
        name: html.unescape(text).strip()
        for name, text in re.findall(r'<label for="f-([a-z_]+)">(.*?)</label>', page)
    }
    shown = summary(page)
    assert set(shown) == {"source_document", "status"}
    for name, (words, _message) in shown.items():
        assert words == labels[name], f"{name}: summary says {words!r}, the form {labels[name]!r}"


def test_empty_form_names_every_missing_field(site: Site, editor: TestClient) -> None:
    before = written(site)
    empty = dict.fromkeys(GOOD, "")
    status, page = post_entry(editor, empty)
    assert status == 422
    named = set(summary(page))
    assert {"indicator", "year", "source_document"} <= named
    assert "chọn một chỉ tiêu trong danh sách" in field_message(page, "indicator")
    assert written(site) == before


def test_english_messages(site: Site) -> None:
    editor = site.client("nhaplieu")
    before = written(site)
    status, page = post_entry(
        editor, {**GOOD, "value": "abc", "source_document": "", "unit": "quả"}, "?lang=en"
    )
    assert status == 422
    assert "Not saved. Please fix:" in page
    assert "'abc' is not a number (example: 1,234.5)" in field_message(page, "value")
    assert field_message(page, "source_document") == "name the source of the figure"
    assert field_message(page, "unit") == "unknown unit 'quả'"
    assert summary(page)["value"][0] == "Value"
    assert kept(page, "value", "abc")
    assert written(site) == before
    # The choice sticks to the session: the next page is English too.
    assert "<h1>Enter figures</h1>" in editor.get(ENTRY).text
    assert "<h1>Nhập số liệu</h1>" in editor.get(ENTRY + "?lang=vi").text


def test_good_entry_after_errors_is_not_needed_to_retype(fresh_site: Site) -> None:
    """The kept values are the real ones: correcting one field and resending works."""
    editor = fresh_site.client("nhaplieu")
    status, page = post_entry(editor, {**GOOD, "value": "3,2,1"})
    assert status == 422
    fixed = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<input id="f-([a-z_]+)" name="[a-z_]+" value="([^"]*)"', page
        )
    }
    assert fixed["source_document"] == GOOD["source_document"]
    status, _ = post_entry(editor, {**GOOD, **fixed, "value": "3,21"})
    assert status == 303
    [waiting] = fresh_site.store.awaiting_review()
    [obs] = [
        o
        for o in fresh_site.store.observations("urban-unemployment")
        if o.id == waiting.observation_id
    ]
    assert str(obs.value) == "3.21"
    assert obs.source.document == GOOD["source_document"]


# -- CSV upload ------------------------------------------------------------------------


def upload(client: TestClient, name: str, content: bytes, query: str = "") -> tuple[int, str]:
    token = csrf_of(client, ENTRY)
    response = client.post(
        UPLOAD + query,
        data={"csrf_token": token},
        files={"file": (name, content, "text/csv")},
        follow_redirects=False,
    )
    return response.status_code, response.text


def test_bad_csv_names_file_line_and_column(site: Site, editor: TestClient) -> None:
    csrf_of(editor, ENTRY)
    before = written(site)
    text = (
        CSV_HEADER
        + "urban-unemployment,haiphong,2021,3.7,%,estimate,exact,Báo cáo A\n"
        + "urban-unemployment,haiphong,2022,ba phẩy sáu,%,estimate,exact,Báo cáo A\n"
    )
    status, page = upload(editor, "thatnghiep.csv", text.encode())
    assert status == 422
    message = field_message(page, "file")
    # The file as the user named it, not where the server happened to keep a copy.
    assert message.startswith("thatnghiep.csv: "), message
    # One line per problem, in the interface's language, located by line and column.
    assert "\nDòng 3, cột value: «ba phẩy sáu» không phải là số" in message, message
    assert written(site) == before  # the good first row is not written either


def test_csv_with_unknown_column_and_unit(site: Site, editor: TestClient) -> None:
    before = written(site)
    text = (
        "indicator,area,year,value,unit,status,source_document\n"
        "urban-unemployment,haiphong,2021,3.7,%,estimate,Báo cáo A\n"
    )
    status, page = upload(editor, "cot.csv", text.encode())
    assert status == 422
    message = field_message(page, "file")
    assert message.startswith("cot.csv: "), message
    assert "\nDòng 1, cột year: Không có cột «year» trong định dạng" in message
    assert "\nDòng 1, cột period: Thiếu cột «period»." in message
    text = CSV_HEADER + "urban-unemployment,haiphong,2021,3.7,quả,estimate,exact,Báo cáo A\n"
    status, page = upload(editor, "donvi.csv", text.encode())
    assert status == 422
    assert "\nDòng 2, cột unit: Không biết đơn vị «quả»." in field_message(page, "file")
    assert written(site) == before


def test_csv_not_utf8(site: Site, editor: TestClient) -> None:
    english = site.client("nhaplieu")  # logging in writes to the audit log
    before = written(site)
    # Saved by a Windows program in its ANSI code page: "á" is one byte, not UTF-8.
    text = CSV_HEADER + "urban-unemployment,haiphong,2021,3.7,%,estimate,exact,Báo cáo\n"
    status, page = upload(editor, "cp1252.csv", text.encode("cp1252"))
    assert status == 422
    message = field_message(page, "file")
    assert message.startswith("cp1252.csv"), message  # the user's file, no server path
    assert "UTF-8" in message
    status, page = upload(english, "cp1252.csv", text.encode("cp1252"), "?lang=en")
    assert status == 422
    assert field_message(page, "file").startswith("cp1252.csv")
    assert "UTF-8" in field_message(page, "file")
    assert written(site) == before


def test_csv_missing_file(site: Site, editor: TestClient) -> None:
    token = csrf_of(editor, ENTRY)
    response = editor.post(UPLOAD, data={"csrf_token": token})
    assert response.status_code == 422
    assert field_message(response.text, "file").startswith("chọn một tệp")
    status, page = upload(editor, "so-lieu.txt", b"2024 3,1")
    assert status == 422
    assert field_message(page, "file").startswith("so-lieu.txt: cần tệp .xlsx, .csv")


def test_oversized_csv_is_refused_with_413(site: Site) -> None:
    client = TestClient(site.make_app(max_upload_bytes=100))
    login(client, "nhaplieu")
    before = written(site)
    text = CSV_HEADER + "urban-unemployment,haiphong,2021,3.7,%,estimate,exact,Báo cáo A\n"
    assert len(text.encode()) > 100
    status, page = upload(client, "lon.csv", text.encode())
    assert status == 413
    message = field_message(page, "file")
    assert message == "lon.csv: tệp lớn hơn 100 byte"
    # The limit is 100 bytes: a message saying "over 0 KB" misleads the user.
    assert not re.search(r"\b0 KB\b", message), message
    assert written(site) == before


def test_good_csv_submits_every_row(fresh_site: Site) -> None:
    editor = fresh_site.client("nhaplieu")
    text = (
        CSV_HEADER
        + "urban-unemployment,haiphong,2021,3.7,%,estimate,exact,Báo cáo A\n"
        + "urban-unemployment,haiphong,2022,3.6,%,preliminary,exact,Báo cáo A\n"
        + "grdp-growth,haiphong,2023,10.1,%,preliminary,approx,Báo cáo B\n"
    )
    status, _ = upload(editor, "tot.csv", ("\ufeff" + text).encode())
    assert status == 303
    queue = fresh_site.store.awaiting_review()
    assert len(queue) == 3
    assert {r.actor for r in queue} == {"nhaplieu"}
    page = editor.get(f"{ENTRY}?ok=3")
    assert "Đã gửi 3 số liệu chờ duyệt." in page.text
    review = fresh_site.client("duyet1").get("/review").text
    for value in ("3,7%", "3,6%", "10,1%"):
        assert value in review

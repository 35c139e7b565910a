"""The reading tools in the browser's HTML: draft targets beside the text, saving a
reviewed draft as a resolution, and the report's claims highlighted by verdict."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response

from tests.web.conftest import Site, csrf_of

SOURCE = "sources/000_4ef7886d0b8bf600.txt"


def _post(client: TestClient, path: str, **data: str) -> Response:
    token = csrf_of(client, "/tools/extract")  # one token per session, from a page with a form
    return client.post(path, data={**data, "csrf_token": token})


def test_extract_shows_the_twenty_targets_beside_the_text(site: Site, shared_dir: Path) -> None:
    client = site.client("xem")
    text = (shared_dir / SOURCE).read_text(encoding="utf-8")
    page = _post(client, "/tools/extract", text=text)
    assert page.status_code == 200
    assert "Tìm thấy 20 chỉ tiêu, 37 điều kiện" in page.text
    assert len(re.findall(r'<mark class="mark-clause" id="c-', page.text)) == 37
    assert len(re.findall(r"<tr data-clause=", page.text)) == 37
    assert "format: chitieu/resolution@1" in html.unescape(page.text)
    assert "Lưu thành nghị quyết" not in page.text  # only administrators save


def test_admin_saves_a_reviewed_draft_and_errors_name_the_line(fresh_site: Site) -> None:
    client = fresh_site.client("quantri")
    excerpt = (
        "2- Các chỉ tiêu chủ yếu\n"
        "(1) Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021-2025 đạt 8%/năm.\n"
        "(2) Tỷ lệ thất nghiệp khu vực thành thị dưới 3%.\n"
    )
    page = _post(client, "/tools/extract", text=excerpt)
    assert page.status_code == 200
    draft = html.unescape(
        re.search(r'<textarea name="yaml"[^>]*>(.*?)</textarea>', page.text, re.S).group(1)
    )  # type: ignore[union-attr]
    broken = draft.replace("format: chitieu/resolution@1", "format: chitieu/resolution@9")
    refused = _post(client, "/tools/extract/save", yaml=broken)
    assert refused.status_code == 422
    assert re.search(r"draft\.yaml:\d+", refused.text)
    before = set(fresh_site.store.resolution_ids())
    saved = _post(client, "/tools/extract/save", yaml=draft)
    assert saved.status_code == 200, saved.text[:2000]
    added = set(fresh_site.store.resolution_ids()) - before
    assert len(added) == 1
    resolution = fresh_site.store.get_resolution(added.pop())
    assert len(resolution.targets) == 2


def test_only_administrators_save_drafts(site: Site) -> None:
    client = site.client("duyet1")
    response = _post(client, "/tools/extract/save", yaml="format: chitieu/resolution@1\n")
    assert response.status_code == 403


def test_claims_are_highlighted_by_verdict(site: Site, shared_dir: Path) -> None:
    client = site.client("xem")
    text = (shared_dir / SOURCE).read_text(encoding="utf-8")
    page = _post(client, "/tools/claims", text=text)
    assert page.status_code == 200
    marks = re.findall(r'<mark class="mark-(consistent|inconsistent|unverifiable)" id=', page.text)
    # `chitieu claims` on the same report: 48 consistent, 4 inconsistent, 49 unverifiable.
    assert marks.count("inconsistent") == 4
    assert marks.count("consistent") == 48
    assert marks.count("unverifiable") == 49
    listed = re.search(r'<ul id="inconsistent">(.*?)</ul>', page.text, re.S)
    assert listed is not None
    assert "21,75%/năm" in html.unescape(listed.group(1))


def test_empty_or_wrong_input_is_refused_with_a_message(site: Site) -> None:
    client = site.client("xem")
    empty = _post(client, "/tools/claims", text="   ")
    assert empty.status_code == 422
    assert "dán văn bản hoặc chọn tệp" in empty.text
    token = csrf_of(client, "/tools/extract")
    wrong = client.post(
        "/tools/extract",
        data={"csrf_token": token},
        files={"file": ("nghi-quyet.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert wrong.status_code == 422
    assert "nghi-quyet.pdf" in wrong.text
    none = _post(client, "/tools/extract", text="Không có chỉ tiêu nào ở đây.")
    assert none.status_code == 422
    assert "không tìm thấy mục chỉ tiêu" in none.text

"""The overview's filters and their bad values: never a 500, always the same counts line."""

from __future__ import annotations

import re

from tests.web.conftest import XVI, Site


def rows(page: str) -> list[str]:
    return re.findall(r'<tr class="target-row" data-target="([^"]+)"', page)


def counts(page: str) -> dict[str, int]:
    block = re.search(r'id="counts">(.*?)</p>', page, re.S)
    assert block is not None
    return {
        v: int(n)
        for v, n in re.findall(r'data-verdict="([a-z_]+)".*?<strong>(\d+)</strong>', block.group(1))
    }


def test_filters_narrow_the_rows_not_the_counts(site: Site) -> None:
    client = site.client("xem")
    everything = client.get(f"/r/{XVI}?as_of=2024")
    assert counts(everything.text) == {
        "on_track": 1,
        "at_risk": 2,
        "off_track": 3,
        "not_enough_data": 14,
    }
    social = client.get(f"/r/{XVI}?as_of=2024&group=xa-hoi")
    assert rows(social.text)[:5] == ["11", "12", "13", "14", "15"]
    assert counts(social.text) == counts(everything.text)
    off = client.get(f"/r/{XVI}?as_of=2024&status=off_track")
    main_rows = [r for r in rows(off.text) if r.isdigit()]
    assert len(main_rows) == 3
    health = client.get(f"/r/{XVI}?agency=so-y-te")
    assert rows(health.text) == ["III-doctors"]  # doctors per 10.000 people: Sở Y tế


def test_a_district_and_a_year_are_chosen_in_the_form(site: Site) -> None:
    client = site.client("xem")
    page = client.get(f"/r/{XVI}?area=le-chan&as_of=2023")
    assert page.status_code == 200
    assert '<option value="le-chan" selected>Quận Lê Chân</option>' in page.text
    assert '<option value="2023" selected>2023</option>' in page.text
    assert counts(page.text) == {"not_enough_data": 20}  # no district figures are loaded


def test_bad_filter_values_never_break_the_page(site: Site) -> None:
    client = site.client("xem")
    for query in ("status=xyz", "group=none", "agency=<script>", "area=../../etc"):
        page = client.get(f"/r/{XVI}?{query}")
        assert page.status_code == 200, query
        assert "<script>" not in page.text.split("<footer")[0].split("</header>")[1]
    for query in ("as_of=abc", "as_of=99999", "as_of=1800"):
        page = client.get(f"/r/{XVI}?{query}")
        assert page.status_code == 422, query
        assert "Yêu cầu không hợp lệ" in page.text
    assert client.get("/r/khong-co").status_code == 404
    assert client.get(f"/r/{XVI}/t/999").status_code == 404


def test_the_language_switch_keeps_the_filters(site: Site) -> None:
    client = site.client("xem")
    page = client.get(f"/r/{XVI}?group=xa-hoi&as_of=2024")
    switch = re.search(r'<a href="([^"]*)" hreflang="en"', page.text)
    assert switch is not None
    target = switch.group(1).replace("&amp;", "&")
    assert target == f"/r/{XVI}?group=xa-hoi&as_of=2024&lang=en"
    english = client.get(target)
    assert 'hreflang="vi"' in english.text
    assert "Society" in english.text

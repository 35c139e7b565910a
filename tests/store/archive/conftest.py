"""What the archive tests share: a populated store, its archive (made once for the whole
package), and tools to look into an archive or alter a copy of it.

The store is filled the way the application fills it (the Hải Phòng dataset, figures
submitted, approved, returned, reopened, corrected; users, tokens, task updates, audit
rows) plus values chosen to break a careless encoding (decimal scale and exponents,
microseconds, Vietnamese text, quotes and newlines, NULLs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu import services
from chitieu.core.access import Principal, Role
from chitieu.core.model import Citation
from chitieu.core.observations import Observation, Qualifier, Status
from chitieu.core.periods import Basis, BasisKind
from chitieu.services import accounts
from chitieu.store import Store
from chitieu.store import archive as arc
from chitieu.store.records import Justification
from chitieu.store.review import ReviewAction, obs_key

XVI = "haiphong-xvi-2020-2025"
PASSWORD = "Mat-khau-sao-luu-2025!"
SECRET = "bi-mat-phien-khong-duoc-sao-luu"
EDITOR = Principal("nhap.lieu", Role.EDITOR, frozenset({"cuc-thong-ke"}))
REVIEWER = Principal("duyet.mot", Role.REVIEWER)


def figure(indicator: str, year: int, value: str, unit: str, **extra: object) -> Observation:
    return Observation(
        indicator=indicator,
        area="haiphong",
        period=(year, year),
        value=Decimal(value),
        unit=unit,
        status=Status(str(extra.get("status", "estimate"))),
        qualifier=Qualifier(str(extra.get("qualifier", "exact"))),
        source=Citation(
            document=str(extra.get("document", "Báo cáo KT-XH")),
            line=extra.get("line"),  # type: ignore[arg-type]
            quote=str(extra.get("quote", "")),
        ),
        note=str(extra.get("note", "")),
    )


def populate(store: Store, *, sub_annual: bool = True) -> dict[str, object]:
    """Every table gets rows; returns what the tests check after a restore.

    ``sub_annual`` adds figures for parts of a year and on other bases (schema revision
    0004); without them the store holds what an older chitieu could have archived.
    """
    services.load_dataset(store, XVI)
    accounts.create_user(
        store, "duyet.mot", PASSWORD, Role.REVIEWER, display_name="Người duyệt", actor="test"
    )
    accounts.create_user(
        store,
        "nhap.lieu",
        PASSWORD,
        Role.EDITOR,
        display_name="Nhập liệu \"Cục\" 'Thống kê'",
        agencies=["cuc-thong-ke"],
        actor="test",
    )
    token = accounts.new_token(store, "nhap.lieu", "máy chủ báo cáo", actor="test")
    store.setting_or_create("session_secret", SECRET)
    store.setting_or_create("ui_banner", "Bản thử nghiệm – số liệu chưa chính thức")

    odd = [
        figure("urban-unemployment", 2021, "3.20", "%", note="giữ số 0 cuối: 3,20"),
        figure("urban-unemployment", 2022, "1E+1", "%", qualifier="approx", line=None),
        figure(
            "urban-unemployment",
            2023,
            "-0.000",
            "%",
            quote='dòng 1\ndòng 2\t"trích" \\ 😀',
            note="Tiếng Việt: ộ ữ ỹ Ự",
            line=42,
        ),
    ]
    first = store.submit_figures(odd, actor=EDITOR.username, reason="nhập lần đầu")
    approved, returned, reopened = first.observation_ids
    store.review_figure(approved, ReviewAction.APPROVE, reviewer=REVIEWER, comment="")
    store.review_figure(returned, ReviewAction.RETURN, reviewer=REVIEWER, comment="thiếu nguồn")
    store.review_figure(reopened, ReviewAction.APPROVE, reviewer=REVIEWER)
    store.review_figure(reopened, ReviewAction.REOPEN, reviewer=REVIEWER, comment="sai đơn vị")
    corrected = figure("urban-unemployment", 2023, "3.1", "%", note="sửa lại")
    # The correction supersedes the reopened proposal (schema revision 0005) and carries
    # the justification the plausibility rules asked for.
    why = Justification("Cục Thống kê xác nhận; «trích dẫn» \\ 😀", ("growth_history", "period"))
    store.submit_figures(
        [corrected],
        actor=EDITOR.username,
        reason="sửa sai đơn vị",
        justifications={obs_key(corrected): why},
    )
    # Withdrawals (a review step, never a deletion) arrived with schema revision 0003.
    withdraw = getattr(store, "withdraw_figure", None)
    if withdraw is not None:
        mistake = store.submit_figures(
            [figure("urban-unemployment", 2015, "9.9", "%")], actor=EDITOR.username
        )
        withdraw(mistake.observation_ids[0], by=REVIEWER, reason="nhập nhầm năm")
    if sub_annual:
        nine = figure("urban-unemployment", 2024, "3.05", "%", note="9 tháng")
        change = figure("urban-unemployment", 2024, "-0.40", "%", note="so với cùng kỳ")
        store.add_observations(
            [
                replace(nine, part="9M"),
                replace(change, part="9M", basis=Basis(BasisKind.SAME_PERIOD)),
                replace(nine, part="M01", value=Decimal("3.2")),
                replace(change, basis=Basis(BasisKind.YEAR, 2015)),
            ],
            dataset="sub-annual",
        )
    store.add_task_update(
        XVI,
        "1",
        reported_on=dt.date(2024, 6, 30),
        text="Hoàn thành 60% khối lượng",
        actor=EDITOR.username,
        percent=60,
        evidence="https://haiphong.gov.vn/tien-do",
    )
    store.add_task_update(
        XVI, "2", reported_on=dt.date(2024, 12, 31), text="Đang triển khai", actor="test"
    )
    store.record_event("test", "login", "user", "nhap.lieu", after={"ip": "127.0.0.1"})
    return {"token": token, "approved": approved}


def payloads(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != arc.MANIFEST}


def manifest_of(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as z:
        data = json.loads(z.read(arc.MANIFEST))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Callable[[str], str]:
    def make(name: str) -> str:
        return f"sqlite:///{tmp_path / name}.sqlite3"

    return make


def fresh(url: str) -> Store:
    store = Store.open(url)
    store.init()
    return store


@pytest.fixture(scope="package")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """One populated SQLite store's archive, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("good")
    with fresh(f"sqlite:///{folder / 'source.sqlite3'}") as source:
        facts = populate(source)
        arc.dump_to_file(source.engine, folder / "good.zip")
    return folder / "good.zip", facts


@pytest.fixture
def good_archive(good: tuple[Path, dict[str, object]]) -> Path:
    return good[0]


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0
            for t in arc.archived_tables()
        }


def rewrite(
    source: Path,
    target: Path,
    *,
    table: str | None = None,
    change: Callable[[bytes], bytes] = lambda b: b,
    manifest: Callable[[dict[str, object]], None] = lambda m: None,
    fix_checksum: bool = True,
) -> Path:
    """A copy of an archive with one table's payload and/or the manifest changed."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members.pop(arc.MANIFEST))
    if table is not None:
        name = f"tables/{table}.jsonl"
        members[name] = change(members[name])
        if fix_checksum:
            for entry in data["tables"]:
                if entry["name"] == table:
                    entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
                    entry["rows"] = members[name].count(b"\n")
    manifest(data)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
        z.writestr(arc.MANIFEST, json.dumps(data))
    return target

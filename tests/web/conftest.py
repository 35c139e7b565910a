"""Fixtures for the web tests: a loaded Hải Phòng store on SQLite and PostgreSQL, one user
per role, and logged-in clients.

Read-only tests share one loaded database per module (``site``); tests that write get a
fresh one (``fresh_site``). Both run against every backend of ``tests/store/conftest.py``.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chitieu.core.access import Role
from chitieu.services import accounts, load_dataset
from chitieu.store import Store
from chitieu.web.app import create_app
from chitieu.web.config import WebSettings
from tests.store.conftest import BACKENDS, _fresh_postgres_database, drop_database

XVI = "haiphong-xvi-2020-2025"
PASSWORD = "Mat-khau-2025!"
# username → (role, agencies). The editor reports the urban unemployment rate (target 11).
USERS = {
    "quantri": (Role.ADMIN, ()),
    "duyet1": (Role.REVIEWER, ()),
    "duyet2": (Role.REVIEWER, ()),
    "nhaplieu": (Role.EDITOR, ("cuc-thong-ke",)),
    "nhapkhac": (Role.EDITOR, ("so-y-te",)),
    "xem": (Role.VIEWER, ()),
}
ROLE_USER = {
    "admin": "quantri",
    "reviewer": "duyet1",
    "editor": "nhaplieu",
    "viewer": "xem",
}


def _loaded_store(url: str) -> Store:
    store = Store.open(url)
    store.init()
    load_dataset(store, "haiphong-xv-2015-2020")
    load_dataset(store, XVI)
    for name, (role, agencies) in USERS.items():
        accounts.create_user(store, name, PASSWORD, role, agencies=agencies, actor="test")
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """One loaded database per backend and session; sites are copies of it.

    Loading both datasets and hashing six passwords takes seconds; copying a SQLite file
    or creating a PostgreSQL database from a template takes milliseconds.
    """
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("web-template") / "template.sqlite3"
        _loaded_store(f"sqlite:///{path}").close()
        yield "sqlite", str(path)
        return
    for url in _fresh_postgres_database():
        _loaded_store(url).close()
        yield "postgresql", url


def _copy(template: tuple[str, str], tmp: Path) -> Iterator[str]:
    kind, where = template
    if kind == "sqlite":
        target = tmp / f"web-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(where, target)
        yield f"sqlite:///{target}"
        return
    source = sa.make_url(where)
    name = f"chitieu_web_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"')
        yield source.set(database=name).render_as_string(hide_password=False)
        drop_database(admin, name)
    finally:
        admin.dispose()


@dataclass
class Site:
    store: Store
    app: FastAPI
    make_app: Callable[..., FastAPI]

    def client(self, user: str | None = None) -> TestClient:
        client = TestClient(self.app)
        if user is not None:
            login(client, user)
        return client


def login(client: TestClient, user: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/login",
        data={
            "username": user,
            "password": password,
            "csrf_token": csrf_of(client, "/login"),
            "next": "/",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:500]


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, f"no CSRF token on {path} ({page.status_code})"
    return match.group(1)


def _site(store: Store) -> Site:
    def make_app(**options: object) -> FastAPI:
        return create_app(WebSettings(**options), store)  # type: ignore[arg-type]

    return Site(store, make_app(), make_app)


@pytest.fixture(scope="module")
def site(template: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A loaded installation shared by the read-only tests of a module."""
    for url in _copy(template, tmp_path_factory.mktemp("web")):
        store = Store.open(url)
        try:
            yield _site(store)
        finally:
            store.close()


@pytest.fixture
def fresh_site(template: tuple[str, str], tmp_path: Path) -> Iterator[Site]:
    """A loaded installation of its own, for tests that write."""
    for url in _copy(template, tmp_path):
        store = Store.open(url)
        try:
            yield _site(store)
        finally:
            store.close()

"""The store as one object: opened from the environment or a URL, on SQLite or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.settings import DATABASE_URL_ENV, Settings, default_database_url
from chitieu.store import Store
from chitieu.store.db import normalize_url


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    default = Settings.from_env()
    assert default.database_url == default_database_url()
    assert default.database_url.startswith("sqlite:///")
    assert default.database_url.endswith("/chitieu/chitieu.sqlite3")
    assert Settings.from_env({DATABASE_URL_ENV: "postgresql://h/db"}).database_url == (
        "postgresql://h/db"
    )


def test_open_uses_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "data" / "chitieu.sqlite3"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    assert not path.parent.exists()
    with Store.open() as store:
        store.init()
        assert store.resolution_ids() == []
        assert store.dialect == "sqlite"
    assert path.is_file()


@pytest.mark.parametrize(
    "url",
    ["postgresql://u:p@h:5433/db", "postgres://u:p@h:5433/db", "postgresql+psycopg2://u:p@h/db"],
)
def test_postgres_urls_use_psycopg3(url: str) -> None:
    assert normalize_url(url).drivername == "postgresql+psycopg"

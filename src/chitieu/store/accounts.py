"""Users, their agencies, API tokens, agencies and installation settings.

Passwords arrive already hashed (argon2, by :mod:`chitieu.services.accounts`); tokens
arrive as their SHA-256. The store never sees a secret in clear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chitieu.core.access import Principal, Role
from chitieu.core.agencies import Agency, AgencyKind
from chitieu.core.model import Text
from chitieu.store.errors import ConflictError, NotFoundError, StoreError
from chitieu.store.mixin import StoreMixin, audit, now
from chitieu.store.tables import (
    AgencyRow,
    ApiTokenRow,
    AppSettingRow,
    DocumentRow,
    IndicatorAgencyRow,
    IndicatorRow,
    ResolutionRow,
    UserAgencyRow,
    UserRow,
)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    agencies: tuple[str, ...]
    created_at: datetime
    session_version: int
    password_hash: str = ""

    @property
    def principal(self) -> Principal:
        return Principal(self.username, self.role, frozenset(self.agencies))


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    created_at: datetime
    revoked: bool


class AccountsMixin(StoreMixin):
    # -- users -----------------------------------------------------------------------

    def create_user(
        self,
        username: str,
        password_hash: str,
        role: Role,
        *,
        display_name: str = "",
        agencies: Sequence[str] = (),
        actor: str = "system",
    ) -> Account:
        with self._write() as session:
            if session.scalar(sa.select(UserRow.id).where(UserRow.username == username)):
                raise ConflictError(f"username {username!r} is taken")
            row = UserRow(
                username=username,
                display_name=display_name or username,
                password_hash=password_hash,
                role=Role(role).value,
                active=True,
                created_at=now(),
                session_version=1,
            )
            session.add(row)
            session.flush()
            self._set_agencies(session, row.id, agencies)
            audit(
                session,
                actor,
                "create",
                "user",
                username,
                after={"role": row.role, "agencies": sorted(agencies)},
            )
            return self._account(session, row)

    def update_user(
        self,
        username: str,
        *,
        actor: str,
        role: Role | None = None,
        active: bool | None = None,
        agencies: Sequence[str] | None = None,
        password_hash: str | None = None,
        display_name: str | None = None,
    ) -> Account:
        """Change a user; a new password or deactivation ends their sessions."""
        with self._write() as session:
            row = self._user_row(session, username)
            before = self._account(session, row)
            changes: dict[str, object] = {}
            if role is not None and role != before.role:
                row.role = Role(role).value
                changes["role"] = row.role
            if active is not None and active != row.active:
                row.active = active
                row.session_version += 1
                changes["active"] = active
            if display_name is not None and display_name != row.display_name:
                row.display_name = display_name
                changes["display_name"] = display_name
            if password_hash is not None:
                row.password_hash = password_hash
                row.session_version += 1
                changes["password"] = "changed"
            if agencies is not None and tuple(sorted(agencies)) != tuple(sorted(before.agencies)):
                self._set_agencies(session, row.id, agencies)
                changes["agencies"] = sorted(agencies)
            if changes:
                old = {
                    "role": before.role.value,
                    "active": before.active,
                    "display_name": before.display_name,
                    "agencies": list(before.agencies),
                }
                audit(
                    session,
                    actor,
                    "update",
                    "user",
                    username,
                    before={k: old.get(k, "") for k in changes},
                    after=changes,
                )
            session.flush()
            return self._account(session, row)

    def rehash_password(self, username: str, password_hash: str) -> None:
        """Store a stronger hash of the same password (argon2 parameters changed)."""
        with self._write() as session:
            self._user_row(session, username).password_hash = password_hash

    def end_sessions(self, username: str, *, actor: str) -> None:
        """Every session cookie of the user stops working (they are signed, not stored:
        a logout can only revoke them all, by moving the version they carry)."""
        with self._write() as session:
            self._user_row(session, username).session_version += 1
            audit(session, actor, "logout", "session", username)

    def user(self, username: str) -> Account | None:
        with self._read() as session:
            row = session.scalar(sa.select(UserRow).where(UserRow.username == username))
            return None if row is None else self._account(session, row)

    def user_by_id(self, user_id: int) -> Account | None:
        with self._read() as session:
            row = session.get(UserRow, user_id)
            return None if row is None else self._account(session, row)

    def users(self) -> list[Account]:
        with self._read() as session:
            rows = session.scalars(sa.select(UserRow).order_by(UserRow.username))
            return [self._account(session, r) for r in rows]

    @staticmethod
    def _user_row(session: Session, username: str) -> UserRow:
        row = session.scalar(sa.select(UserRow).where(UserRow.username == username))
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        return row

    @staticmethod
    def _set_agencies(session: Session, user_id: int, agencies: Sequence[str]) -> None:
        known = set(session.scalars(sa.select(AgencyRow.code)))
        unknown = sorted(set(agencies) - known)
        if unknown:
            raise StoreError(f"unknown agency {', '.join(unknown)}")
        session.execute(sa.delete(UserAgencyRow).where(UserAgencyRow.user_id == user_id))
        for code in sorted(set(agencies)):
            session.add(UserAgencyRow(user_id=user_id, agency=code))

    @staticmethod
    def _account(session: Session, row: UserRow) -> Account:
        agencies = tuple(
            session.scalars(
                sa.select(UserAgencyRow.agency)
                .where(UserAgencyRow.user_id == row.id)
                .order_by(UserAgencyRow.agency)
            )
        )
        return Account(
            id=row.id,
            username=row.username,
            display_name=row.display_name,
            role=Role(row.role),
            active=row.active,
            agencies=agencies,
            created_at=row.created_at,
            session_version=row.session_version,
            password_hash=row.password_hash,
        )

    # -- API tokens ------------------------------------------------------------------

    def add_token(self, username: str, name: str, token_hash: str, *, actor: str) -> ApiToken:
        with self._write() as session:
            user = self._user_row(session, username)
            row = ApiTokenRow(
                user_id=user.id, name=name, token_hash=token_hash, created_at=now(), revoked=False
            )
            session.add(row)
            session.flush()
            audit(session, actor, "create", "token", f"{username}:{row.id}", after={"name": name})
            return ApiToken(row.id, row.user_id, row.name, row.created_at, row.revoked)

    def revoke_token(self, token_id: int, *, actor: str) -> None:
        with self._write() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None:
                raise NotFoundError(f"no token {token_id}")
            row.revoked = True
            audit(session, actor, "revoke", "token", str(token_id))

    def tokens(self, username: str) -> list[ApiToken]:
        with self._read() as session:
            user = self._user_row(session, username)
            rows = session.scalars(
                sa.select(ApiTokenRow)
                .where(ApiTokenRow.user_id == user.id)
                .order_by(ApiTokenRow.id)
            )
            return [ApiToken(r.id, r.user_id, r.name, r.created_at, r.revoked) for r in rows]

    def user_by_token(self, token_hash: str) -> Account | None:
        with self._read() as session:
            row = session.scalar(
                sa.select(UserRow)
                .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
                .where(ApiTokenRow.token_hash == token_hash, sa.not_(ApiTokenRow.revoked))
            )
            return None if row is None else self._account(session, row)

    # -- installation settings ---------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self._read() as session:
            row = session.get(AppSettingRow, key)
            return None if row is None else row.value

    def setting_or_create(self, key: str, value: str) -> str:
        """The stored value, or ``value`` stored now: every process agrees on one.

        Two processes starting together may both find no row; the loser's insert hits
        the primary key (PostgreSQL), and it returns the winner's value instead of failing.
        """
        try:
            with self._write() as session:
                row = session.get(AppSettingRow, key)
                if row is None:
                    session.add(AppSettingRow(key=key, value=value))
                    return value
                return row.value
        except StoreError:
            stored = self.setting(key)
            if stored is None:
                raise
            return stored

    # -- agencies --------------------------------------------------------------------

    def save_agencies(
        self,
        agencies: Sequence[Agency],
        assignments: Mapping[str, str],
        *,
        actor: str = "cli",
        dry_run: bool = False,
    ) -> None:
        """Add or rename agencies and (re)assign indicators to them, in one transaction."""
        with self._write(dry_run) as session:
            self._save_agencies(session, agencies, assignments, actor)

    @staticmethod
    def _save_agencies(
        session: Session, agencies: Sequence[Agency], assignments: Mapping[str, str], actor: str
    ) -> None:
        for agency in agencies:
            row = session.get(AgencyRow, agency.code)
            if row is None:
                session.add(
                    AgencyRow(
                        code=agency.code,
                        name_vi=agency.name.vi,
                        name_en=agency.name.en,
                        kind=str(agency.kind),
                    )
                )
            else:
                row.name_vi, row.name_en, row.kind = (
                    agency.name.vi,
                    agency.name.en,
                    str(agency.kind),
                )
        session.flush()
        known_agencies = set(session.scalars(sa.select(AgencyRow.code)))
        known_indicators = set(session.scalars(sa.select(IndicatorRow.code)))
        for indicator, agency_code in sorted(assignments.items()):
            if agency_code not in known_agencies:
                raise StoreError(f"indicator {indicator!r}: unknown agency {agency_code!r}")
            if indicator not in known_indicators:
                raise StoreError(f"unknown indicator {indicator!r}")
            assigned = session.get(IndicatorAgencyRow, indicator)
            if assigned is None:
                session.add(IndicatorAgencyRow(indicator=indicator, agency=agency_code))
            elif assigned.agency != agency_code:
                audit(
                    session,
                    actor,
                    "reassign",
                    "indicator",
                    indicator,
                    before={"agency": assigned.agency},
                    after={"agency": agency_code},
                )
                assigned.agency = agency_code

    def agencies(self) -> list[Agency]:
        with self._read() as session:
            rows = session.scalars(sa.select(AgencyRow).order_by(AgencyRow.code))
            return [
                Agency(r.code, Text(r.name_vi, r.name_en), AgencyKind(r.kind or "state"))
                for r in rows
            ]

    def indicator_agencies(self) -> dict[str, str]:
        with self._read() as session:
            rows = session.execute(
                sa.select(IndicatorAgencyRow.indicator, IndicatorAgencyRow.agency)
            )
            return {row.indicator: row.agency for row in rows}

    # -- documents beside a resolution ---------------------------------------------------

    def save_document(
        self,
        resolution_id: str,
        kind: str,
        text: str,
        source_name: str,
        *,
        loaded_by: str = "cli",
        dry_run: bool = False,
    ) -> int:
        """Keep a new version of a resolution's tasks/agencies file; unchanged text: no-op."""
        with self._write(dry_run) as session:
            return self._save_document(session, resolution_id, kind, text, source_name, loaded_by)

    @staticmethod
    def _save_document(
        session: Session,
        resolution_id: str,
        kind: str,
        text: str,
        source_name: str,
        loaded_by: str,
    ) -> int:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if session.get(ResolutionRow, resolution_id) is None:
            raise NotFoundError(f"resolution {resolution_id!r} is not loaded")
        latest = session.scalar(
            sa.select(DocumentRow)
            .where(DocumentRow.resolution_id == resolution_id, DocumentRow.kind == kind)
            .order_by(DocumentRow.version.desc())
            .limit(1)
        )
        if latest is not None and latest.checksum == digest:
            return latest.version
        version = 1 if latest is None else latest.version + 1
        session.add(
            DocumentRow(
                resolution_id=resolution_id,
                kind=kind,
                version=version,
                text=text,
                checksum=digest,
                source_name=source_name,
                loaded_at=now(),
                loaded_by=loaded_by,
            )
        )
        return version

    def document(self, resolution_id: str, kind: str) -> tuple[str, str] | None:
        """The newest text of a resolution's document and its source name."""
        with self._read() as session:
            row = session.scalar(
                sa.select(DocumentRow)
                .where(DocumentRow.resolution_id == resolution_id, DocumentRow.kind == kind)
                .order_by(DocumentRow.version.desc())
                .limit(1)
            )
            return None if row is None else (row.text, row.source_name)

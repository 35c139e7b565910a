"""Accounts: argon2 password hashes, login checks, API tokens, the first administrator.

Secrets are handled here and nowhere else: the store receives only argon2 hashes of
passwords and SHA-256 digests of tokens (tokens are long random strings, so a fast hash
is enough and lets the store look them up).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from chitieu.core.access import Role
from chitieu.store import Store
from chitieu.store.accounts import Account

MIN_PASSWORD_LENGTH = 10
FIRST_ADMIN = "admin"
TOKEN_PREFIX = "ct_"

_hasher = PasswordHasher()
# Verifying against a real hash when the user does not exist keeps the answer time the
# same for known and unknown usernames.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class PasswordPolicyError(ValueError):
    """The password is too weak; the message says why."""


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    password: str


def check_password_policy(password: str, username: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(
            f"mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự "
            f"(password needs at least {MIN_PASSWORD_LENGTH} characters)"
        )
    if username and username.lower() in password.lower():
        raise PasswordPolicyError(
            "mật khẩu không được chứa tên đăng nhập (password must not contain the username)"
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(store: Store, username: str, password: str) -> Account | None:
    """The active account with this password, or ``None`` (same work either way)."""
    account = store.user(username.strip())
    if account is None or not account.active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(account.password_hash, password):
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        store.rehash_password(account.username, _hasher.hash(password))
    return account


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_user(
    store: Store,
    username: str,
    password: str,
    role: Role,
    *,
    display_name: str = "",
    agencies: Sequence[str] = (),
    actor: str,
) -> Account:
    username = username.strip()
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValueError(
            f"tên đăng nhập {username!r} không hợp lệ: chỉ chữ, số, '.', '_', '-' "
            "(username: letters, digits, '.', '_', '-' only)"
        )
    check_password_policy(password, username)
    return store.create_user(
        username,
        hash_password(password),
        Role(role),
        display_name=display_name,
        agencies=agencies,
        actor=actor,
    )


def set_password(store: Store, username: str, password: str, *, actor: str) -> Account:
    check_password_policy(password, username)
    return store.update_user(username, actor=actor, password_hash=hash_password(password))


def ensure_first_admin(store: Store) -> FirstAdmin | None:
    """Create the administrator on an installation without users, with a generated
    password that is returned exactly once (never a fixed default)."""
    if store.users():
        return None
    password = secrets.token_urlsafe(12)
    create_user(
        store,
        FIRST_ADMIN,
        password,
        Role.ADMIN,
        display_name="Quản trị hệ thống",
        actor="system",
    )
    return FirstAdmin(FIRST_ADMIN, password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(store: Store, username: str, name: str, *, actor: str) -> str:
    """A new API token for ``username``; shown once, only its digest is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.add_token(username, name or "api", token_digest(token), actor=actor)
    return token


def account_for_token(store: Store, token: str) -> Account | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    account = store.user_by_token(token_digest(token))
    if account is None or not account.active:
        return None
    return account

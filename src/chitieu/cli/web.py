"""``chitieu serve`` and ``chitieu users``: the web application and its accounts."""

from __future__ import annotations

import sys

import click

from chitieu.core.access import Role
from chitieu.services import accounts

from .common import handles_errors, ready_store


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public-read/--no-public-read",
    default=None,
    help="Let anonymous visitors read the overview and target pages (CHITIEU_PUBLIC_READ).",
)
@click.pass_context
@handles_errors
def serve(ctx: click.Context, host: str, port: int, public_read: bool | None) -> None:
    """Chạy ứng dụng web (serve the web application and the API).

    On an installation without users, creates the administrator 'admin' with a generated
    password and prints it once.
    """
    import dataclasses

    import uvicorn

    from chitieu.web.app import create_app
    from chitieu.web.config import WebSettings

    store = ready_store(ctx)
    first = accounts.ensure_first_admin(store)
    if first is not None:
        click.echo(
            "Tài khoản quản trị đầu tiên (first administrator, shown once):\n"
            f"  tên đăng nhập (username): {first.username}\n"
            f"  mật khẩu (password):      {first.password}\n"
            "Hãy đổi mật khẩu sau khi đăng nhập (change it after logging in)."
        )
    settings = WebSettings.from_env()
    if public_read is not None:
        settings = dataclasses.replace(settings, public_read=public_read)
    url = ctx.obj.get("database_url") if ctx.obj else None
    if url:
        settings = dataclasses.replace(settings, database_url=url)
    app = create_app(settings, store)
    click.echo(f"chitieu: http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def users() -> None:
    """Quản lý người dùng (manage user accounts)."""


@users.command("list")
@click.pass_context
@handles_errors
def list_users(ctx: click.Context) -> None:
    """Liệt kê người dùng (list users)."""
    store = ready_store(ctx)
    for u in store.users():
        state = "" if u.active else "  (locked)"
        agencies = ",".join(u.agencies) or "-"
        click.echo(f"{u.username}\t{u.role.value}\t{agencies}{state}")


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--agency", "agencies", multiple=True, help="Agency code (editors), repeatable.")
@click.option("--name", "display_name", default="", help="Display name.")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (scripts)."
)
@click.pass_context
@handles_errors
def add_user(
    ctx: click.Context,
    username: str,
    role: str,
    agencies: tuple[str, ...],
    display_name: str,
    password_stdin: bool,
) -> None:
    """Tạo người dùng (create a user)."""
    store = ready_store(ctx)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Mật khẩu (password)", hide_input=True, confirmation_prompt=True)
    account = accounts.create_user(
        store,
        username,
        password,
        Role(role),
        display_name=display_name,
        agencies=agencies,
        actor="cli",
    )
    click.echo(f"Đã tạo (created): {account.username} ({account.role.value})")


@users.command("password")
@click.argument("username")
@click.option(
    "--password-stdin", is_flag=True, help="Read the new password from standard input (scripts)."
)
@click.pass_context
@handles_errors
def password(ctx: click.Context, username: str, password_stdin: bool) -> None:
    """Đặt lại mật khẩu (reset a password, e.g. a lost administrator password)."""
    store = ready_store(ctx)
    if store.user(username) is None:
        raise KeyError(f"không có người dùng '{username}' (no such user)")
    if password_stdin:
        new = sys.stdin.readline().rstrip("\n")
    else:
        new = click.prompt("Mật khẩu mới (new password)", hide_input=True, confirmation_prompt=True)
    accounts.set_password(store, username, new, actor="cli")
    click.echo(
        f"Đã đặt lại mật khẩu cho {username}; các phiên đăng nhập cũ đã kết thúc "
        "(password reset; existing sessions ended)."
    )


@users.command("token")
@click.argument("username")
@click.option("--name", default="api", show_default=True)
@click.pass_context
@handles_errors
def token(ctx: click.Context, username: str, name: str) -> None:
    """Tạo mã truy cập API, in ra một lần (create an API token, printed once)."""
    store = ready_store(ctx)
    click.echo(accounts.new_token(store, username, name, actor="cli"))


COMMANDS: list[click.Command] = [serve, users]

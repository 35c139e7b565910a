"""``chitieu review``: the approval queue from the command line (list, approve, return,
reopen, withdraw), acting as a named user so that the four-eyes rule, the rules of who may
withdraw what, and the audit log hold."""

from __future__ import annotations

import click

from chitieu.core.access import Action, allowed
from chitieu.core.explain import qty
from chitieu.services import figures as figure_service
from chitieu.store import Store
from chitieu.store.accounts import Account
from chitieu.store.review import ReviewAction

from .common import handles_errors, lang_option, ready_store

as_option = click.option(
    "--as",
    "username",
    required=True,
    help="The reviewer acting (a user with the reviewer or admin role).",
)


def _reviewer(store: Store, username: str) -> Account:
    account = store.user(username)
    if account is None or not account.active:
        raise KeyError(f"không có người dùng '{username}' đang hoạt động (no active user)")
    if not allowed(account.principal, Action.REVIEW_FIGURE):
        raise ValueError(
            f"'{username}' ({account.role.value}) không có quyền duyệt (may not review figures)"
        )
    return account


@click.group()
def review() -> None:
    """Duyệt số liệu chờ duyệt (review submitted figures)."""


@review.command("list")
@lang_option
@click.pass_context
@handles_errors
def list_queue(ctx: click.Context, lang: str) -> None:
    """Số liệu chờ duyệt, cũ nhất trước (the queue, oldest first)."""
    store = ready_store(ctx)
    queue = figure_service.review_queue(store)
    if not queue:
        click.echo("Không có số liệu chờ duyệt." if lang == "vi" else "Nothing waiting for review.")
        return
    # One tab-separated line per figure (id first): easy to read, grep and script.
    for r, obs in queue:
        click.echo(
            f"{obs.id}\t{obs.indicator}\t{obs.area}\t{obs.period_label()}\t"
            f"{qty(obs.value, obs.unit, lang)}\t{obs.status.label.get(lang)}\t"
            f"{r.actor}\t{obs.source.label(lang)}"
        )


def _act(
    ctx: click.Context, action: ReviewAction, ids: tuple[int, ...], who: str, comment: str
) -> None:
    store = ready_store(ctx)
    account = _reviewer(store, who)
    for observation_id in ids:
        if action is ReviewAction.APPROVE:
            done = figure_service.approve(store, observation_id, account.principal, comment)
        else:
            done = store.review_figure(
                observation_id, action, reviewer=account.principal, comment=comment
            )
        click.echo(f"{observation_id}: {done.state.value}")


@review.command()
@click.argument("ids", nargs=-1, type=int, required=True)
@as_option
@click.option("--comment", default="")
@click.pass_context
@handles_errors
def approve(ctx: click.Context, ids: tuple[int, ...], username: str, comment: str) -> None:
    """Duyệt (approve): the figures count in evaluations from now on."""
    _act(ctx, ReviewAction.APPROVE, ids, username, comment)


@review.command("return")
@click.argument("ids", nargs=-1, type=int, required=True)
@as_option
@click.option("--comment", required=True, help="Why it is returned (required).")
@click.pass_context
@handles_errors
def return_(ctx: click.Context, ids: tuple[int, ...], username: str, comment: str) -> None:
    """Trả lại (return to the agency with a comment)."""
    _act(ctx, ReviewAction.RETURN, ids, username, comment)


@review.command()
@click.argument("ids", nargs=-1, type=int, required=True)
@as_option
@click.option("--comment", required=True, help="Why it is reopened (required).")
@click.pass_context
@handles_errors
def reopen(ctx: click.Context, ids: tuple[int, ...], username: str, comment: str) -> None:
    """Mở khóa số liệu đã duyệt (reopen an approved figure for correction)."""
    _act(ctx, ReviewAction.REOPEN, ids, username, comment)


@review.command()
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option(
    "--as",
    "username",
    required=True,
    help="Who withdraws: a reviewer or admin (any figure), or the editor who submitted it "
    "(while it waits for review or was returned).",
)
@click.option("--reason", required=True, help="Why it is withdrawn (required, audited).")
@click.pass_context
@handles_errors
def withdraw(ctx: click.Context, ids: tuple[int, ...], username: str, reason: str) -> None:
    """Rút số liệu (withdraw): kept and marked, no longer counted in evaluations."""
    store = ready_store(ctx)
    account = store.user(username)
    if account is None or not account.active:
        raise KeyError(f"không có người dùng '{username}' đang hoạt động (no active user)")
    if not reason.strip():
        raise ValueError("cần ghi lý do rút số liệu (--reason must not be empty)")
    for observation_id in ids:
        done = figure_service.withdraw(store, observation_id, account.principal, reason)
        click.echo(f"{observation_id}: {done.state.value}")


COMMANDS: list[click.Command] = [review]

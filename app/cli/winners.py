"""`pleinmunt draw` (the weekly draw from cron) and `pleinmunt export` (the winners file)."""

from pathlib import Path

import click

from app.cli import database
from app.db import read_session
from app.domain.actors import SYSTEM_CLI
from app.domain.weeks import week_or_this
from app.files import write_private
from app.i18n import gettext_for
from app.models.types import utcnow
from app.services.boards import get_board
from app.services.winners import exports
from app.services.winners.reading import list_winners
from app.services.winners.scheduler import DrawAttempt, draw_missing


@click.command(help="Draw the week's winner of every board (or one) that has none yet.")
@click.option("--board", default=None, help="only this board (its slug)")
@click.option("--week", default=None, help="ISO week, e.g. 2026-W48 (default: this week)")
def draw(board: str | None, week: str | None) -> None:
    with database() as (settings, engine):
        week = week_or_this(week, now=utcnow(), tz=settings.tz)
        attempts = draw_missing(engine, week=week, by=SYSTEM_CLI, board=board)
    if not attempts:
        click.echo("There are no boards yet; nothing to draw.")
    for attempt in attempts:
        click.echo(_describe(attempt))


def _describe(attempt: DrawAttempt) -> str:
    # Children by id only: this output ends up in cron mails and logs.
    where = f"{attempt.board} {attempt.week}"
    if attempt.outcome == "drawn":
        return (
            f"{where}: drawn (draw {attempt.draw_id}): child {attempt.child_id} wins "
            f"with {attempt.coins} coin(s)"
        )
    if attempt.outcome == "already_drawn":
        which = f" (draw {attempt.draw_id})" if attempt.draw_id else ""
        return f"{where}: already drawn{which}, left as it is"
    return f"{where}: not drawn: {attempt.detail}"


@click.command(help="Write the weekly winners to a CSV or xlsx file (by its extension).")
@click.argument("output", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--from", "from_week", default=None, help="first week, e.g. 2026-W40")
@click.option("--to", "to_week", default=None, help="last week, e.g. 2026-W48")
@click.option("--board", default=None, help="only this board (its slug)")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="header language")
def export(
    output: Path, from_week: str | None, to_week: str | None, board: str | None, lang: str | None
) -> None:
    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise click.UsageError("OUTPUT must end in .csv or .xlsx")
    with database() as (settings, engine), read_session(engine) as session:
        rows = list_winners(
            session,
            from_week=from_week,
            to_week=to_week,
            board=get_board(session, board) if board else None,
        )
    gettext = gettext_for(lang or settings.language)
    write = exports.winners_xlsx if output.suffix.lower() == ".xlsx" else exports.winners_csv
    write_private(output, write(rows, gettext))
    click.echo(f"Wrote {len(rows)} winner(s) to {output}.")

"""Drawing every board that has no winner yet: from cron (`pleinmunt draw`) or automatically.

Each board is drawn in its own transaction, so one board without coins does not stop the
others. Several processes may do this at the same moment: the database's unique index lets
exactly one draw per board and week through and the others report "already drawn".
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import col, select

from app.db import read_session, write_session
from app.domain.actors import SYSTEM_SCHEDULE, Actor, SystemActor
from app.domain.draw import AlreadyDrawn, NotDrawable
from app.domain.draw_schedule import DrawAt, due_week, parse_draw_at, seconds_until_due
from app.models import Board, Draw
from app.models.types import utcnow
from app.services.boards import get_board
from app.services.events import EventSink, attach_hub
from app.services.winners.draws import current_draw, draw_winner
from app.services.winners.reveals import reveal_due
from app.settings import Settings

log = logging.getLogger("pleinmunt.draws")

CHECK_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class DrawAttempt:
    board: str
    week: str
    outcome: str  # "drawn", "already_drawn" or "not_drawable"
    draw_id: int | None = None
    child_id: int | None = None
    coins: int | None = None
    detail: str = ""


def draw_missing(
    engine: Engine,
    *,
    week: str,
    by: Actor | SystemActor,
    board: str | None = None,
    hub: EventSink | None = None,
) -> list[DrawAttempt]:
    """Draw ``week`` for every board (or one) that has no current draw yet."""
    with read_session(engine) as session:
        if board is not None:
            slugs = [get_board(session, board).slug]
        else:
            slugs = list(session.exec(select(Board.slug).order_by(col(Board.slug))).all())
    return [_draw_one(engine, slug=slug, week=week, by=by, hub=hub) for slug in slugs]


def _draw_one(
    engine: Engine, *, slug: str, week: str, by: Actor | SystemActor, hub: EventSink | None
) -> DrawAttempt:
    with write_session(engine) as session:
        attach_hub(session, hub)
        board = get_board(session, slug)
        existing = current_draw(session, board_id=board.id or 0, week=week)
        if existing is not None:
            return DrawAttempt(slug, week, "already_drawn", draw_id=existing.id)
        try:
            row = draw_winner(session, board=board, week=week, by=by)
        except AlreadyDrawn as error:
            return DrawAttempt(slug, week, "already_drawn", detail=error.detail)
        except NotDrawable as error:
            return DrawAttempt(slug, week, "not_drawable", detail=error.detail)
        coins = next(
            (c["coins"] for c in row.candidates if c["child_id"] == row.winner_child_id), None
        )
        return DrawAttempt(
            slug, week, "drawn", draw_id=row.id, child_id=row.winner_child_id, coins=coins
        )


def reveal_kept(engine: Engine, *, now: datetime, hub: EventSink | None) -> list[int]:
    """Show the winners kept for the reveal whose moment has come (draw ids, for the log)."""
    with read_session(engine) as session:
        if not session.exec(select(Draw.id).where(col(Draw.held_until) <= now)).first():
            return []  # most minutes: nothing kept, no write transaction
    with write_session(engine) as session:
        attach_hub(session, hub)
        revealed = reveal_due(session, now=now, by=SYSTEM_SCHEDULE)
    for draw_id in revealed:
        log.info("kept winner revealed: draw %s", draw_id)
    return revealed


async def run_schedule(draw_at: DrawAt, settings: Settings, engine: Engine, hub: EventSink) -> None:
    """Once per week, from the draw time on: draw the boards that have no winner yet."""
    done_week: str | None = None
    while True:
        now = utcnow()
        try:
            await asyncio.to_thread(reveal_kept, engine, now=now, hub=hub)
        except Exception:
            log.exception("revealing kept winners failed; retrying")
        week = due_week(draw_at, now, settings.tz)
        if week is not None and week != done_week:
            try:
                attempts = await asyncio.to_thread(
                    draw_missing, engine, week=week, by=SYSTEM_SCHEDULE, hub=hub
                )
            except Exception:
                # The database may be restarting; try again at the next check.
                log.exception("automatic draw for %s failed; retrying", week)
            else:
                done_week = week
                for attempt in attempts:  # ids only: children's names never go to a log
                    log.info("automatic draw %s %s: %s", attempt.board, week, attempt.outcome)
        wait = seconds_until_due(draw_at, now, settings.tz) or CHECK_SECONDS
        await asyncio.sleep(min(wait, CHECK_SECONDS))


@asynccontextmanager
async def draw_schedule(settings: Settings, engine: Engine, hub: EventSink) -> AsyncIterator[None]:
    """Run the automatic draw while the app serves, when ``PLEINMUNT_DRAW_AT`` is set."""
    if not settings.draw_at:
        yield
        return
    draw_at = parse_draw_at(settings.draw_at)
    task = asyncio.create_task(run_schedule(draw_at, settings, engine, hub), name="draw-schedule")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task

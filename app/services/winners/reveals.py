"""Winners kept for the reveal: the wall hears of them at the draw time, or when a teacher
shows one early. The kiosks play the reveal when the ``winner`` event arrives, as for a draw
shown at once (app/services/winners/draws.py)."""

from contextlib import suppress
from datetime import datetime

from sqlmodel import Session, col, select

from app.domain.actors import Actor, SystemActor
from app.domain.draw_schedule import next_draw_time, parse_draw_at
from app.domain.errors import Conflict, Invalid
from app.models import Board, Draw
from app.models.types import utcnow
from app.models.winners import RevealChoice
from app.services.audit import audit
from app.services.winners.draws import announce_winner
from app.settings import Settings


def next_reveal(settings: Settings, *, now: datetime | None = None) -> datetime | None:
    """When a winner kept now would be shown: the next automatic draw time, if one is set."""
    if not settings.draw_at:
        return None
    return next_draw_time(parse_draw_at(settings.draw_at), now or utcnow(), settings.tz)


def hold_until(settings: Settings, choice: RevealChoice) -> datetime | None:
    """The moment a new winner is kept until, for the teacher's choice (None: show it now)."""
    if choice is RevealChoice.now:
        return None
    moment = next_reveal(settings)
    if moment is None:
        raise Invalid(
            "no automatic draw time is set (PLEINMUNT_DRAW_AT), so there is no reveal to keep "
            "the winner for; show it now",
            code="no_draw_time",
        )
    return moment


def reveal_due(session: Session, *, now: datetime, by: Actor | SystemActor) -> list[int]:
    """Announce every kept winner whose moment has come, in one commit; their draw ids."""
    rows = session.exec(
        select(Draw)
        .where(col(Draw.superseded_at).is_(None), col(Draw.held_until).is_not(None))
        .where(col(Draw.held_until) <= now)
        .order_by(col(Draw.id))
    ).all()
    for row in rows:
        _reveal(session, row, by)
    session.commit()
    return [row.id or 0 for row in rows]


def reveal_now(session: Session, *, draw: Draw, by: Actor) -> Draw:
    """A teacher shows a kept winner on the wall before the draw time."""
    if draw.superseded_at is not None or draw.held_until is None:
        raise Conflict(
            f"draw {draw.id} is not kept for a reveal (shown already, or redrawn)",
            code="not_held",
        )
    _reveal(session, draw, by)
    session.commit()
    return draw


def _reveal(session: Session, row: Draw, by: Actor | SystemActor) -> None:
    board = session.get(Board, row.board_id)
    assert board is not None  # a board's draws go with it (ON DELETE CASCADE)
    row.held_until = None
    session.add(row)
    audit(session, by=by, action="winner.reveal", subject=f"draw:{row.id}", board_id=board.id)
    with suppress(Conflict):  # the winner was erased meanwhile: nothing left to show
        announce_winner(session, board=board, draw=row)

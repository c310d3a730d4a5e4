"""Drawing a board's weekly winner, and the draw history.

One current draw per board and week: the partial unique index ``uq_draw_board_week_current``
decides, so two processes (or two teachers) drawing at once end with one draw and one 409.
"""

from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.domain.actors import Actor, SystemActor
from app.domain.draw import AlreadyDrawn, DrawOutcome, Entry, WinnerPolicy, draw, new_seed
from app.domain.errors import Conflict, Invalid, NotFound
from app.domain.masking import teacher_name
from app.domain.weeks import parse_week, shift_week
from app.models import Board, Child, Draw
from app.models.types import utcnow
from app.services.audit import audit
from app.services.events import record_event
from app.services.standings import board_roster, week_coins


def current_draw(session: Session, *, board_id: int, week: str, lock: bool = False) -> Draw | None:
    query = select(Draw).where(
        Draw.board_id == board_id, Draw.week == week, col(Draw.superseded_at).is_(None)
    )
    return session.exec(query.with_for_update() if lock else query).first()


def get_draw(session: Session, draw_id: int) -> Draw:
    row = session.get(Draw, draw_id)
    if row is None:
        raise NotFound(f"draw {draw_id} does not exist", code="draw_not_found")
    return row


def draw_history(session: Session, *, board: Board, week: str) -> list[Draw]:
    """Every draw of a board's week, the superseded ones included, oldest first."""
    parse_week(week)
    return list(
        session.exec(
            select(Draw)
            .where(Draw.board_id == board.id, Draw.week == week)
            .order_by(col(Draw.drawn_at), col(Draw.id))
        ).all()
    )


def recent_winners(session: Session, *, board: Board, week: str) -> set[int]:
    """Children who won this board in the ``exclude_recent_weeks`` weeks before ``week``."""
    weeks = [shift_week(week, -back) for back in range(1, board.exclude_recent_weeks + 1)]
    if not weeks:
        return set()
    rows = session.exec(
        select(Draw.winner_child_id).where(
            Draw.board_id == board.id,
            col(Draw.week).in_(weeks),
            col(Draw.superseded_at).is_(None),
            col(Draw.winner_child_id).is_not(None),
        )
    ).all()
    return {child_id for child_id in rows if child_id is not None}


def board_entries(session: Session, *, board: Board, week: str) -> list[Entry]:
    """The board's active children with their coins of the week, named as teachers see them."""
    coins = week_coins(session, board_id=board.id or 0, week=week)
    return [
        Entry(
            child_id=child.child_id,
            coins=coins.get(child.child_id, 0),
            name=teacher_name(child.first_name, child.last_initial),
            group=child.group_name,
        )
        for child in board_roster(session, board_id=board.id or 0)
    ]


def draw_winner(
    session: Session,
    *,
    board: Board,
    week: str,
    by: Actor | SystemActor,
    redraw_reason: str | None = None,
    reward: str | None = None,
    held_until: datetime | None = None,
) -> Draw:
    """Draw the week's winner (a redraw needs a reason and keeps the earlier draw), announce
    it to the board's kiosks and commit. Raises NotDrawable (422) or AlreadyDrawn (409).

    ``held_until`` keeps the winner for the reveal: the kiosks hear of it at that moment
    (app/services/winners/reveals.py), not now. A redraw of a winner still kept stays kept."""
    parse_week(week)
    assert board.id is not None
    earlier = current_draw(session, board_id=board.id, week=week, lock=True)
    if earlier is None and redraw_reason is not None:
        _nothing_to_redraw(session, board, week)
    if earlier is not None and redraw_reason is None:
        raise AlreadyDrawn(
            f"{week} on board {board.slug!r} was drawn already (draw {earlier.id}); to draw "
            "again, send a redraw_reason (the earlier draw is kept in the history)"
        )
    outcome = draw(
        WinnerPolicy(board.winner_policy),
        new_seed(),
        board_entries(session, board=board, week=week),
        recent_winners(session, board=board, week=week),
    )
    if earlier is not None:
        if held_until is None and earlier.held_until is not None:
            held_until = earlier.held_until
        earlier.held_until = None  # the redraw is the one kept now
        earlier.superseded_at = utcnow()
        session.add(earlier)
        session.flush()  # free the "current" slot before the new draw takes it
    row = _new_draw(board, week, outcome, by, redraw_reason, reward)
    row.held_until = held_until
    session.add(row)
    _flush_one_current(session, board, week)
    _audit_draw(session, row, earlier, by)
    if held_until is None:
        announce_winner(session, board=board, draw=row)
    session.commit()
    return row


def announce_winner(session: Session, *, board: Board, draw: Draw) -> None:
    """The ``winner`` event: every kiosk of the board plays the reveal when it arrives."""
    record_event(
        session,
        kind="winner",
        board_id=board.id or 0,
        child_id=draw.winner_child_id,
        payload=winner_event_payload(session, board=board, draw=draw),
    )


def _nothing_to_redraw(session: Session, board: Board, week: str) -> None:
    if draw_history(session, board=board, week=week):
        # Every draw of the week is superseded: another redraw committed while we waited.
        raise AlreadyDrawn(
            f"{week} on board {board.slug!r} was redrawn by someone else just now; reload to "
            "see the winner",
            code="drawn_meanwhile",
        )
    raise Invalid(
        f"{week} on board {board.slug!r} has no draw yet, so there is nothing to redraw; "
        "draw without redraw_reason",
        code="nothing_to_redraw",
    )


def _new_draw(
    board: Board,
    week: str,
    outcome: DrawOutcome,
    by: Actor | SystemActor,
    redraw_reason: str | None,
    reward: str | None,
) -> Draw:
    return Draw(
        board_id=board.id or 0,
        week=week,
        policy=outcome.policy,
        seed=outcome.seed,
        candidates=[
            {
                "child_id": c.child_id,
                "name": c.name,
                "group": c.group,
                "coins": c.coins,
                "tickets": c.tickets,
            }
            for c in outcome.candidates
        ],
        excluded_child_ids=list(outcome.excluded_child_ids),
        winner_child_id=outcome.winner.child_id,
        winner_name=outcome.winner.name,
        drawn_by=by.label,
        redraw_reason=redraw_reason,
        reward=reward or "",
    )


def _flush_one_current(session: Session, board: Board, week: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        # Another process drew the same board and week first; the unique index said no.
        session.rollback()
        if current_draw(session, board_id=board.id or 0, week=week) is None:
            raise
        raise AlreadyDrawn(
            f"{week} on board {board.slug!r} was drawn by someone else just now; reload to see "
            "the winner",
            code="drawn_meanwhile",
        ) from None


def _audit_draw(session: Session, row: Draw, earlier: Draw | None, by: Actor | SystemActor) -> None:
    # Children by id only: the redraw reason is free text and stays on the draw itself.
    detail = {"board_id": row.board_id, "week": row.week, "child_id": row.winner_child_id}
    if earlier is None:
        audit(session, by=by, action="winner.draw", subject=f"draw:{row.id}", **detail)
    else:
        audit(
            session,
            by=by,
            action="winner.redraw",
            subject=f"draw:{row.id}",
            superseded_draw_id=earlier.id,
            **detail,
        )


def winner_event_payload(session: Session, *, board: Board, draw: Draw) -> dict[str, object]:
    """The ``winner`` event (app/services/events.py); the hub masks the name per board."""
    child = session.get(Child, draw.winner_child_id) if draw.winner_child_id else None
    if child is None:
        raise Conflict(
            f"the winner of draw {draw.id} is no longer on the roster", code="winner_erased"
        )
    stored = winner_candidate(draw)
    return {
        "board": board.slug,
        "week": draw.week,
        "draw_id": draw.id,
        "child_id": child.id,
        "first_name": child.first_name,
        "last_initial": child.last_initial,
        "avatar": child.avatar,
        "group": stored.get("group", ""),
        "coins": stored.get("coins", 0),
        "reward": draw.reward,
        "policy": draw.policy,
    }


def winner_candidate(draw: Draw) -> dict[str, Any]:
    """The winner's row in the stored candidate list (name, group and coins at draw time)."""
    for candidate in draw.candidates:
        if candidate.get("child_id") == draw.winner_child_id:
            return candidate
    return {"name": draw.winner_name, "group": "", "coins": 0}

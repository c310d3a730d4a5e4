"""The hub's database reads and writes: short, synchronous, each in its own session.

The hub runs these in worker threads (``asyncio.to_thread``); no session ever outlives one call,
so a kiosk socket never holds a database session open.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, or_, update
from sqlmodel import Session, col, select

from app import __version__
from app.db import read_session, write_session
from app.domain.actors import Role
from app.domain.masking import NameDisplay
from app.domain.screen import DisplayMode
from app.domain.weeks import week_of
from app.models import Bike, Board, BoardEvent, BoardGroup, Child, KioskLink, UserSession
from app.models.types import utcnow
from app.realtime.protocol import (
    REPLAY_LIMIT,
    BoardRoute,
    StoredEvent,
    kiosk_snapshot,
    replay_plan,
)
from app.services import auth
from app.services.bikes import bike_public
from app.services.events import latest_seq
from app.services.standings import board_standings
from app.settings import Settings


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who opened a socket: a kiosk link (link_id) or a signed-in teacher (session_id)."""

    route: BoardRoute
    link_id: int | None = None
    session_id: str | None = None


def _stored(row: BoardEvent) -> StoredEvent:
    assert row.seq is not None
    return StoredEvent(
        seq=row.seq,
        kind=row.kind,
        board_id=row.board_id,
        group_id=row.group_id,
        payload=dict(row.payload),
        created_at=row.created_at,
    )


def hidden_children(session: Session) -> frozenset[int]:
    """Children whose parents did not consent to showing them on a board (a short list)."""
    rows = session.exec(select(Child.id).where(col(Child.show_on_board).is_(False))).all()
    return frozenset(child_id for child_id in rows if child_id is not None)


def read_routes(session: Session, *, only: int | None = None) -> dict[int, BoardRoute]:
    """How each board's events are routed and masked (every board, or the board ``only``).

    Read again whenever a ``board`` event passes (settings, roster or consent changed)."""
    groups: dict[int, set[int]] = {}
    links = select(BoardGroup.board_id, BoardGroup.group_id)
    boards = select(Board)
    if only is not None:
        links, boards = links.where(BoardGroup.board_id == only), boards.where(Board.id == only)
    for board_id, group_id in session.exec(links):
        groups.setdefault(board_id, set()).add(group_id)
    hidden = hidden_children(session)
    return {
        board.id: BoardRoute(
            board_id=board.id,
            slug=board.slug,
            name_display=NameDisplay(board.name_display),
            group_ids=frozenset(groups.get(board.id, ())),
            display_mode=DisplayMode(board.display_mode),
            hidden_child_ids=hidden,
        )
        for board in session.exec(boards)
        if board.id is not None
    }


def board_route(session: Session, board_id: int) -> BoardRoute:
    return read_routes(session, only=board_id)[board_id]


def all_routes(engine: Engine) -> dict[int, BoardRoute]:
    with read_session(engine) as session:
        return read_routes(session)


def read_events(
    engine: Engine, *, after: int, limit: int, with_routes: bool
) -> tuple[list[StoredEvent], dict[int, BoardRoute] | None]:
    """The next events after ``after`` in seq order, and the routes when asked or needed.

    Routes are re-read (in the same snapshot) whenever a ``board`` event is among the events,
    so the hub routes later events by the board's new groups and name display.
    """
    with read_session(engine) as session:
        rows = session.exec(
            select(BoardEvent).where(col(BoardEvent.seq) > after).order_by(col(BoardEvent.seq))
        ).fetchmany(limit)
        events = [_stored(row) for row in rows]
        if with_routes or any(event.kind == "board" for event in events):
            return events, read_routes(session)
        return events, None


def current_seq(engine: Engine) -> int:
    with read_session(engine) as session:
        return latest_seq(session)


def authorize(
    engine: Engine, *, slug: str, token: str | None, cookie: str | None, settings: Settings
) -> Viewer | None:
    """The viewer behind a handshake, or None: a teacher's session, or this board's kiosk link."""
    with read_session(engine) as session:
        board = session.exec(select(Board).where(Board.slug == slug)).first()
        if board is None or board.id is None:
            return None
        route = read_routes(session, only=board.id).get(board.id)
        if route is None:
            return None
        if cookie:
            found = auth.actor_for_session(session, token=cookie, settings=settings)
            if found is not None and found[0].role is Role.teacher:
                return Viewer(route=route, session_id=found[0].session_id)
        if token:
            actor = auth.actor_for_kiosk_token(session, token=token)
            if actor is not None and actor.board_id == board.id:
                return Viewer(route=route, link_id=actor.id)
        return None


def snapshot(engine: Engine, *, board_id: int, settings: Settings) -> dict[str, Any]:
    """A board's standings for this week as a ``snapshot`` message, with its daycare bikes."""
    with read_session(engine) as session:
        board = session.get(Board, board_id)
        if board is None:
            raise LookupError(f"board {board_id} no longer exists")
        week = week_of(utcnow(), settings.tz)
        standings = board_standings(session, board=board, week=week, timezone=settings.timezone)
        group_ids = select(BoardGroup.group_id).where(BoardGroup.board_id == board_id)
        bikes = session.exec(
            select(Bike)
            .where(col(Bike.group_id).in_(group_ids), col(Bike.active).is_(True))
            .order_by(col(Bike.id))
        ).all()
        message = {
            "type": "snapshot",
            **standings.model_dump(mode="json"),
            "bikes": [bike_public(session, bike).model_dump(mode="json") for bike in bikes],
            "version": __version__,
        }
        route = board_route(session, board_id)
    return kiosk_snapshot(message, route)


def replay(
    engine: Engine, *, route: BoardRoute, since: int, settings: Settings
) -> list[StoredEvent] | None:
    """A board's events after ``since`` if a replay can bring the kiosk up to date, else None."""
    with read_session(engine) as session:
        since_row = session.get(BoardEvent, since) if since > 0 else None
        concerns = [col(BoardEvent.board_id) == route.board_id]
        if route.group_ids:
            concerns.append(col(BoardEvent.group_id).in_(route.group_ids))
        rows = session.exec(
            select(BoardEvent)
            .where(col(BoardEvent.seq) > since, or_(*concerns))
            .order_by(col(BoardEvent.seq))
        ).fetchmany(REPLAY_LIMIT + 1)
        missed = [_stored(row) for row in rows]
    return replay_plan(
        since=since,
        since_created_at=since_row.created_at if since_row else None,
        missed=missed,
        now=utcnow(),
        tz=settings.tz,
    )


def ended_viewers(
    engine: Engine, *, link_ids: set[int], session_ids: set[str], idle: timedelta
) -> set[int | str]:
    """Which of these kiosk links are revoked (or gone) and which teacher sessions ended:
    signed out, expired, or idle (no request for ``idle``: the socket does not count)."""
    now = utcnow()
    with read_session(engine) as session:
        live_links = set(
            session.exec(
                select(KioskLink.id).where(
                    col(KioskLink.id).in_(link_ids), col(KioskLink.revoked_at).is_(None)
                )
            )
        )
        live_sessions = set(
            session.exec(
                select(UserSession.id).where(
                    col(UserSession.id).in_(session_ids),
                    UserSession.expires_at > now,
                    UserSession.last_seen_at > now - idle,
                )
            )
        )
    ended: set[int | str] = {*(link_ids - live_links), *(session_ids - live_sessions)}
    return ended


def prune_events(engine: Engine, *, keep: timedelta, now: datetime | None = None) -> int:
    """Delete board events older than ``keep``, always keeping the newest one (its seq is the
    watermark a reconnecting kiosk compares against). A ``since`` older than what is kept
    simply gets a snapshot."""
    cutoff = (now or utcnow()) - keep
    with write_session(engine) as session:
        newest = latest_seq(session)
        result = session.exec(
            delete(BoardEvent).where(
                col(BoardEvent.created_at) < cutoff, col(BoardEvent.seq) < newest
            )
        )
        session.commit()
        return int(result.rowcount or 0)


def count_events(engine: Engine) -> int:
    with read_session(engine) as session:
        return int(session.exec(select(func.count()).select_from(BoardEvent)).one())


def touch_links(engine: Engine, *, link_ids: set[int]) -> None:
    """A screen of these kiosk links is (or was until just now) connected."""
    with write_session(engine) as session:
        session.exec(
            update(KioskLink)
            .where(col(KioskLink.id).in_(sorted(link_ids)), col(KioskLink.revoked_at).is_(None))
            .values(last_seen_at=utcnow())
        )
        session.commit()

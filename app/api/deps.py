"""Dependencies: the database session, the settings, and the roles.

A route's signature says who may call it: ``TeacherDep`` (teachers), ``LoggerDep`` (loggers
and teachers), ``BoardViewerDep`` (a kiosk link for that board, or a teacher).
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Security
from fastapi.security import APIKeyCookie, APIKeyQuery
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.api.http import SESSION_COOKIE
from app.db import read_session, session_for, write_session
from app.domain.actors import Actor, Role
from app.domain.errors import Forbidden, NotFound, NotSignedIn
from app.domain.weeks import week_or_this
from app.models import Board
from app.models.fields import MAX_ID
from app.models.types import utcnow
from app.services import auth
from app.services.auth_cache import ActorCache, attach_cache
from app.services.boards import get_board
from app.services.coins.writer import CoinWriter
from app.services.events import attach_hub
from app.settings import Settings

# Path and query ids: a number the database could never hold is a 422, not a database error.
IdParam = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int, Query(ge=1, le=MAX_ID)]
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in the
# threadpool, a thread hop per dependency per request, which the award path cannot afford.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_coin_writer(request: Request) -> CoinWriter:
    writer: CoinWriter = request.app.state.coin_writer
    return writer


def get_session(request: Request) -> Iterator[Session]:
    write = request.method not in _READ_METHODS
    with session_for(request.app.state.engine, write=write) as session:
        attach_cache(session, request.app.state.actor_cache)
        yield attach_hub(session, request.app.state.hub)


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def week_param(
    settings: SettingsDep,
    week: Annotated[str | None, Query(description="ISO week, e.g. 2026-W48")] = None,
) -> str:
    """``?week=``, checked, or this week in the school's time zone."""
    return week_or_this(week, now=utcnow(), tz=settings.tz)


WeekParam = Annotated[str, Depends(week_param)]
SessionDep = Annotated[Session, Depends(get_session)]
CoinWriterDep = Annotated[CoinWriter, Depends(get_coin_writer)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def optional_actor(request: Request, settings: SettingsDep) -> Actor | None:
    token = request.cookies.get(SESSION_COOKIE)
    kiosk_token = request.query_params.get("token")
    if not token and not kiosk_token:
        return None
    cache: ActorCache = request.app.state.actor_cache
    hashed = auth.token_hash(token) if token else None
    if hashed and (cached := cache.get(hashed)) is not None:
        return cached
    actor = await run_in_threadpool(
        _look_up_actor, request.app.state.engine, settings, token, kiosk_token
    )
    if hashed and actor is not None and actor.session_id == hashed:
        cache.put(hashed, actor)
    return actor


def _look_up_actor(
    engine: Engine, settings: Settings, token: str | None, kiosk_token: str | None
) -> Actor | None:
    """Who is calling, looked up in a short read session of its own: the route's own session
    must not begin (and, on SQLite, lock) its write transaction in this dependency's thread."""
    with read_session(engine) as session:
        found = auth.actor_for_session(session, token=token, settings=settings) if token else None
        if found is None and kiosk_token:
            return auth.actor_for_kiosk_token(session, token=kiosk_token)
    if found is None:
        return None
    actor, stale = found
    if stale and actor.session_id:
        with write_session(engine) as writer:
            auth.touch_session(writer, session_id=actor.session_id)
    return actor


ActorDep = Annotated[Actor | None, Depends(optional_actor)]


# Declared in the OpenAPI schema (securitySchemes, and `security` on every operation that
# needs a role), so /docs and generated clients know how to sign in. The values are read by
# optional_actor; these only describe them.
SESSION_SCHEME = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="session",
    description="Set by POST /api/v1/session (teacher) or /api/v1/session/pin (intern).",
    auto_error=False,
)
KIOSK_SCHEME = APIKeyQuery(
    name="token",
    scheme_name="kioskLink",
    description="A board's kiosk link token (read-only, that board only).",
    auto_error=False,
)
SessionCookie = Annotated[str | None, Security(SESSION_SCHEME)]
KioskToken = Annotated[str | None, Security(KIOSK_SCHEME)]


async def require_actor(actor: ActorDep, _session: SessionCookie) -> Actor:
    if actor is None:
        raise NotSignedIn()
    return actor


async def require_teacher(actor: Annotated[Actor, Depends(require_actor)]) -> Actor:
    if not actor.is_teacher:
        raise Forbidden("only teachers may do this", code="teachers_only")
    return actor


async def require_logger(actor: Annotated[Actor, Depends(require_actor)]) -> Actor:
    if actor.role not in (Role.logger, Role.teacher):
        raise Forbidden("only interns and teachers may do this", code="interns_only")
    return actor


TeacherDep = Annotated[Actor, Depends(require_teacher)]
LoggerDep = Annotated[Actor, Depends(require_logger)]


def board_for_viewer(
    slug: str, session: SessionDep, actor: ActorDep, _session: SessionCookie, _kiosk: KioskToken
) -> Board:
    if actor is None:
        raise NotSignedIn("Sign in as a teacher, or open the board with its kiosk link.")
    if actor.role is Role.logger:
        raise Forbidden("boards are shown on the kiosk and the teacher desk")
    try:
        board = get_board(session, slug)
    except NotFound:
        if actor.is_teacher:
            raise
        board = None
    if board is None or board.id is None or not actor.may_view_board(board.id):
        raise Forbidden("this kiosk link is for another board")
    return board


BoardViewerDep = Annotated[Board, Depends(board_for_viewer)]

"""Boards, their kiosk links, and their standings."""

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from app.api.deps import BoardViewerDep, IdParam, SessionDep, SettingsDep, TeacherDep, WeekParam
from app.api.http import public_base_url
from app.models.board import (
    BoardCreate,
    BoardPublic,
    BoardUpdate,
    KioskLinkCreate,
    KioskLinkCreated,
    KioskLinkPublic,
)
from app.models.standings import StandingsPublic
from app.realtime.protocol import kiosk_snapshot
from app.realtime.store import board_route
from app.services import boards
from app.services.standings import board_standings

router = APIRouter(prefix="/boards", tags=["boards"])


@router.get("", response_model=list[BoardPublic])
def list_boards(session: SessionDep, _actor: TeacherDep) -> list[BoardPublic]:
    return boards.list_boards(session)


@router.post("", response_model=BoardPublic, status_code=status.HTTP_201_CREATED)
def create_board(body: BoardCreate, session: SessionDep, actor: TeacherDep) -> BoardPublic:
    return boards.create_board(session, board=body, by=actor)


@router.get("/{slug}", response_model=BoardPublic)
def get_board(slug: str, session: SessionDep, _actor: TeacherDep) -> BoardPublic:
    return boards.board_public(session, boards.get_board(session, slug))


@router.patch("/{slug}", response_model=BoardPublic)
def update_board(
    slug: str, body: BoardUpdate, session: SessionDep, actor: TeacherDep
) -> BoardPublic:
    return boards.update_board(session, slug=slug, changes=body, by=actor)


@router.get(
    "/{slug}/standings",
    response_model=StandingsPublic,
    summary="This week's standings (teacher, or the board's kiosk link with ?token=)",
    description="What the board's kiosk receives: in `groups` mode no child rows and no child "
    "in `recent` or `last_winner`; a child with `show_on_board: false` never appears by name, "
    "avatar or id (their coins count in `groups`).",
)
def standings(
    board: BoardViewerDep, session: SessionDep, settings: SettingsDep, week: WeekParam
) -> JSONResponse:
    found = board_standings(session, board=board, week=week, timezone=settings.timezone)
    route = board_route(session, board.id or 0)
    return JSONResponse(kiosk_snapshot(found.model_dump(mode="json"), route))


@router.post(
    "/{slug}/kiosk-links", response_model=KioskLinkCreated, status_code=status.HTTP_201_CREATED
)
def create_kiosk_link(
    slug: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    body: KioskLinkCreate | None = None,
) -> KioskLinkCreated:
    link, token = boards.create_kiosk_link(
        session, slug=slug, label=body.label if body else "", by=actor
    )
    url = f"{public_base_url(request, settings)}/kiosk/{slug}?token={token}"
    return KioskLinkCreated(id=link.id or 0, token=token, url=url)


@router.get(
    "/{slug}/kiosk-links",
    response_model=list[KioskLinkPublic],
    description="`connected`: the screens connected to the process that answers (with several "
    "processes, each counts its own); `last_seen_at`: when any process last had a screen of "
    "the link connected (written when one connects or leaves, and once a minute meanwhile).",
)
def list_kiosk_links(
    slug: str, request: Request, session: SessionDep, _actor: TeacherDep
) -> list[KioskLinkPublic]:
    connected = request.app.state.hub.connected_links()
    return boards.list_kiosk_links(session, slug=slug, connected=connected)


@router.delete("/{slug}/kiosk-links/{link_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_kiosk_link(
    slug: str, link_id: IdParam, session: SessionDep, actor: TeacherDep
) -> Response:
    boards.revoke_kiosk_link(session, slug=slug, link_id=link_id, by=actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

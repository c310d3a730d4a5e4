"""Boards and kiosk links on the desk, with a QR code to open a new link on the wall display."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.addresses import is_loopback_url
from app.api.deps import IdParam, SessionDep, SettingsDep, TeacherDep
from app.api.http import public_base_url
from app.domain.draw import WinnerPolicy
from app.domain.errors import Invalid
from app.domain.masking import NameDisplay
from app.domain.screen import DisplayMode, away_too_long
from app.domain.slugs import slug_from_title
from app.models.board import (
    BoardCreate,
    BoardPublic,
    BoardUpdate,
    KioskLinkCreate,
    KioskLinkPublic,
)
from app.models.roster import GroupUpdate
from app.models.types import utcnow
from app.services import boards, roster
from app.settings import Settings
from app.web.qr import qr_svg
from app.web.teacher.desk import Back, DeskRoute, done, form_int, page, parse_form

router = APIRouter(route_class=DeskRoute)
Text = Annotated[str, Form()]
Ids = Annotated[list[str], Form()]


def _choices() -> dict[str, Any]:
    return {
        "displays": [display.value for display in NameDisplay],
        "policies": [policy.value for policy in WinnerPolicy],
        "modes": [mode.value for mode in DisplayMode],
    }


def _hours(choice: str, days: list[str], start: str, end: str) -> dict[str, Any] | None:
    """The screen-hours fields: None for "always", else what ScreenHours validates."""
    if choice != "set":
        return None
    return {
        "days": [form_int(day, field="screen_hours") for day in days],
        "start": start.strip(),
        "end": end.strip(),
    }


@router.get("/teacher/boards")
def boards_page(request: Request, session: SessionDep, _actor: TeacherDep) -> Response:
    groups = roster.list_groups(session)
    context = {
        "area": "boards",
        "boards": boards.list_boards(session),
        "groups": groups,
        "group_names": {group.id: group.name for group in groups},
        **_choices(),
    }
    return page(request, "teacher/boards.html", context)


def _board_fields(
    title: str, group_ids: list[str], name_display: str, winner_policy: str, exclude: str
) -> dict[str, Any]:
    ids = [form_int(value, field="group_ids") for value in group_ids]
    return {
        "title": title,
        "group_ids": [value for value in ids if value is not None],
        "name_display": name_display,
        "winner_policy": winner_policy,
        "exclude_recent_weeks": form_int(exclude, field="exclude_recent_weeks") or 0,
    }


@router.post("/teacher/boards")
def add_board(
    session: SessionDep,
    actor: TeacherDep,
    title: Text,
    name_display: Text,
    winner_policy: Text,
    group_ids: Ids = [],  # noqa: B006 (FastAPI copies defaults; no checkbox ticked is [])
    exclude_recent_weeks: Text = "2",
    display_mode: Text = "",
    hours: Text = "always",
    days: Ids = [],  # noqa: B006
    start: Text = "",
    end: Text = "",
    slug: Text = "",
    back: Back = "",
) -> Response:
    fields = _board_fields(title, group_ids, name_display, winner_policy, exclude_recent_weeks)
    fields["screen_hours"] = _hours(hours, days, start, end)
    if display_mode and display_mode != "auto":  # auto: groups for daycare only, else ranking
        fields["display_mode"] = display_mode
    # Left empty, the short name is the title's (the page's script fills it in as you type).
    slug = slug.strip().lower() or slug_from_title(title)
    board = parse_form(BoardCreate, {"slug": slug, **fields})
    row = boards.create_board(session, board=board, by=actor)
    return done(back, "teacher.boards.added", to=f"/teacher/boards/{row.slug}", title=row.title)


@router.get("/teacher/boards/{slug}")
def board_page(
    slug: str, request: Request, session: SessionDep, settings: SettingsDep, _actor: TeacherDep
) -> Response:
    board = boards.board_public(session, boards.get_board(session, slug))
    groups = roster.list_groups(session)
    links = boards.list_kiosk_links(
        session, slug=slug, connected=request.app.state.hub.connected_links()
    )
    screens = [_screen(link, board, settings) for link in links]
    context = {
        "area": "boards",
        "board": board,
        "groups": groups,
        "board_groups": [group for group in groups if group.id in board.group_ids],
        "links": screens,
        "away": [screen for screen in screens if screen["away"]],
        "setup_url": f"{public_base_url(request, settings)}/screen-setup",
        "setup_qr": qr_svg(f"{public_base_url(request, settings)}/screen-setup"),
        **_choices(),
    }
    return page(request, "teacher/board.html", context)


# Seen this recently by any process: connected, even when another process holds the socket.
RECENT_SECONDS = 90


def _screen(link: KioskLinkPublic, board: BoardPublic, settings: Settings) -> dict[str, Any]:
    """A kiosk link as the desk shows it: connected now, last seen, away too long."""
    now = utcnow()
    seen = link.last_seen_at
    online = link.connected > 0 or (
        seen is not None and (now - seen).total_seconds() < RECENT_SECONDS
    )
    hours = board.screen_hours.model_dump() if board.screen_hours else None
    tz = settings.tz
    away = link.revoked_at is None and away_too_long(
        hours,
        seen.astimezone(tz).replace(tzinfo=None) if seen else None,
        now.astimezone(tz).replace(tzinfo=None),
        connected=int(online),
    )
    return {"link": link, "online": online, "away": away}


@router.post("/teacher/boards/{slug}")
def change_board(
    slug: str,
    session: SessionDep,
    actor: TeacherDep,
    title: Text,
    name_display: Text,
    winner_policy: Text,
    group_ids: Ids = [],  # noqa: B006
    exclude_recent_weeks: Text = "0",
    display_mode: Text = "",
    hours: Text = "always",
    days: Ids = [],  # noqa: B006
    start: Text = "",
    end: Text = "",
    back: Back = "",
) -> Response:
    fields = _board_fields(title, group_ids, name_display, winner_policy, exclude_recent_weeks)
    fields["screen_hours"] = _hours(hours, days, start, end)
    if display_mode and display_mode != "auto":
        fields["display_mode"] = display_mode
    row = boards.update_board(session, slug=slug, changes=parse_form(BoardUpdate, fields), by=actor)
    return done(back, "teacher.boards.saved", title=row.title)


@router.post("/teacher/boards/{slug}/goals")
def change_goals(
    slug: str,
    session: SessionDep,
    actor: TeacherDep,
    group_id: Ids = [],  # noqa: B006
    goal: Ids = [],  # noqa: B006
    back: Back = "",
) -> Response:
    """The coin tubes of the board's groups: one goal per group (empty: no tube)."""
    board = boards.get_board(session, slug)
    if len(group_id) != len(goal):
        raise Invalid("every group needs its own goal field", code="goal_per_group")
    goals = {
        form_int(raw_id, field="group_id") or 0: parse_form(
            GroupUpdate, {"weekly_goal": form_int(raw_goal, field="weekly_goal")}
        )
        for raw_id, raw_goal in zip(group_id, goal, strict=True)
    }
    roster.set_weekly_goals(session, board_id=board.id or 0, goals=goals, by=actor)
    return done(back, "teacher.boards.goals_saved")


@router.post("/teacher/boards/{slug}/kiosk-links")
def add_kiosk_link(
    slug: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    label: Text = "",
) -> Response:
    """The one answer that is not a redirect: the token exists only in this response, so the
    page with the link and its QR code is shown right here (and never again)."""
    if len(label) > 80:
        raise Invalid("label: at most 80 characters", code="label_too_long", max=80)
    checked = parse_form(KioskLinkCreate, {"label": label}).label
    board = boards.board_public(session, boards.get_board(session, slug))
    link, token = boards.create_kiosk_link(session, slug=slug, label=checked, by=actor)
    url = f"{public_base_url(request, settings)}/kiosk/{slug}?token={token}"
    qr = qr_svg(url)
    context = {
        "area": "boards",
        "board": board,
        "link": link,
        "url": url,
        "qr": qr,
        "local": is_loopback_url(url),
        "here": f"/teacher/boards/{slug}",
    }
    response = page(request, "teacher/kiosk_link.html", context)
    response.headers["Cache-Control"] = "no-store"  # the token must not stay in a cache
    return response


@router.post("/teacher/boards/{slug}/kiosk-links/{link_id}/revoke")
def revoke_kiosk_link(
    slug: str, link_id: IdParam, session: SessionDep, actor: TeacherDep, back: Back = ""
) -> Response:
    boards.revoke_kiosk_link(session, slug=slug, link_id=link_id, by=actor)
    return done(back, "teacher.boards.link_revoked")

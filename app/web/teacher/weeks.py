"""The week overview: a board's standings for any week, the winner's draw, reward and exports."""

from datetime import timedelta
from typing import Annotated, Any

from babel.dates import format_interval
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.api.deps import IdParam, SessionDep, SettingsDep, TeacherDep
from app.api.http import request_language
from app.domain.errors import Invalid
from app.domain.weeks import week_of, week_or_this, week_start
from app.models.types import utcnow
from app.models.winners import DrawCreate, RevealChoice, RewardStatus, RewardUpdate
from app.services.audit_log import actor_names
from app.services.boards import get_board, list_boards
from app.services.checklist import checklist_to_show
from app.services.week_overview import recent_weeks, week_overview
from app.services.winners import rewards
from app.services.winners.draws import draw_winner, get_draw
from app.services.winners.reveals import hold_until, next_reveal, reveal_now
from app.settings import Settings
from app.web.teacher.desk import Back, DeskRoute, done, page, parse_form

router = APIRouter(route_class=DeskRoute)
PICKER_WEEKS = 16


def _this_week(settings: Settings) -> str:
    return week_of(utcnow(), settings.tz)


@router.get("/teacher/weeks")
def weeks_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
    board: str | None = None,
    week: str | None = None,
) -> Response:
    boards = list_boards(session)
    this_week = _this_week(settings)
    context: dict[str, Any] = {
        "area": "weeks",
        "boards": boards,
        "this_week": this_week,
        "checklist": checklist_to_show(session),
    }
    if not boards:
        return page(request, "teacher/weeks.html", {**context, "overview": None})
    # A finished week is what a teacher draws; this week is one click away.
    week = week_or_this(week or None, now=utcnow(), tz=settings.tz)
    slug = board or boards[0].slug
    overview = week_overview(
        session, board=get_board(session, slug), week=week, this_week=this_week
    )
    context |= {
        "overview": overview,
        "picker": recent_weeks(this_week, PICKER_WEEKS),
        "usual_rewards": rewards.usual_rewards(settings),
        "names": actor_names(session),
        "dates": lambda text: week_dates(text, request_language(request)),
    }
    return page(request, "teacher/weeks.html", context)


def week_dates(week: str, language: str) -> str:
    """Monday to Friday of a school week, e.g. "29 sep. – 3 okt. 2026"."""
    monday = week_start(week)
    return format_interval(monday, monday + timedelta(days=4), "yMMMd", locale=language)


@router.get("/teacher/weeks/{slug}/{week}/draw")
def confirm_draw(
    request: Request,
    slug: str,
    week: str,
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
) -> Response:
    """Before the draw: who takes part, whether the week is over, and when the wall shows it."""
    board = get_board(session, slug)
    overview = week_overview(session, board=board, week=week, this_week=_this_week(settings))
    week_page = f"/teacher/weeks?board={board.slug}&week={week}"
    if overview.draw is not None:
        return RedirectResponse(week_page, status_code=303)
    context = {
        "area": "weeks",
        "overview": overview,
        "with_coins": sum(1 for child in overview.children if child.coins > 0),
        "reveal_at": next_reveal(settings),
        "week_page": week_page,
        "dates": lambda text: week_dates(text, request_language(request)),
    }
    return page(request, "teacher/draw_confirm.html", context)


@router.post("/teacher/weeks/{slug}/{week}/draw")
def draw(
    slug: str,
    week: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    reveal: Annotated[RevealChoice, Form()] = RevealChoice.now,
    back: Back = "",
) -> Response:
    board = get_board(session, slug)
    held = hold_until(settings, reveal)
    draw_winner(session, board=board, week=week, by=actor, held_until=held)
    return done(back, "teacher.weeks.drawn_kept" if held else "teacher.weeks.drawn")


@router.post("/teacher/winners/{draw_id}/reveal")
def reveal(draw_id: IdParam, session: SessionDep, actor: TeacherDep, back: Back = "") -> Response:
    reveal_now(session, draw=get_draw(session, draw_id), by=actor)
    return done(back, "teacher.weeks.revealed")


@router.post("/teacher/weeks/{slug}/{week}/redraw")
def redraw(
    slug: str,
    week: str,
    session: SessionDep,
    actor: TeacherDep,
    reason: Annotated[str, Form()] = "",
    back: Back = "",
) -> Response:
    if len(reason.strip()) < 3:
        raise Invalid(
            "a redraw needs a reason of at least 3 characters (it is kept)",
            code="redraw_reason_short",
        )
    checked = parse_form(DrawCreate, {"redraw_reason": reason.strip()[:500]}).redraw_reason
    board = get_board(session, slug)
    draw_winner(session, board=board, week=week, by=actor, redraw_reason=checked)
    return done(back, "teacher.weeks.redrawn")


@router.post("/teacher/winners/{draw_id}/reward")
def set_reward(
    draw_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    reward: Annotated[str, Form()] = "",
    back: Back = "",
) -> Response:
    changes = parse_form(RewardUpdate, {"reward": reward})
    rewards.update_reward(session, draw_id=draw_id, changes=changes, by=actor)
    return done(back, "teacher.weeks.reward_saved")


@router.post("/teacher/winners/{draw_id}/status")
def set_reward_status(
    draw_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    status: Annotated[RewardStatus, Form()],
    back: Back = "",
) -> Response:
    changes = RewardUpdate(reward_status=status)
    rewards.update_reward(session, draw_id=draw_id, changes=changes, by=actor)
    key = "teacher.weeks.given" if status is RewardStatus.given else "teacher.weeks.not_given"
    return done(back, key)

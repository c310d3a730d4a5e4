"""The printable certificate for a weekly winner (teachers only): one A4 page."""

from dataclasses import dataclass
from datetime import timedelta

from babel.dates import format_interval
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.api.deps import ActorDep, SessionDep
from app.api.http import request_language
from app.domain.avatars import ANIMALS, COLOURS
from app.domain.errors import Conflict, Forbidden, NotFound
from app.domain.weeks import parse_week, week_start
from app.models import Board, Child
from app.services.roster import ERASED
from app.services.winners.draws import get_draw, winner_candidate
from app.web.templating import render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class CertificateView:
    draw_id: int
    week_number: int
    dates: str
    name: str
    group: str
    board: str
    coins: int
    reward: str
    animal: str
    colour: str


@router.get("/teacher/winners/{draw_id}/certificate", response_class=HTMLResponse)
def certificate(draw_id: int, request: Request, session: SessionDep, actor: ActorDep) -> Response:
    if actor is None:
        # The teacher desk signs in; it sends the teacher back from there.
        return RedirectResponse("/teacher", status_code=303)
    if not actor.is_teacher:
        raise Forbidden("only teachers may print certificates", code="teachers_only")
    view = certificate_view(session, draw_id=draw_id, language=request_language(request))
    return render(request, "certificate.html", {"certificate": view})


def certificate_view(session: SessionDep, *, draw_id: int, language: str) -> CertificateView:
    draw = get_draw(session, draw_id)
    if draw.superseded_at is not None:
        raise Conflict(
            f"draw {draw_id} was replaced by a redraw; print the current winner's",
            code="draw_replaced",
        )
    if draw.winner_name == ERASED:
        raise NotFound(
            f"the winner of draw {draw_id} was erased; there is no one to print for",
            code="winner_erased",
        )
    board = session.get(Board, draw.board_id)
    child = session.get(Child, draw.winner_child_id) if draw.winner_child_id else None
    stored = winner_candidate(draw)
    animal, _, colour = (child.avatar if child else "").partition(":")
    _, week_number = parse_week(draw.week)
    monday = week_start(draw.week)
    friday = monday + timedelta(days=4)
    return CertificateView(
        draw_id=draw_id,
        week_number=week_number,
        dates=format_interval(monday, friday, "yMMMMd", locale=language),
        name=draw.winner_name,
        group=str(stored.get("group", "")),
        board=board.title if board else "",
        coins=int(stored.get("coins", 0)),
        reward=draw.reward,
        animal=ANIMALS.get(animal, "🪙"),
        colour=colour if colour in COLOURS else "yellow",
    )

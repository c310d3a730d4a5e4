"""The draw check: a week's draw re-run from what is stored, in words on a desk page.

The API keeps the same check as JSON (GET /api/v1/boards/{slug}/weeks/{week}/winner/verify).
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.api.deps import IdQuery, SessionDep, TeacherDep
from app.services.audit_log import actor_names
from app.services.boards import get_board
from app.services.winners import reading
from app.services.winners.draws import get_draw
from app.web.teacher.desk import DeskRoute, page

router = APIRouter(route_class=DeskRoute)


@router.get("/teacher/weeks/{slug}/{week}/check")
def draw_check_page(
    request: Request,
    slug: str,
    week: str,
    session: SessionDep,
    _actor: TeacherDep,
    draw_id: Annotated[IdQuery | None, Query()] = None,
) -> Response:
    board = get_board(session, slug)
    check = reading.verify_draw(session, board=board, week=week, draw_id=draw_id)
    draw = reading.draw_public(get_draw(session, check.draw_id), board=board)
    names = {c.child_id: c.name for c in draw.candidates if c.child_id is not None}
    context = {
        "area": "weeks",
        "check": check,
        "draw": draw,
        "child_names": names,
        "names": actor_names(session),
        "back_to_week": f"/teacher/weeks?board={board.slug}&week={week}",
    }
    return page(request, "teacher/draw_check.html", context)

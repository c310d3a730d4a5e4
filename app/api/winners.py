"""Weekly winners (teachers): draw, redraw, verify, rewards and exports."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.api.deps import SessionDep, SettingsDep, TeacherDep
from app.api.http import request_language
from app.i18n import gettext_for
from app.models.winners import DrawCreate, DrawPublic, RewardUpdate, VerificationPublic
from app.services.boards import get_board
from app.services.winners import exports, reading, rewards
from app.services.winners.draws import draw_history, draw_winner
from app.services.winners.reveals import hold_until

router = APIRouter(tags=["winners"])

WeekPath = "/boards/{slug}/weeks/{week}"
FromWeek = Annotated[str | None, Query(alias="from", description="first week, e.g. 2026-W40")]
ToWeek = Annotated[str | None, Query(alias="to", description="last week, e.g. 2026-W48")]
BoardSlug = Annotated[str | None, Query(description="only this board (its slug)")]


@router.post(f"{WeekPath}/winner", response_model=DrawPublic, status_code=status.HTTP_201_CREATED)
def draw(
    slug: str,
    week: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    body: DrawCreate | None = None,
) -> DrawPublic:
    board = get_board(session, slug)
    body = body or DrawCreate()
    row = draw_winner(
        session,
        board=board,
        week=week,
        by=actor,
        redraw_reason=body.redraw_reason,
        reward=body.reward,
        held_until=hold_until(settings, body.reveal),
    )
    return reading.draw_public(row, board=board)


@router.get(f"{WeekPath}/winner", response_model=DrawPublic)
def winner(slug: str, week: str, session: SessionDep, _actor: TeacherDep) -> DrawPublic:
    board = get_board(session, slug)
    return reading.draw_public(reading.winner_of_week(session, board=board, week=week), board=board)


@router.get(
    f"{WeekPath}/draws",
    response_model=list[DrawPublic],
    summary="Every draw of the week, redrawn (superseded) ones included",
)
def draws(slug: str, week: str, session: SessionDep, _actor: TeacherDep) -> list[DrawPublic]:
    board = get_board(session, slug)
    return [
        reading.draw_public(row, board=board)
        for row in draw_history(session, board=board, week=week)
    ]


@router.get(f"{WeekPath}/winner/verify", response_model=VerificationPublic)
def verify(
    slug: str,
    week: str,
    session: SessionDep,
    _actor: TeacherDep,
    draw_id: Annotated[
        int | None, Query(description="an earlier draw; default the current")
    ] = None,
) -> VerificationPublic:
    board = get_board(session, slug)
    return reading.verify_draw(session, board=board, week=week, draw_id=draw_id)


@router.get("/winners", response_model=list[DrawPublic])
def list_winners(
    session: SessionDep,
    _actor: TeacherDep,
    from_week: FromWeek = None,
    to_week: ToWeek = None,
    board: BoardSlug = None,
) -> list[DrawPublic]:
    return reading.list_winners(
        session,
        from_week=from_week,
        to_week=to_week,
        board=get_board(session, board) if board else None,
    )


@router.get("/winners.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def winners_csv(
    request: Request,
    session: SessionDep,
    actor: TeacherDep,
    from_week: FromWeek = None,
    to_week: ToWeek = None,
    board: BoardSlug = None,
) -> Response:
    rows = list_winners(session, actor, from_week, to_week, board)
    body = exports.winners_csv(rows, gettext_for(request_language(request)))
    name = exports.export_filename("csv", from_week=from_week, to_week=to_week, board=board)
    return _download(body, "text/csv; charset=utf-8", name)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/winners.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}})
def winners_xlsx(
    request: Request,
    session: SessionDep,
    actor: TeacherDep,
    from_week: FromWeek = None,
    to_week: ToWeek = None,
    board: BoardSlug = None,
) -> Response:
    rows = list_winners(session, actor, from_week, to_week, board)
    body = exports.winners_xlsx(rows, gettext_for(request_language(request)))
    name = exports.export_filename("xlsx", from_week=from_week, to_week=to_week, board=board)
    return _download(body, XLSX, name)


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.patch("/winners/{draw_id}", response_model=DrawPublic)
def update_reward(
    draw_id: int, body: RewardUpdate, session: SessionDep, actor: TeacherDep
) -> DrawPublic:
    row = rewards.update_reward(session, draw_id=draw_id, changes=body, by=actor)
    return reading.public_of(session, row)


@router.get("/rewards", response_model=list[str], summary="The school's usual rewards")
def usual_rewards(settings: SettingsDep, _actor: TeacherDep) -> list[str]:
    return rewards.usual_rewards(settings)

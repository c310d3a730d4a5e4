"""Coins: give one (idempotent by its id), undo one, list them."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.api.deps import CoinWriterDep, IdQuery, LoggerDep, SessionDep, TeacherDep
from app.domain.weeks import parse_week
from app.models.ledger import CoinCreate, CoinPublic
from app.services.boards import board_group_ids, get_board
from app.services.coins import ledger

router = APIRouter(prefix="/coins", tags=["coins"])


@router.post(
    "",
    response_model=CoinPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Give a coin",
    description="201 with the new coin. The same `id` again with the same body answers 200 "
    "with the stored coin (a retry never doubles a coin); with a different body, 409.",
    responses={200: {"model": CoinPublic, "description": "Replay of a coin already recorded"}},
)
async def award_coin(
    body: CoinCreate, response: Response, writer: CoinWriterDep, actor: LoggerDep
) -> CoinPublic:
    # No database session here: the coin writer commits awards in batches (group commit).
    awarded = await writer.award(coin=body, by=actor)
    if not awarded.created:
        response.status_code = status.HTTP_200_OK
    return CoinPublic.model_validate(awarded.coin)


@router.post("/{coin_id}/void", response_model=CoinPublic, summary="Undo a coin (idempotent)")
def void_coin(coin_id: uuid.UUID, session: SessionDep, actor: LoggerDep) -> CoinPublic:
    return CoinPublic.model_validate(ledger.void_coin(session, coin_id=coin_id, by=actor))


@router.get("", response_model=list[CoinPublic])
def list_coins(
    session: SessionDep,
    _actor: TeacherDep,
    week: Annotated[str | None, Query(description="ISO week, e.g. 2026-W48")] = None,
    child_id: IdQuery | None = None,
    board: Annotated[str | None, Query(description="board slug")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[CoinPublic]:
    if week is not None:
        parse_week(week)
    group_ids = None
    if board is not None:
        group_ids = board_group_ids(session, get_board(session, board).id or 0)
    rows = ledger.list_coins(
        session, week=week, child_id=child_id, group_ids=group_ids, limit=limit
    )
    return [CoinPublic.model_validate(row) for row in rows]

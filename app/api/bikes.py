"""Daycare bikes, their queues and riders, and bike turns (handovers)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from app.api.deps import IdParam, IdQuery, LoggerDep, SessionDep, SettingsDep, TeacherDep
from app.models.bike import (
    BikeCreate,
    BikePublic,
    BikeTurnCreate,
    BikeTurnPublic,
    QueueJoin,
    RiderChange,
)
from app.services import bike_queue, bikes

router = APIRouter(tags=["bikes"])


@router.get("/bikes", response_model=list[BikePublic])
def list_bikes(
    session: SessionDep, _actor: LoggerDep, group_id: IdQuery | None = None
) -> list[BikePublic]:
    return bikes.list_bikes(session, group_id=group_id)


@router.post("/bikes", response_model=BikePublic, status_code=status.HTTP_201_CREATED)
def create_bike(body: BikeCreate, session: SessionDep, actor: TeacherDep) -> BikePublic:
    return bikes.create_bike(session, bike=body, by=actor)


@router.post(
    "/bike-turns",
    response_model=BikeTurnPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Record a bike handover (idempotent by id, like coins)",
    responses={200: {"model": BikeTurnPublic, "description": "Replay of a recorded turn"}},
)
def record_bike_turn(
    body: BikeTurnCreate,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    actor: LoggerDep,
) -> BikeTurnPublic:
    turn, created = bikes.record_bike_turn(session, turn=body, by=actor, settings=settings)
    if not created:
        response.status_code = status.HTTP_200_OK
    return turn


_ONCE = (
    " 201 when made; the same `id` again with the same body answers 200 with the bike as it "
    "is now (nothing done twice); with a different body, 409."
)
_REPLAY: dict[int | str, dict[str, Any]] = {
    200: {"model": BikePublic, "description": "Replay of a change already made"}
}


@router.post(
    "/bikes/{bike_id}/queue",
    response_model=BikePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Put a toddler in a bike's queue",
    description="At the end of the queue; a toddler already waiting keeps their place. A "
    "toddler waits for one bike at a time: joining this queue leaves any other." + _ONCE,
    responses=_REPLAY,
)
def join_queue(
    bike_id: IdParam, body: QueueJoin, response: Response, session: SessionDep, actor: LoggerDep
) -> BikePublic:
    bike, created = bike_queue.join_queue(
        session, change_id=body.id, bike_id=bike_id, child_id=body.child_id, by=actor
    )
    return _answer(response, bike, created)


@router.delete(
    "/bikes/{bike_id}/queue/{child_id}",
    response_model=BikePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Take a toddler out of a bike's queue",
    description="A no-op when they were not in it. The change's `id` is a query parameter "
    "(a DELETE has no body)." + _ONCE,
    responses=_REPLAY,
)
def leave_queue(
    bike_id: IdParam,
    child_id: IdParam,
    change_id: Annotated[uuid.UUID, Query(alias="id", description="the idempotency key")],
    response: Response,
    session: SessionDep,
    actor: LoggerDep,
) -> BikePublic:
    bike, created = bike_queue.leave_queue(
        session, change_id=change_id, bike_id=bike_id, child_id=child_id, by=actor
    )
    return _answer(response, bike, created)


@router.put(
    "/bikes/{bike_id}/rider",
    response_model=BikePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Set who rides a bike (a first rider, a correction) or park it",
    description="`child_id: null` parks the bike. This is not a handover: no bike turn, no "
    "coins. A handover goes through POST /bike-turns." + _ONCE,
    responses=_REPLAY,
)
def set_rider(
    bike_id: IdParam, body: RiderChange, response: Response, session: SessionDep, actor: LoggerDep
) -> BikePublic:
    bike, created = bike_queue.set_rider(
        session, change_id=body.id, bike_id=bike_id, child_id=body.child_id, by=actor
    )
    return _answer(response, bike, created)


def _answer(response: Response, bike: BikePublic, created: bool) -> BikePublic:
    if not created:
        response.status_code = status.HTTP_200_OK
    return bike

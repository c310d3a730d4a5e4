"""Daycare bikes, their queues and riders, and bike turns (handovers)."""

from fastapi import APIRouter, Response, status

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


@router.post(
    "/bikes/{bike_id}/queue",
    response_model=BikePublic,
    summary="Put a toddler in a bike's queue",
    description="At the end of the queue; a toddler already waiting keeps their place. A "
    "toddler waits for one bike at a time: joining this queue leaves any other.",
)
def join_queue(
    bike_id: IdParam, body: QueueJoin, session: SessionDep, actor: LoggerDep
) -> BikePublic:
    return bike_queue.join_queue(session, bike_id=bike_id, child_id=body.child_id, by=actor)


@router.delete(
    "/bikes/{bike_id}/queue/{child_id}",
    response_model=BikePublic,
    summary="Take a toddler out of a bike's queue (idempotent)",
)
def leave_queue(
    bike_id: IdParam, child_id: IdParam, session: SessionDep, actor: LoggerDep
) -> BikePublic:
    return bike_queue.leave_queue(session, bike_id=bike_id, child_id=child_id, by=actor)


@router.put(
    "/bikes/{bike_id}/rider",
    response_model=BikePublic,
    summary="Set who rides a bike (a first rider, a correction) or park it",
    description="`child_id: null` parks the bike. This is not a handover: no bike turn, no "
    "coins. A handover goes through POST /bike-turns.",
)
def set_rider(
    bike_id: IdParam, body: RiderChange, session: SessionDep, actor: LoggerDep
) -> BikePublic:
    return bike_queue.set_rider(session, bike_id=bike_id, child_id=body.child_id, by=actor)

"""Daycare bikes and bike turns (handovers)."""

from fastapi import APIRouter, Response, status

from app.api.deps import LoggerDep, SessionDep, SettingsDep, TeacherDep
from app.models.bike import BikeCreate, BikePublic, BikeTurnCreate, BikeTurnPublic
from app.services import bikes

router = APIRouter(tags=["bikes"])


@router.get("/bikes", response_model=list[BikePublic])
def list_bikes(
    session: SessionDep, _actor: LoggerDep, group_id: int | None = None
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

"""The recess tally: conflicts per recess per zone, anonymous, for the teachers' dashboard."""

from fastapi import APIRouter, Response, status

from app.api.deps import LoggerDep, SessionDep, SettingsDep
from app.models.fields import IsoDate
from app.models.tally import TalliesPublic, TallyChange, TallyPublic
from app.services import tallies

router = APIRouter(prefix="/tallies", tags=["tallies"])


@router.get("", response_model=TalliesPublic, summary="A day's tallies (default: today)")
def list_tallies(
    session: SessionDep, settings: SettingsDep, _actor: LoggerDep, day: IsoDate | None = None
) -> TalliesPublic:
    return tallies.tallies_for_day(session, day=day, settings=settings)


@router.post(
    "",
    response_model=TallyPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Count a conflict (delta 1) or take one back (delta -1)",
    description="The recess of the tap (`at`, default now; `recess` by its clock unless given) "
    "in one zone. No names. 201 when counted; the same `id` again with the same body answers "
    "200 with the tally as it is now (counted once); with a different body, 409.",
    responses={200: {"model": TallyPublic, "description": "Replay of a change already counted"}},
)
def change_tally(
    body: TallyChange,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    actor: LoggerDep,
) -> TallyPublic:
    tally, created = tallies.change_tally(session, change=body, by=actor, settings=settings)
    if not created:
        response.status_code = status.HTTP_200_OK
    return tally

"""The recess tally: conflicts per recess per zone, anonymous, for the teachers' dashboard."""

from datetime import date

from fastapi import APIRouter

from app.api.deps import LoggerDep, SessionDep, SettingsDep
from app.models.tally import TalliesPublic, TallyChange, TallyPublic
from app.services import tallies

router = APIRouter(prefix="/tallies", tags=["tallies"])


@router.get("", response_model=TalliesPublic, summary="A day's tallies (default: today)")
def list_tallies(
    session: SessionDep, settings: SettingsDep, _actor: LoggerDep, day: date | None = None
) -> TalliesPublic:
    return tallies.tallies_for_day(session, day=day, settings=settings)


@router.post(
    "",
    response_model=TallyPublic,
    summary="Count a conflict (delta 1) or take one back (delta -1)",
    description="Today's recess (by the school clock unless given) in one zone. No names.",
)
def change_tally(
    body: TallyChange, session: SessionDep, settings: SettingsDep, actor: LoggerDep
) -> TallyPublic:
    return tallies.change_tally(session, change=body, by=actor, settings=settings)

"""What the interns' tablet reads: who is signed in, and one group with its coin counts."""

from fastapi import APIRouter

from app.api.deps import IdParam, LoggerDep, SessionDep, SettingsDep
from app.models.tablet import TabletGroup, TabletMe
from app.services import tablet

router = APIRouter(prefix="/tablet", tags=["tablet"])


@router.get("/me", response_model=TabletMe, summary="Who is signed in on this tablet")
def me(session: SessionDep, actor: LoggerDep) -> TabletMe:
    return tablet.who_am_i(session, actor=actor)


@router.get(
    "/groups/{group_id}",
    response_model=TabletGroup,
    summary="A group as the tablet shows it",
    description="Every active child of the group with coins today, coins this "
    "week and how many more they may get today (the daily cap); the children not yet seen "
    "this week (and whether there are so many the tablet shows them first); what the signed-in "
    "intern gave today (for them alone); and the reasons to pick from.",
)
def group_view(
    group_id: IdParam, session: SessionDep, settings: SettingsDep, actor: LoggerDep
) -> TabletGroup:
    return tablet.group_view(session, group_id=group_id, by=actor, settings=settings)

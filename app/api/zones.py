"""The school's zones of the schoolyard (where the recess tally counts conflicts)."""

from fastapi import APIRouter, status

from app.api.deps import LoggerDep, SessionDep, TeacherDep
from app.models.zone import ZoneCreate, ZonePublic, ZoneUpdate
from app.services import zones

router = APIRouter(prefix="/zones", tags=["tallies"])


@router.get("", response_model=list[ZonePublic], summary="The zones, in the school's order")
def list_zones(session: SessionDep, _actor: LoggerDep, active: bool = False) -> list[ZonePublic]:
    return zones.list_zones(session, active_only=active)


@router.post(
    "",
    response_model=ZonePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Add a zone",
    description="Its `slug` (what a tally names) is made from the name and kept on a rename.",
)
def create_zone(body: ZoneCreate, session: SessionDep, actor: TeacherDep) -> ZonePublic:
    return zones.create_zone(session, zone=body, by=actor)


@router.patch("/{slug}", response_model=ZonePublic, summary="Rename, move or switch off a zone")
def update_zone(slug: str, body: ZoneUpdate, session: SessionDep, actor: TeacherDep) -> ZonePublic:
    return zones.update_zone(session, slug=slug, changes=body, by=actor)

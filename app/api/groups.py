"""Groups: school classes and daycare groups."""

from fastapi import APIRouter, status

from app.api.deps import IdParam, LoggerDep, SessionDep, TeacherDep
from app.models.roster import GroupCreate, GroupPublic, GroupUpdate
from app.services import roster

router = APIRouter(prefix="/groups", tags=["roster"])


@router.get("", response_model=list[GroupPublic])
def list_groups(session: SessionDep, _actor: LoggerDep) -> list[GroupPublic]:
    return [GroupPublic.model_validate(group) for group in roster.list_groups(session)]


@router.post("", response_model=GroupPublic, status_code=status.HTTP_201_CREATED)
def create_group(body: GroupCreate, session: SessionDep, actor: TeacherDep) -> GroupPublic:
    return GroupPublic.model_validate(roster.create_group(session, group=body, by=actor))


@router.patch("/{group_id}", response_model=GroupPublic)
def update_group(
    group_id: IdParam, body: GroupUpdate, session: SessionDep, actor: TeacherDep
) -> GroupPublic:
    group = roster.update_group(session, group_id=group_id, changes=body, by=actor)
    return GroupPublic.model_validate(group)

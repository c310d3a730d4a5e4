"""Children: the roster, its CSV import, and erasure."""

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile, status

from app.api.deps import IdParam, IdQuery, LoggerDep, SessionDep, SettingsDep, TeacherDep
from app.api.http import MAX_ROSTER_BYTES
from app.domain.errors import Invalid
from app.models.roster import ChildCreate, ChildPublic, ChildUpdate
from app.models.roster_import import ImportReport
from app.services import roster
from app.services.roster_import import import_roster

router = APIRouter(prefix="/children", tags=["roster"])

# A whole school's EDEX.XML (500 children with every field the administration exports) is a
# few MB; app/web/limits.py lets uploads of this size through.


@router.get("", response_model=list[ChildPublic])
def list_children(
    session: SessionDep,
    _actor: LoggerDep,
    group_id: IdQuery | None = None,
    active: bool | None = None,
) -> list[ChildPublic]:
    children = roster.list_children(session, group_id=group_id, active=active)
    return [ChildPublic.model_validate(child) for child in children]


@router.post("", response_model=ChildPublic, status_code=status.HTTP_201_CREATED)
def add_child(body: ChildCreate, session: SessionDep, actor: TeacherDep) -> ChildPublic:
    return ChildPublic.model_validate(roster.add_child(session, child=body, by=actor))


@router.post(
    "/import",
    response_model=ImportReport,
    summary="Import a class list (CSV or EDEX.XML from the school administration)",
    description="Send the file as multipart field `file`: a CSV, or the EDEX.XML that "
    "ParnasSys and ESIS export (told apart by content). With `dry_run=true` nothing changes: "
    "the answer is the preview (what would be added or moved, every bad row with its line or "
    "leerling number, and for EDEX the active children the file no longer lists, `missing`). "
    "Without it, the good rows are imported and the bad ones reported; "
    "`deactivate_missing=true` also deactivates the `missing` children.",
)
def import_children(
    session: SessionDep,
    actor: TeacherDep,
    settings: SettingsDep,
    file: Annotated[
        UploadFile,
        File(description="CSV (; or , separated, UTF-8 or Windows-1252) or EDEX.XML"),
    ],
    dry_run: Annotated[bool, Query()] = False,
    deactivate_missing: Annotated[bool, Query()] = False,
) -> ImportReport:
    raw = file.file.read(MAX_ROSTER_BYTES + 1)
    if len(raw) > MAX_ROSTER_BYTES:
        raise Invalid(
            "the file is larger than 8 MiB; export one school at a time", code="file_too_large"
        )
    return import_roster(
        session,
        raw=raw,
        apply=not dry_run,
        by=actor,
        secret=settings.resolved_secret_key,
        deactivate="missing" if deactivate_missing else (),
    )


@router.get("/{child_id}", response_model=ChildPublic)
def get_child(child_id: IdParam, session: SessionDep, _actor: LoggerDep) -> ChildPublic:
    return ChildPublic.model_validate(roster.get_child(session, child_id))


@router.patch("/{child_id}", response_model=ChildPublic)
def update_child(
    child_id: IdParam, body: ChildUpdate, session: SessionDep, actor: TeacherDep
) -> ChildPublic:
    return ChildPublic.model_validate(
        roster.update_child(session, child_id=child_id, changes=body, by=actor)
    )


@router.delete(
    "/{child_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase a child",
    description="Deletes the child, their coins and bike turns, and removes their name from "
    "board events and draws. This cannot be undone.",
)
def erase_child(child_id: IdParam, session: SessionDep, actor: TeacherDep) -> Response:
    roster.erase_child(session, child_id=child_id, by=actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

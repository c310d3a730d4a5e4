"""Reasons a coin can be given for."""

from fastapi import APIRouter, status

from app.api.deps import LoggerDep, SessionDep, TeacherDep
from app.models.reason import ReasonContext, ReasonCreate, ReasonPublic, ReasonUpdate
from app.services import reasons

router = APIRouter(prefix="/reasons", tags=["roster"])


@router.get("", response_model=list[ReasonPublic])
def list_reasons(
    session: SessionDep, _actor: LoggerDep, context: ReasonContext | None = None
) -> list[ReasonPublic]:
    return [
        ReasonPublic.model_validate(reason)
        for reason in reasons.list_reasons(session, context=context)
    ]


@router.post("", response_model=ReasonPublic, status_code=status.HTTP_201_CREATED)
def create_reason(body: ReasonCreate, session: SessionDep, actor: TeacherDep) -> ReasonPublic:
    return ReasonPublic.model_validate(reasons.create_reason(session, reason=body, by=actor))


@router.patch("/{slug}", response_model=ReasonPublic)
def update_reason(
    slug: str, body: ReasonUpdate, session: SessionDep, actor: TeacherDep
) -> ReasonPublic:
    return ReasonPublic.model_validate(
        reasons.update_reason(session, slug=slug, changes=body, by=actor)
    )

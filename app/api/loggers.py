"""Loggers: the interns and daycare staff who give coins on the tablets."""

from fastapi import APIRouter, status

from app.api.deps import IdParam, SessionDep, SettingsDep, TeacherDep
from app.models.people import LoggerCreate, LoggerPublic, LoggerUpdate
from app.services import people

router = APIRouter(prefix="/loggers", tags=["people"])


@router.get("", response_model=list[LoggerPublic])
def list_loggers(session: SessionDep, _actor: TeacherDep) -> list[LoggerPublic]:
    return [LoggerPublic.model_validate(logger) for logger in people.list_loggers(session)]


@router.post("", response_model=LoggerPublic, status_code=status.HTTP_201_CREATED)
def create_logger(
    body: LoggerCreate, session: SessionDep, settings: SettingsDep, actor: TeacherDep
) -> LoggerPublic:
    return LoggerPublic.model_validate(
        people.create_logger(session, logger=body, by=actor, settings=settings)
    )


@router.patch("/{logger_id}", response_model=LoggerPublic)
def update_logger(
    logger_id: IdParam,
    body: LoggerUpdate,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
) -> LoggerPublic:
    logger = people.update_logger(
        session, logger_id=logger_id, changes=body, by=actor, settings=settings
    )
    return LoggerPublic.model_validate(logger)

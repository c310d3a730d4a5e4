"""Interns (loggers) on the desk: add, PIN, deactivate, and their open sessions (a lost tablet)."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.api.deps import IdParam, SessionDep, SettingsDep, TeacherDep
from app.models.people import LoggerCreate, LoggerUpdate
from app.services import people
from app.web.teacher.desk import Back, DeskRoute, done, page, parse_form

router = APIRouter(route_class=DeskRoute)
Text = Annotated[str, Form()]


@router.get("/teacher/loggers")
def loggers_page(request: Request, session: SessionDep, _actor: TeacherDep) -> Response:
    loggers = people.list_loggers(session)
    sessions: dict[int, list[object]] = {}
    for row in people.logger_sessions(session):
        sessions.setdefault(row.logger_id or 0, []).append(row)
    context = {"area": "loggers", "loggers": loggers, "sessions": sessions, "device": device_name}
    return page(request, "teacher/loggers.html", context)


@router.post("/teacher/loggers")
def add_logger(
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    name: Text,
    pin: Text,
    back: Back = "",
) -> Response:
    logger = parse_form(LoggerCreate, {"name": name, "pin": pin.strip()})
    row = people.create_logger(session, logger=logger, by=actor, settings=settings)
    return done(back, "teacher.loggers.added", name=row.name)


def _update(
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    logger_id: int,
    changes: LoggerUpdate,
) -> str:
    row = people.update_logger(
        session, logger_id=logger_id, changes=changes, by=actor, settings=settings
    )
    return row.name


@router.post("/teacher/loggers/{logger_id}/name")
def rename_logger(
    logger_id: IdParam,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    name: Text,
    back: Back = "",
) -> Response:
    changes = parse_form(LoggerUpdate, {"name": name})
    saved = _update(session, settings, actor, logger_id, changes)
    return done(back, "teacher.loggers.renamed", name=saved)


@router.post("/teacher/loggers/{logger_id}/pin")
def set_pin(
    logger_id: IdParam,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    pin: Text,
    back: Back = "",
) -> Response:
    changes = parse_form(LoggerUpdate, {"pin": pin.strip()})
    name = _update(session, settings, actor, logger_id, changes)
    return done(back, "teacher.loggers.pin_set", name=name)


@router.post("/teacher/loggers/{logger_id}/active")
def set_active(
    logger_id: IdParam,
    session: SessionDep,
    settings: SettingsDep,
    actor: TeacherDep,
    active: Annotated[bool, Form()],
    back: Back = "",
) -> Response:
    name = _update(session, settings, actor, logger_id, LoggerUpdate(active=active))
    key = "teacher.loggers.activated" if active else "teacher.loggers.deactivated"
    return done(back, key, name=name)


@router.post("/teacher/loggers/{logger_id}/sign-out")
def end_sessions(
    logger_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    back: Back = "",
) -> Response:
    ended = people.end_logger_sessions(session, logger_id=logger_id, by=actor)
    return done(back, "teacher.loggers.signed_out", count=ended)


def device_name(user_agent: str) -> str:
    """A user agent as a teacher recognises the device: "Chrome · Android"."""
    systems = ("iPad", "iPhone", "Android", "Windows", "Mac OS", "CrOS", "Linux")
    browsers = ("Edg", "Firefox", "Chrome", "Safari")
    system = next((name for name in systems if name in user_agent), "")
    browser = next((name for name in browsers if name in user_agent), "")
    names = {"Edg": "Edge", "Mac OS": "Mac", "CrOS": "Chromebook"}
    parts = [names.get(part, part) for part in (browser, system) if part]
    return " · ".join(parts) or user_agent[:40]

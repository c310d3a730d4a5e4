"""Signing in (teacher password, logger PIN) and out. Sessions live in the database."""

from fastapi import APIRouter, Request, Response, status
from sqlmodel import Session

from app.api.deps import (
    SESSION_COOKIE,
    ActorDep,
    SessionDep,
    SettingsDep,
    client_address,
)
from app.domain.actors import Role
from app.models.people import PinSignIn, TeacherSignIn
from app.services import auth
from app.settings import Settings

router = APIRouter(prefix="/session", tags=["session"])


def set_session_cookie(
    request: Request, response: Response, token: str, role: Role, settings: Settings
) -> None:
    hours = settings.teacher_max_hours if role is Role.teacher else settings.logger_max_hours
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=hours * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def device_of(request: Request) -> str:
    return request.headers.get("user-agent", "")[:120]


@router.post("", status_code=status.HTTP_204_NO_CONTENT, summary="Sign in as a teacher")
def sign_in_teacher(
    body: TeacherSignIn, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    token = auth.sign_in_teacher(
        session,
        username=body.username,
        password=body.password,
        address=client_address(request),
        device=device_of(request),
        settings=settings,
        replaces=request.cookies.get(SESSION_COOKIE),
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    set_session_cookie(request, response, token, Role.teacher, settings)
    return response


@router.post("/pin", status_code=status.HTTP_204_NO_CONTENT, summary="Sign in as a logger")
def sign_in_logger(
    body: PinSignIn, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    token = auth.sign_in_logger(
        session,
        logger_id=body.logger_id,
        pin=body.pin,
        address=client_address(request),
        device=device_of(request),
        settings=settings,
        replaces=request.cookies.get(SESSION_COOKIE),
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    set_session_cookie(request, response, token, Role.logger, settings)
    return response


def end_browser_session(request: Request, response: Response, session: Session) -> Response:
    """Sign this browser out: its server-side session, this process's memory of it, its cookie."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.sign_out(session, token=token)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, summary="Sign out")
def sign_out(request: Request, session: SessionDep, _actor: ActorDep) -> Response:
    return end_browser_session(request, Response(status_code=status.HTTP_204_NO_CONTENT), session)

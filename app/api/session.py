"""Signing in (teacher password, logger PIN) and out. Sessions live in the database."""

from fastapi import APIRouter, Request, Response, status

from app.api.deps import (
    ActorDep,
    SessionDep,
    SettingsDep,
    client_address,
)
from app.api.http import SESSION_COOKIE, device_of, end_browser_session, set_session_cookie
from app.domain.actors import Role
from app.models.people import PinSignIn, TeacherSignIn
from app.services import auth

router = APIRouter(prefix="/session", tags=["session"])


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


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, summary="Sign out")
def sign_out(request: Request, session: SessionDep, _actor: ActorDep) -> Response:
    return end_browser_session(request, Response(status_code=status.HTTP_204_NO_CONTENT), session)

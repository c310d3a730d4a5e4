"""Signing in to the desk and out of it: the same service and throttling as POST /api/v1/session."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.api.deps import (
    ActorDep,
    SessionDep,
    SettingsDep,
    client_address,
)
from app.api.http import SESSION_COOKIE, device_of, end_browser_session, set_session_cookie
from app.domain.actors import Role
from app.domain.errors import Forbidden, NotSignedIn, PleinmuntError, TooManyAttempts
from app.models.people import TeacherSignIn
from app.services import auth, setup
from app.web.teacher.desk import DeskRoute, failure, page, parse_form, redirect, success, too_many

router = APIRouter(route_class=DeskRoute)
FIRST_PAGE = "/teacher/weeks"


@router.get("/teacher")
def desk_home(request: Request, session: SessionDep, actor: ActorDep) -> Response:
    if actor is None:
        if setup.needs_setup(session):  # a fresh install: make the first teacher here
            return page(request, "teacher/setup.html", {"teacher": False})
        return page(request, "teacher/signin.html", {"teacher": False})
    if not actor.is_teacher:
        raise Forbidden(
            "the desk is for teachers; sign out and sign in as a teacher", code="desk_teachers_only"
        )
    return RedirectResponse(FIRST_PAGE, status_code=303)


@router.post("/teacher/sign-in")
def sign_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    try:
        form = parse_form(TeacherSignIn, {"username": username, "password": password})
        token = auth.sign_in_teacher(
            session,
            username=form.username,
            password=form.password,
            address=client_address(request),
            device=device_of(request),
            settings=settings,
            replaces=request.cookies.get(SESSION_COOKIE),
        )
    except TooManyAttempts as error:
        return _sign_in_again(request, error, username, status_code=429, headers=too_many(error))
    except PleinmuntError as error:
        return _sign_in_again(
            request, NotSignedIn(error.detail, code="wrong_password"), username, status_code=401
        )
    response = redirect(FIRST_PAGE, flash=success("teacher.signin.welcome"))
    set_session_cookie(request, response, token, Role.teacher, settings)
    return response


@router.post("/teacher/setup")
def first_teacher(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    code: Annotated[str, Form()] = "",
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    """The first teacher of a fresh install, guarded by the code `pleinmunt serve` printed."""
    try:
        token = setup.create_first_teacher(
            session,
            code=code[:40],
            username=username[:60],
            password=password[:200],
            address=client_address(request),
            device=device_of(request),
            settings=settings,
        )
    except TooManyAttempts as error:
        return _setup_again(request, error, username, status_code=429, headers=too_many(error))
    except PleinmuntError as error:
        if error.code == "setup_done":  # too late: somebody made the first teacher already
            return redirect("/teacher", flash=failure(error))
        return _setup_again(request, error, username, status_code=error.status_code)
    response = redirect(FIRST_PAGE, flash=success("teacher.setup.welcome"))
    set_session_cookie(request, response, token, Role.teacher, settings)
    return response


def _setup_again(
    request: Request,
    error: PleinmuntError,
    username: str,
    *,
    status_code: int,
    headers: dict[str, str] | None = None,
) -> Response:
    context = {"teacher": False, "flash": failure(error), "username": username[:60]}
    response = page(request, "teacher/setup.html", context, status_code=status_code)
    response.headers.update(headers or {})
    return response


def _sign_in_again(
    request: Request,
    error: PleinmuntError,
    username: str,
    *,
    status_code: int,
    headers: dict[str, str] | None = None,
) -> Response:
    # A wrong password shows the form again with the reason (401), throttling with 429.
    context = {"teacher": False, "flash": failure(error), "username": username[:60]}
    response = page(request, "teacher/signin.html", context, status_code=status_code)
    response.headers.update(headers or {})
    return response


@router.post("/teacher/sign-out")
def sign_out(request: Request, session: SessionDep) -> Response:
    response = redirect("/teacher", flash=success("teacher.signout.done"))
    return end_browser_session(request, response, session)

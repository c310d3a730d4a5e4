"""What the API and the pages both need from HTTP: the reader's language, the session cookie,
the public base URL, upload limits and validation messages in one sentence.

Imports run one way (web → api → services): pages may import app.api, the API never imports
app.web (ruff bans it in app/api/ruff.toml), so a helper both sides use lives here.
"""

from typing import Any

from fastapi import Request, Response
from sqlmodel import Session

from app.domain.actors import Role
from app.i18n import pick_language
from app.services import auth
from app.settings import Settings

SESSION_COOKIE = "pleinmunt_session"
LANGUAGE_COOKIE = "pleinmunt_lang"
MAX_ROSTER_BYTES = 8 * 1024 * 1024


def request_language(request: Request) -> str:
    """``?lang=``, else the language cookie, else the school's default."""
    return pick_language(
        request.query_params.get("lang"),
        request.cookies.get(LANGUAGE_COOKIE),
        request.app.state.settings.language,
    )


def public_base_url(request: Request, settings: Settings) -> str:
    return (settings.base_url or str(request.base_url)).rstrip("/")


def device_of(request: Request) -> str:
    return request.headers.get("user-agent", "")[:120]


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


def describe_validation(errors: list[dict[str, Any]]) -> str:
    """Pydantic's errors as one sentence: ``amount: must be at most 3; child_id: required``."""
    parts = []
    for error in errors[:5]:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        where = ".".join(location) or "body"
        message = str(error.get("msg", "is not valid"))
        if error.get("type") == "json_invalid":
            where, message = "body", "is not valid JSON"
        elif error.get("type") == "missing":
            message = "is required"
        parts.append(f"{where}: {message}")
    return "; ".join(parts) or "the request is not valid"

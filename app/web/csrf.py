"""CSRF tokens for the teacher desk's forms.

Signed in, a form's token is an HMAC (the settings' secret key) of the hash of the session
cookie: nothing is stored, and the token dies with the session. Before sign-in (the sign-in
form itself) the browser gets a random ``pleinmunt_csrf`` cookie and the form carries the HMAC
of it (a signed double submit), so another site can neither read nor forge either half.

Every POST route of the desk runs ``require_csrf`` as its first dependency (the desk's route
class puts it there, app/web/teacher/desk.py): a form without the right ``csrf_token`` is
refused with 403 before the role, the database or the form's other fields are looked at.
"""

import hashlib
import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response

from app.api.http import SESSION_COOKIE
from app.domain.errors import Forbidden
from app.services.auth import token_hash

CSRF_COOKIE = "pleinmunt_csrf"
CSRF_FIELD = "csrf_token"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfRefused(Forbidden):
    code = "csrf"

    def __init__(self) -> None:
        super().__init__("This form is not from this page, or it expired; reload and try again.")


def _sign(request: Request, purpose: str, value: str) -> str:
    key = request.app.state.settings.resolved_secret_key.encode()
    return hmac.new(key, f"csrf:{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def expected_token(request: Request) -> str | None:
    """The token this browser's forms must carry, or None when it has no cookie to bind to."""
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return _sign(request, "session", token_hash(session))
    anonymous = request.cookies.get(CSRF_COOKIE)
    if anonymous:
        return _sign(request, "anonymous", anonymous)
    return None


def issue_token(request: Request) -> tuple[str, str | None]:
    """The token for a page's forms, and a new anonymous cookie value to set, if one is needed."""
    token = expected_token(request)
    if token is not None:
        return token, None
    cookie = secrets.token_urlsafe(32)
    return _sign(request, "anonymous", cookie), cookie


def set_anonymous_cookie(request: Request, response: Response, value: str) -> None:
    response.set_cookie(
        CSRF_COOKIE,
        value,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/teacher",
    )


async def require_csrf(request: Request) -> None:
    """The first dependency of every desk POST: no valid token, no further look."""
    expected = expected_token(request)
    content_type = request.headers.get("content-type", "")
    if expected is None or not content_type.startswith(_FORM_TYPES):
        raise CsrfRefused()
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfRefused()

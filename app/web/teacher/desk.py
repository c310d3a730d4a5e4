"""What every page of the teacher desk shares: the route class, page rendering, flash messages.

``DeskRoute`` does two things for every desk route, so no route can forget them:
- a POST runs ``require_csrf`` (app/web/csrf.py) before any other dependency;
- a domain error never becomes JSON or a 500 here: a page shows it. A POST goes back to the
  page it came from (the form's ``back`` field) with the message on top; a GET shows an error
  page; not signed in goes to the sign-in page.
"""

import base64
import binascii
import json
from collections.abc import Callable, Coroutine
from datetime import datetime
from functools import partial
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fastapi import Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from app.api.errors import validation_code
from app.api.http import SESSION_COOKIE, describe_validation, request_language
from app.domain.avatars import ANIMALS, COLOURS
from app.domain.errors import Invalid, NotSignedIn, PleinmuntError, TooManyAttempts
from app.i18n import catalog_keys, gettext_for, plural_for
from app.i18n.errors import error_key
from app.web.csrf import CSRF_FIELD, CsrfRefused, issue_token, require_csrf, set_anonymous_cookie
from app.web.templating import render

ModelT = TypeVar("ModelT", bound=BaseModel)
# Every desk form sends the address of its page, where its outcome is shown (see safe_back).
Back = Annotated[str, Form()]
FLASH_COOKIE = "pleinmunt_flash"
_FLASH_KEYS = ("teacher.", "error.")
HOME = "/teacher"
NAV = (
    ("weeks", "/teacher/weeks"),
    ("dashboard", "/teacher/dashboard"),
    ("roster", "/teacher/roster"),
    ("loggers", "/teacher/loggers"),
    ("boards", "/teacher/boards"),
    ("reasons", "/teacher/reasons"),
    ("audit", "/teacher/audit"),
    ("year_end", "/teacher/year-end"),
)


class DeskRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if "POST" in {method.upper() for method in kwargs.get("methods") or ()}:
            kwargs["dependencies"] = [Depends(require_csrf), *(kwargs.get("dependencies") or [])]
        kwargs.setdefault("include_in_schema", False)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def desk_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as error:
                return await error_response(request, form_invalid(list(error.errors())))
            except PleinmuntError as error:
                return await error_response(request, error)

        return desk_handler


async def error_response(request: Request, error: PleinmuntError) -> Response:
    if isinstance(error, CsrfRefused):
        # Nothing was looked at, not even who is asking: a bare page with a way back.
        return page(request, "teacher/refused.html", {"teacher": False}, status_code=403)
    if isinstance(error, NotSignedIn):
        if request.cookies.get(SESSION_COOKIE):
            return _session_expired(request)
        return RedirectResponse(HOME, status_code=303)
    if request.method == "POST" and error.status_code != 403:
        return redirect(await back_url(request), flash=failure(error))
    teacher = error.status_code != 403  # a logger or kiosk link gets no desk navigation
    context = {"error": failure(error), "teacher": teacher, "can_sign_out": not teacher}
    return page(request, "teacher/error.html", context, error.status_code)


def _session_expired(request: Request) -> Response:
    """This browser was signed in, and is no more: the sign-in page says why, once."""
    expired = NotSignedIn("the session expired; sign in again", code="session_expired")
    response = redirect(HOME, flash=failure(expired))
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


def failure(error: PleinmuntError) -> dict[str, Any]:
    """A domain error as a message: its catalog key and parameters. Its English ``detail``
    rides along only for an English page whose key says less than the detail (see _message)."""
    key, precise = error_key(error, "teacher.error.", "error.")
    detail = "" if precise else error.detail[:300]
    return {"kind": "error", "key": key, "detail": detail, "args": dict(error.params)}


def success(key: str, **args: Any) -> dict[str, Any]:
    return {"kind": "ok", "key": key, "detail": "", "args": args}


async def back_url(request: Request) -> str:
    """Where a form's outcome is shown: its own page (the ``back`` field), else the desk."""
    try:
        back = (await request.form()).get("back")
    except Exception:  # an unreadable body has no back field; the desk's home will do
        back = None
    return safe_back(back if isinstance(back, str) else None)


def safe_back(back: str | None) -> str:
    # Only pages of the desk itself: a form must not send a teacher anywhere else.
    if back and back.startswith("/teacher") and "//" not in back and "\\" not in back:
        return back
    return HOME


def redirect(url: str, *, flash: dict[str, Any] | None = None) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)  # POST, then GET (no resubmit on reload)
    if flash is not None:
        payload = base64.urlsafe_b64encode(json.dumps(flash).encode()).decode()
        response.set_cookie(
            FLASH_COOKIE, payload, max_age=120, httponly=True, samesite="lax", path="/teacher"
        )
    return response


def done(back: str, key: str, *, to: str | None = None, **args: Any) -> Response:
    """A form did its work: back to its page (or ``to``) with a short confirmation."""
    return redirect(to or safe_back(back), flash=success(key, **args))


def _read_flash(request: Request) -> dict[str, Any] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        flash = json.loads(base64.urlsafe_b64decode(raw.encode()))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(flash, dict) or not str(flash.get("key", "")).startswith(_FLASH_KEYS):
        return None
    return flash


def page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """A desk page: the catalog, this browser's form token, the navigation and any message."""
    token, new_cookie = issue_token(request)
    flash = context.pop("flash", None) or _read_flash(request)
    language = request_language(request)
    gettext = gettext_for(language)
    if flash is not None:
        flash = {**flash, "text": _message(gettext, flash, language)}
    if isinstance(context.get("error"), dict):
        context["error"] = {
            **context["error"],
            "text": _message(gettext, context["error"], language),
        }
    response = render(
        request,
        template,
        {
            "teacher": True,
            "animals": ANIMALS,
            "colours": COLOURS,
            "when": partial(
                format_when, tz=request.app.state.settings.tz, language=request_language(request)
            ),
            "csrf_field": CSRF_FIELD,
            "csrf_token": token,
            "nav": NAV,
            "flash": flash,
            "here": _here(request),
            **context,
        },
        status_code=status_code,
    )
    if new_cookie is not None:
        set_anonymous_cookie(request, response, new_cookie)
    if request.cookies.get(FLASH_COOKIE):
        response.delete_cookie(FLASH_COOKIE, path="/teacher")
    return response


def _message(gettext: Callable[[str], str], flash: dict[str, Any], language: str) -> str:
    """The message once, in the page's language: the catalog's text, or on an English page the
    error's own sentence when the catalog only knows what kind of error it is."""
    detail = str(flash.get("detail") or "")
    if detail and language == "en":
        return detail[:1].upper() + detail[1:]
    key = str(flash.get("key", ""))
    text = gettext(key)
    args = dict(flash.get("args") or {})
    for name, value in args.items():  # "3 kinderen": a count with its own plural entry
        if isinstance(value, int) and f"{key}.{name}" in catalog_keys(language):
            args[name] = plural_for(language)(f"{key}.{name}", value)
    if "field" in args:  # a form field by the name its label shows
        field_key = f"teacher.field.{args['field']}"
        args["field"] = gettext(field_key) if field_key in catalog_keys(language) else args["field"]
    try:
        return text.format(**args)
    except (KeyError, IndexError, ValueError, TypeError):  # a cookie that is not ours
        return text


def _here(request: Request) -> str:
    """This page's address, for the forms' ``back`` field and the language switch. A page that
    answers a POST (a preview, a new kiosk link, a refusal) has no address of its own to go
    back to: the desk's home, unless the route names one."""
    if request.method != "GET":
        return HOME
    query = urlencode([item for item in request.query_params.multi_items() if item[0] != "lang"])
    return request.url.path + (f"?{query}" if query else "")


def parse_form(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """Form fields into one of the API's models; its rules, its messages (as a 422)."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise form_invalid([dict(e) for e in error.errors()]) from None


def form_invalid(errors: list[Any]) -> Invalid:
    """Pydantic's complaint as an error a page can translate: which field to look at."""
    fields = [
        str(part)
        for error in errors[:1]
        for part in error.get("loc", ())
        if part not in ("body", "query", "form")
    ]
    code = validation_code(errors, fallback="form_invalid")
    return Invalid(describe_validation(errors), code=code, field=".".join(fields[:1]))


def form_int(value: str | None, *, field: str) -> int | None:
    """An optional whole number typed into a form; empty means 'not set'."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise Invalid(f"{field}: must be a whole number", code="whole_number", field=field)
    return int(text)


def too_many(error: TooManyAttempts) -> dict[str, str]:
    return {"Retry-After": str(error.retry_after)}


def format_when(moment: datetime | None, *, tz: ZoneInfo, language: str) -> str:
    """A moment as the school's clock shows it, e.g. "di 14 okt. 10:32"."""
    if moment is None:
        return ""
    return format_datetime(moment.astimezone(tz), "EEE d MMM HH:mm", locale=language)

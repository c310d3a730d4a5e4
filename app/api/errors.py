"""The one place errors become HTTP responses: JSON with a ``detail`` a person can act on."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.api.http import describe_validation
from app.domain.errors import PleinmuntError, TooManyAttempts, Unavailable
from app.models.fields import FIELD_CODES

log = logging.getLogger("pleinmunt")


class ErrorPublic(BaseModel):
    """Every error answer: a sentence a person can act on, and a stable code for pages."""

    detail: str
    code: str
    params: dict[str, str | int] = Field(
        default_factory=dict, description="the values the code's translated text needs"
    )
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="for 422 on malformed input: where and what"
    )


# Documented on every API route, so the OpenAPI schema says what errors really look like.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorPublic, "description": description}
    for status, description in (
        (401, "Not signed in"),
        (403, "Signed in, but this role may not"),
        (404, "No such thing"),
        (409, "Conflicts with what is stored"),
        (413, "Request too large"),
        (422, "Invalid input"),
        (429, "Too many attempts (see Retry-After)"),
        (503, "Database unavailable (see Retry-After)"),
    )
}

_DATABASE_DOWN_RETRY_SECONDS = 5
_FASTAPI_BODY_UNREADABLE = "There was an error parsing the body"


def _response(status: int, detail: str, code: str, **extra: Any) -> JSONResponse:
    headers = extra.pop("headers", None)
    params = extra.pop("params", None) or {}
    body = {"detail": detail, "code": code, "params": params, **extra}
    return JSONResponse(body, status, headers=headers)


async def pleinmunt_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PleinmuntError)
    headers = None
    if isinstance(exc, TooManyAttempts | Unavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    return _response(exc.status_code, exc.detail, exc.code, params=exc.params, headers=headers)


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": list(error.get("loc", ())),
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "")),
        }
        for error in exc.errors()
    ]
    code = validation_code(errors, fallback="invalid")
    return _response(422, describe_validation(list(exc.errors())), code, errors=errors)


def validation_code(errors: list[dict[str, Any]], *, fallback: str) -> str:
    """The precise code of the first complaint when it has one (``pin_too_simple``)."""
    kind = str(errors[0].get("type", "")) if errors else ""
    return kind if kind in FIELD_CODES else fallback


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    headers = exc.headers
    if exc.status_code == 400 and detail == _FASTAPI_BODY_UNREADABLE:
        # FastAPI's answer to a body it cannot decode (not UTF-8, say): malformed input is a
        # 422 like every other, as the schema documents, not an undocumented 400.
        return _response(422, "The body is not valid JSON (or not UTF-8 text).", "invalid")
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    elif exc.status_code == 405:
        detail = "This address does not take that method."
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    return _response(exc.status_code, detail, "http_error", headers=headers)


def allowed_methods(request: Request) -> str:
    """Every method the address takes, over all its routes (Starlette's 405 names only the
    first route's: GET /api/v1/coins answered a POST-only Allow)."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    )


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


async def database_error(_request: Request, exc: Exception) -> JSONResponse:
    # The database is down or restarting: say so and ask the client to retry, never a 500.
    log.warning(
        "database unavailable: %s: %s",
        type(exc).__name__,
        str(getattr(exc, "orig", exc)).splitlines()[0][:200],
    )
    return _response(
        503,
        "The database is not reachable right now; nothing was saved. Try again in a moment.",
        "unavailable",
        headers={"Retry-After": str(_DATABASE_DOWN_RETRY_SECONDS)},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PleinmuntError, pleinmunt_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(OperationalError, database_error)
    app.add_exception_handler(DBAPIError, _dbapi_error)
    app.add_exception_handler(OverflowError, unstorable_value)


async def _dbapi_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await database_error(request, exc)
    if isinstance(exc, DataError):
        return await unstorable_value(request, exc)
    raise exc


async def unstorable_value(_request: Request, exc: Exception) -> JSONResponse:
    # Validation should catch these first; this is the net under it, never a 500.
    log.warning("unstorable value refused: %s", type(exc).__name__)
    return _response(
        422,
        "The request holds a value that cannot be stored (a number too large, or a "
        "control character); correct it and try again.",
        "invalid",
    )

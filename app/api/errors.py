"""The one place errors become HTTP responses: JSON with a ``detail`` a person can act on."""

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.domain.errors import PleinmuntError, TooManyAttempts, Unavailable

log = logging.getLogger("pleinmunt")

_DATABASE_DOWN_RETRY_SECONDS = 5


def _response(status: int, detail: str, code: str, **extra: Any) -> JSONResponse:
    headers = extra.pop("headers", None)
    return JSONResponse({"detail": detail, "code": code, **extra}, status, headers=headers)


async def pleinmunt_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PleinmuntError)
    headers = None
    if isinstance(exc, TooManyAttempts | Unavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    return _response(exc.status_code, exc.detail, exc.code, headers=headers)


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
    return _response(422, describe_validation(list(exc.errors())), "invalid", errors=errors)


async def http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    elif exc.status_code == 405:
        detail = "This address does not take that method."
    elif exc.status_code == 413:
        detail = TOO_LARGE
    return _response(exc.status_code, detail, "http_error", headers=exc.headers)


async def database_error(_request: Request, exc: Exception) -> JSONResponse:
    # The database is down or restarting: say so and ask the client to retry, never a 500.
    log.warning("database unavailable: %s", type(exc).__name__)
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


async def _dbapi_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await database_error(request, exc)
    raise exc


TOO_LARGE = "The request is too large (the limit is 64 KiB; a roster file may be 1 MiB)."


class JsonTooLarge:
    """Starlette's body limit answers 413 in plain text; every error here is JSON with detail."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replacing = False

        async def send_json_413(message: Message) -> None:
            nonlocal replacing
            if message["type"] == "http.response.start" and message["status"] == 413:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/plain"):
                    replacing = True
                    body = json.dumps({"detail": TOO_LARGE, "code": "too_large"}).encode()
                    headers["content-type"] = "application/json"
                    headers["content-length"] = str(len(body))
                    await send(message)
                    await send({"type": "http.response.body", "body": body})
                    return
            if replacing:
                return  # the plain-text body, already replaced
            await send(message)

        await self.app(scope, receive, send_json_413)

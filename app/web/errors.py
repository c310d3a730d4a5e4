"""Errors on pages: whoever opened a page gets a page, in their language, with a way back.

The API's handlers (app/api/errors.py) answer JSON; these take over for requests that are
pages (not under /api, and the desk or a browser asking for HTML): an address that does not
exist (404), a form's address opened as a page (405, e.g. after a failed post) and a server
error (500).
"""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from app.api.errors import allowed_methods, database_error, http_error
from app.web.teacher.desk import page

_NOT_PAGES = ("/api/", "/static/", "/kiosk", "/live", "/healthz")
# The status codes a page explains in its own words; any other gets the general text.
_EXPLAINED = frozenset({404, 405, 500, 503})


def is_page(request: Request) -> bool:
    path = request.url.path
    if path.startswith(_NOT_PAGES):
        return False
    return path.startswith("/teacher") or "text/html" in request.headers.get("accept", "")


def status_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
    """A bare desk page for an HTTP status: what happened and the way back to the desk."""
    code = status if status in _EXPLAINED else 400
    message = {"kind": "error", "key": f"teacher.error.http_{code}", "detail": "", "args": {}}
    context = {
        "teacher": False,
        "error": message,
        "title_key": f"teacher.error.http_{code}.title",
        "hint_key": f"teacher.error.http_{code}.hint",
    }
    response = page(request, "teacher/error.html", context, status_code=status)
    if headers:
        response.headers.update(headers)
    return response


async def page_or_json_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if is_page(request) and exc.status_code in (404, 405):
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return status_page(request, exc.status_code, headers)
    return await http_error(request, exc)


async def page_or_json_database_error(request: Request, exc: Exception) -> Response:
    response = await database_error(request, exc)  # logs it, once
    if is_page(request):
        return status_page(request, 503, {"Retry-After": response.headers["Retry-After"]})
    return response


async def page_server_error(request: Request, exc: Exception) -> Response:
    """Starlette's last net, outside every middleware; it logs the error itself afterwards."""
    if is_page(request):
        return status_page(request, 500)
    body = {"detail": "Something went wrong on the server.", "code": "server_error", "params": {}}
    return JSONResponse(body, 500)


def install_page_errors(app: FastAPI) -> None:
    """After the API's handlers: pages answer pages, the API keeps its JSON."""
    app.add_exception_handler(HTTPException, page_or_json_http_error)
    app.add_exception_handler(OperationalError, page_or_json_database_error)
    app.add_exception_handler(Exception, page_server_error)

"""Request size limits, answered like every other error: JSON with a ``detail``.

JSON bodies may be 64 KiB (a coin is ~200 bytes); file uploads (multipart: a roster CSV, or a
whole school's EDEX.XML of a few MB) 8 MiB.
Pure ASGI and outside the routing, so an oversized body is refused before it is parsed and
nothing is half-written. (FastAPI's own limit answers in plain text, outside our handlers.)
A body without a length (chunked) that crosses the limit late is cut off by an error from
``receive``, never by a quiet end of the body: a valid prefix (a whole coin, then padding) must
not reach the route, let alone the coin writer.
"""

import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_LIMIT = 64 * 1024
UPLOAD_LIMIT = 8 * 1024 * 1024
TOO_LARGE = "The request is too large: the limit is 64 KiB, or 8 MiB for a file upload."


def _limit(headers: Headers) -> int:
    content_type = headers.get("content-type", "")
    return UPLOAD_LIMIT if content_type.startswith("multipart/form-data") else JSON_LIMIT


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the body crosses the limit: reading the body fails, so the
    route never runs (FastAPI turns a failed read into an error before calling it)."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE)


async def _send_too_large(send: Send) -> None:
    body = json.dumps({"detail": TOO_LARGE, "code": "too_large"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = _limit(headers)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _send_too_large(send)
            return
        guard = _Guard(limit, receive, send)
        try:
            await self.app(scope, guard.receive, guard.send)
        except BodyTooLarge:
            if not (guard.replaced or guard.started):  # nothing answered it on the way out
                await _send_too_large(send)


class _Guard:
    """One request's body count, and its answer replaced by the 413 once the limit is crossed."""

    def __init__(self, limit: int, receive: Receive, send: Send) -> None:
        self._limit, self._receive, self._send = limit, receive, send
        self.received = 0
        self.exceeded = self.replaced = self.started = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self._limit:
                self.exceeded = True
                raise BodyTooLarge()
        return message

    async def send(self, message: Message) -> None:
        if self.exceeded and message["type"] == "http.response.start":
            self.replaced = True
            await _send_too_large(self._send)
        elif not self.replaced:
            self.started = True
            await self._send(message)

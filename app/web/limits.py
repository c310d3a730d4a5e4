"""Request size limits, answered like every other error: JSON with a ``detail``.

JSON bodies may be 64 KiB (a coin is ~200 bytes); file uploads (multipart: a roster CSV, or a
whole school's EDEX.XML of a few MB) 8 MiB.
Pure ASGI and outside the routing, so an oversized body is refused before it is parsed and
nothing is half-written. (FastAPI's own limit answers in plain text, outside our handlers.)
"""

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_LIMIT = 64 * 1024
UPLOAD_LIMIT = 8 * 1024 * 1024
TOO_LARGE = "The request is too large: the limit is 64 KiB, or 8 MiB for a file upload."


def _limit(headers: Headers) -> int:
    content_type = headers.get("content-type", "")
    return UPLOAD_LIMIT if content_type.startswith("multipart/form-data") else JSON_LIMIT


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
        received = 0
        exceeded = replaced = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    # Whatever the app makes of a cut-off body, the answer is the 413 below.
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal replaced
            if exceeded and message["type"] == "http.response.start":
                replaced = True
                await _send_too_large(send)
            elif not replaced:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)

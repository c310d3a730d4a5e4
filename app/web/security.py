"""Security headers on every response, and a same-origin check on every state change."""

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin: nothing leaks to other sites, and our own form posts still name their
    # origin (under no-referrer a browser sends "Origin: null", which the check below refuses).
    # Kiosk pages, whose address holds the link token, send no referrer at all (app/web/kiosk.py).
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    # Children's names travel in API answers, desk pages, exports, certificates and the audit
    # CSV: no browser or proxy cache keeps them (ASVS 8.2.1). Static files and the tablet's
    # shell, which carry none, set their own (no-cache: revalidated, so upgrades arrive).
    (b"cache-control", b"no-store"),
)
_HTTPS_HEADERS = (*_HEADERS, (b"strict-transport-security", b"max-age=31536000"))


class SecurityHeaders:
    """Pure ASGI (no BaseHTTPMiddleware) so it costs next to nothing on the award path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in _UNSAFE and not _same_origin(scope):
            response = JSONResponse(
                {
                    "detail": "This request came from another site and was refused.",
                    "code": "forbidden",
                },
                status_code=403,
            )
            await response(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        extra = _HTTPS_HEADERS if https else _HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Raw header pairs, added unless the response set its own (e.g. the docs' CSP):
                # this runs on every coin tap, so no Headers objects.
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [
                    *message.get("headers", ()),
                    *(pair for pair in extra if pair[0] not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _same_origin(scope: Scope) -> bool:
    """A browser names the page that sent a request; scripts and curl send no Origin at all."""
    headers = Headers(scope=scope)
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    return origin.split("://", 1)[-1] == host

"""gzip for text responses, except the teacher desk's pages.

A tablet's first visit is mostly JavaScript, CSS and JSON, which gzip shrinks to a third;
Starlette's middleware does it (HTTP only, never the kiosk socket). Images, archives and
xlsx files are already compressed and are skipped by its content-type list.

Desk pages stay uncompressed on purpose: each carries the session's CSRF token beside text a
form echoes back, the pattern a BREACH attacker measures over https. They are small and served
on the school's network, so compressing them would save nothing a teacher notices.
"""

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

# Level 6 is zlib's default: nearly level 9's size at a fraction of its CPU on a small server.
COMPRESS_LEVEL = 6
UNCOMPRESSED_PREFIXES = ("/teacher",)


class Compression:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=500, compresslevel=COMPRESS_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(UNCOMPRESSED_PREFIXES):
            await self.gzip(scope, receive, send)
            return
        await self.app(scope, receive, send)

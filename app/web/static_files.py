"""Static files that revalidate: a 304 costs nothing, and an upgrade reaches every screen.

Starlette sends an ``ETag`` (size and modification time) and answers ``If-None-Match`` with
304, but with no ``Cache-Control`` a browser may keep a file for days on a heuristic, so a
tablet or kiosk could mix an old script with a new page after an upgrade. ``no-cache`` makes
it ask every time; the answer is a few hundred bytes when nothing changed.
"""

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope


class RevalidatedStaticFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response

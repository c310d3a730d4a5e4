"""The wall display: ``/kiosk/{slug}?token=…`` (the kiosk link's url) and its static files.

The page carries no data about children: it loads, then the socket (app/api/live.py) brings
the board. The token stays in the address bar only; ``Referrer-Policy: no-referrer`` keeps it
out of every request the page makes, and the logs blank it (app/logs.py).
"""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session, col, select
from starlette.types import Scope

from app import __version__
from app.api.deps import ActorDep, SessionDep, SettingsDep
from app.api.http import request_language
from app.domain.avatars import ANIMALS, COLOURS
from app.i18n import messages_with_prefix
from app.models import Board, Reason
from app.realtime.protocol import SILENCE_FACTOR
from app.web.static_files import RevalidatedStaticFiles
from app.web.templating import render

router = APIRouter(include_in_schema=False)
ASSETS_PATH = "/kiosk-assets"


class KioskAssets(RevalidatedStaticFiles):
    """kiosk/ ships as the package app.kiosk; only its scripts, styles and images are public."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not path.endswith((".js", ".css", ".svg")):
            raise HTTPException(status_code=404)
        # Revalidated (the parent class): after an upgrade the page reloads itself, and its
        # modules must then all be of the new release.
        response = await super().get_response(path, scope)
        if path == "sw.js":
            # The worker lives with the assets but serves the kiosk pages (kiosk/sw.js).
            response.headers["Service-Worker-Allowed"] = "/kiosk/"
        return response


@router.get("/kiosk/{slug}", response_class=HTMLResponse)
def kiosk_page(
    slug: str, request: Request, session: SessionDep, actor: ActorDep, settings: SettingsDep
) -> HTMLResponse:
    board = session.exec(select(Board).where(Board.slug == slug)).first()
    allowed = board is not None and actor is not None and actor.may_view_board(board.id or 0)
    if not allowed or board is None:
        response = render(request, "kiosk_denied.html", status_code=403)
    else:
        language = request_language(request)
        config = {
            "slug": board.slug,
            "title": board.title,
            "lang": language,
            "version": __version__,
            "heartbeat": settings.kiosk_heartbeat_seconds,
            "silence": settings.kiosk_heartbeat_seconds * SILENCE_FACTOR,
            "animals": ANIMALS,
            "colours": COLOURS,
            "reasons": _reasons(session, language),
            "text": messages_with_prefix(language, "kiosk."),
        }
        response = render(
            request,
            "kiosk.html",
            {"config": config, "title": board.title, "assets": ASSETS_PATH, "v": __version__},
        )
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _reasons(session: Session, language: str) -> dict[str, dict[str, Any]]:
    rows = session.exec(select(Reason).order_by(col(Reason.id))).all()
    return {
        reason.slug: {
            "label": reason.label_nl if language == "nl" else reason.label_en,
            "icon": reason.icon,
        }
        for reason in rows
    }

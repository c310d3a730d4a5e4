"""The interns' tablet: the page (an app shell), its service worker and its web app manifest.

The page holds no personal state: who is signed in and which group is shown are asked of the
API by the page's script, so the service worker can cache the page itself and serve it when the
schoolyard Wi-Fi is gone.
"""

import hashlib
import json
from functools import lru_cache
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from app.api.deps import SessionDep, SettingsDep
from app.api.http import request_language
from app.domain.tallies import RECESSES
from app.i18n import gettext_for, messages_with_prefix
from app.services.tablet import active_logger_names
from app.web.templating import render

router = APIRouter(include_in_schema=False)

STATIC = "/static/tablet"
SCOPE = "/tablet"
APP_SCRIPT = f"{STATIC}/app.js"


@lru_cache
def shell_files() -> tuple[str, ...]:
    """Everything the page needs to start offline: its static files, by path."""
    folder = files("app.web") / "static" / "tablet"
    names = sorted(entry.name for entry in folder.iterdir() if entry.name != "sw.js")
    return (SCOPE, "/static/favicon.svg", *(f"{STATIC}/{name}" for name in names))


@lru_cache
def shell_version() -> str:
    """Changes whenever a shell file or the page template changes: a new cache, a new worker."""
    digest = hashlib.sha256()
    static = files("app.web") / "static" / "tablet"
    templates = files("app.web") / "templates" / "tablet"
    for folder in (static, templates):
        for entry in sorted(folder.iterdir(), key=lambda item: item.name):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


@router.get("/tablet", response_class=HTMLResponse)
def tablet_page(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    language = request_language(request)
    config = {
        "lang": language,
        "messages": messages_with_prefix(language, "tablet.", "error."),
        "bike_turn_minutes": settings.bike_turn_minutes,
        "daily_cap": settings.daily_cap,
        "refresh_ms": int(settings.tablet_refresh_seconds * 1000),
        "time_zone": settings.timezone,
        "recesses": list(RECESSES),
        "version": shell_version(),
    }
    loggers = [{"id": logger_id, "name": name} for logger_id, name in active_logger_names(session)]
    # Every module announced up front: fetched at once instead of three waves of imports (a
    # warm start on a slow tablet spent about 300 ms discovering them, bench_tablet_client.py).
    modules = [path for path in shell_files() if path.endswith(".js") and path != APP_SCRIPT]
    context = {"config": config, "loggers": loggers, "modules": modules}
    response = render(request, "tablet/index.html", context)
    # Always ask the server first (the service worker falls back to its copy when offline).
    response.headers["Cache-Control"] = "no-cache"
    return response


@router.get("/tablet/sw.js")
def service_worker() -> Response:
    source = (files("app.web") / "static" / "tablet" / "sw.js").read_text()
    source = source.replace('"__VERSION__"', json.dumps(shell_version()))
    source = source.replace('["__SHELL__"]', json.dumps(list(shell_files())))
    return Response(
        source,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": SCOPE},
    )


@router.get("/tablet/manifest.webmanifest")
def manifest(request: Request) -> JSONResponse:
    _ = gettext_for(request_language(request))
    return JSONResponse(
        {
            "name": _("tablet.manifest.name"),
            "short_name": _("app.name"),
            "start_url": SCOPE,
            "scope": SCOPE,
            "display": "standalone",
            "orientation": "any",
            "background_color": "#10243e",
            "theme_color": "#10243e",
            "icons": [
                {"src": f"{STATIC}/icon.svg", "sizes": "any", "type": "image/svg+xml"},
                {
                    "src": f"{STATIC}/icon-maskable.svg",
                    "sizes": "any",
                    "type": "image/svg+xml",
                    "purpose": "maskable",
                },
            ],
        },
        media_type="application/manifest+json",
    )

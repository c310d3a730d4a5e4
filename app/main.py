"""The application: settings, engine, hub, routers, pages and static files wired together.

Everything the app is made of is registered here, in ``create_app``: every router, mount and
middleware, and (in ``lifespan``) every background task:

- the hub (app/realtime/hub.py): ``hub.start()`` runs its housekeeping (viewer checks, the
  week's roll-over, pruning, app/realtime/housekeeping.py); its reader of board events and, on
  PostgreSQL, its LISTEN connection start with the first board socket;
- the coin writer's thread (app/services/coins/writer.py), started by the first coin tap;
- the draw schedule (app/services/winners/scheduler.py), the automatic draw after the week.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI

from app import __version__
from app.api import api_router
from app.api.errors import install_error_handlers
from app.api.health import router as health_router
from app.api.live import router as live_router
from app.db import engine_for_settings
from app.realtime.direct import KeepRawSend
from app.realtime.hub import Hub
from app.services.auth_cache import ActorCache
from app.services.coins.writer import CoinWriter
from app.services.winners.scheduler import draw_schedule
from app.settings import Settings, get_settings
from app.tuning import tune_for_serving
from app.web.certificates import router as certificates_router
from app.web.compression import Compression
from app.web.errors import install_page_errors
from app.web.kiosk import ASSETS_PATH as KIOSK_ASSETS_PATH
from app.web.kiosk import KioskAssets
from app.web.kiosk import router as kiosk_router
from app.web.limits import BodyLimit
from app.web.pages import router as pages_router
from app.web.security import SecurityHeaders
from app.web.static_files import RevalidatedStaticFiles
from app.web.tablet import router as tablet_router
from app.web.teacher import desk_router
from app.web.templating import make_templates


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = engine_for_settings(settings)
    hub = Hub(engine, settings)
    coin_writer = CoinWriter(engine, settings, hub)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.serving:
            tune_for_serving()
        await hub.start()
        try:
            async with draw_schedule(settings, engine, hub):
                yield
        finally:
            await asyncio.to_thread(coin_writer.stop)
            await hub.stop()
            engine.dispose()

    app = FastAPI(
        title="Pleinmunt",
        version=__version__,
        summary="Reward coins for a calmer schoolyard.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.serving = False
    app.state.engine = engine
    app.state.hub = hub
    app.state.coin_writer = coin_writer
    app.state.actor_cache = ActorCache(settings.auth_cache_seconds)
    app.state.templates = make_templates()
    install_error_handlers(app)
    install_page_errors(app)  # pages answer pages; the API keeps its JSON
    app.include_router(api_router)
    app.include_router(health_router)
    app.include_router(pages_router)
    app.include_router(tablet_router)
    app.include_router(kiosk_router)
    app.include_router(live_router)  # the board socket, /ws/boards/{slug}
    app.mount(
        KIOSK_ASSETS_PATH, KioskAssets(directory=str(files("app.kiosk"))), name="kiosk-assets"
    )
    app.include_router(certificates_router)
    app.include_router(desk_router)
    app.mount(
        "/static",
        RevalidatedStaticFiles(directory=str(files("app.web") / "static")),
        name="static",
    )
    # Middleware: the last added is the outermost.
    app.add_middleware(KeepRawSend)  # the fan-out's fast path (app/realtime/direct.py)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    # Outermost: compresses what the layers inside produced, security headers included.
    app.add_middleware(Compression)
    return app


def create_served_app() -> FastAPI:
    """The app as `pleinmunt serve` runs it: with the interpreter tuned for many taps
    (app/tuning.py). Tests build apps with create_app and leave the interpreter alone."""
    app = create_app()
    app.state.serving = True
    return app

"""The application: settings, engine, hub, routers, pages and static files wired together."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app import __version__
from app.api import api_router
from app.api.errors import JsonTooLarge, install_error_handlers
from app.api.health import router as health_router
from app.db import engine_for_settings
from app.realtime.hub import Hub
from app.services.scheduler import draw_schedule
from app.settings import Settings, get_settings
from app.web.certificates import router as certificates_router
from app.web.kiosk import install_kiosk
from app.web.pages import router as pages_router
from app.web.security import SecurityHeaders
from app.web.tablet import router as tablet_router
from app.web.templating import make_templates

MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = engine_for_settings(settings)
    hub = Hub(engine, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await hub.start()
        try:
            async with draw_schedule(settings, engine, hub):
                yield
        finally:
            await hub.stop()
            engine.dispose()

    app = FastAPI(
        title="Pleinmunt",
        version=__version__,
        summary="Reward coins for a calmer schoolyard.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.hub = hub
    app.state.templates = make_templates()
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(health_router)
    app.include_router(pages_router)
    app.include_router(tablet_router)
    install_kiosk(app)
    app.include_router(certificates_router)
    app.mount("/static", StaticFiles(directory=str(files("app.web") / "static")), name="static")
    app.add_middleware(JsonTooLarge)
    app.add_middleware(SecurityHeaders)
    return app

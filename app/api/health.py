"""Health: is the service up, can it reach its database, and are its background workers alive?

A 503 here means "restart me" to a container orchestrator or a systemd watchdog (docs/deploy.md,
"Health"): the coin writer (every tap) has died or has been writing one batch for a minute, or
the hub's reader (live delivery to kiosks) or, on PostgreSQL, its LISTEN connection has died or
has not finished a round for a minute. No sign-in needed; the body names only parts,
never data.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.db import check_database

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    summary="Service, database and background-worker health",
    responses={503: {"description": "Unhealthy: the database or a background worker is down"}},
)
def healthz(request: Request) -> JSONResponse:
    state = request.app.state
    try:
        check_database(state.engine)
    except Exception:  # any failure to reach the database means "not healthy"
        return _unhealthy({"database": "unreachable"})
    workers = state.coin_writer.problems() + state.hub.problems()
    if workers:
        return _unhealthy({"database": "ok", "stopped": workers})
    return JSONResponse({"status": "ok", "database": "ok"})


def _unhealthy(detail: dict[str, object]) -> JSONResponse:
    return JSONResponse(
        {"status": "unavailable", **detail}, status_code=503, headers={"Retry-After": "5"}
    )

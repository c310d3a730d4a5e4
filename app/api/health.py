"""Health: is the service up and can it reach its database? No sign-in needed."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.db import check_database

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Service and database health")
def healthz(request: Request) -> JSONResponse:
    try:
        check_database(request.app.state.engine)
    except Exception:  # any failure to reach the database means "not healthy"
        return JSONResponse(
            {"status": "unavailable", "database": "unreachable"},
            status_code=503,
            headers={"Retry-After": "5"},
        )
    return JSONResponse({"status": "ok", "database": "ok"})

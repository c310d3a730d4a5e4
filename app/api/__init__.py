"""Thin routers: read input, check the role (a dependency), call one service, return *Public."""

from fastapi import APIRouter

from app.api import (
    bikes,
    boards,
    children,
    coins,
    groups,
    loggers,
    reasons,
    session,
    tablet,
    tallies,
    winners,
    zones,
)
from app.api.errors import ERROR_RESPONSES

api_router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
# Routes are matched in order: the coin tap, the hot path, first.
for module in (
    coins,
    session,
    groups,
    children,
    reasons,
    loggers,
    boards,
    bikes,
    tablet,
    tallies,
    winners,
    zones,
):
    api_router.include_router(module.router)

"""The teacher desk at /teacher: server-rendered pages, one module per area.

Every route uses ``DeskRoute`` (desk.py): POSTs check the CSRF token first (app/web/csrf.py),
and domain errors become messages on a page, never JSON or a 500.
"""

from fastapi import APIRouter

from app.web.teacher import (
    audit,
    auth,
    boards,
    cards,
    dashboard,
    draw_check,
    loggers,
    reasons,
    roster,
    roster_import,
    weeks,
    year_end,
)

desk_router = APIRouter(include_in_schema=False)
for module in (
    auth,
    roster_import,  # before roster: /teacher/roster/import is not a roster page
    roster,
    loggers,
    boards,
    cards,
    reasons,
    weeks,
    draw_check,
    dashboard,
    audit,
    year_end,
):
    desk_router.include_router(module.router)

"""Printable cards (A4, eight to a page): an intern card with the tablet's address as a QR code
and the intern's name. Screen cards are printed from a new kiosk link's page (boards.py), the
only moment its token is known."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.addresses import is_loopback_url
from app.api.deps import IdQuery, SessionDep, SettingsDep, TeacherDep
from app.api.http import public_base_url
from app.services import cards
from app.web.qr import qr_svg
from app.web.teacher.desk import Back, DeskRoute, done, page

router = APIRouter(route_class=DeskRoute)


@router.get("/teacher/cards")
def cards_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
    logger: IdQuery | None = None,
) -> Response:
    tablet_url = f"{public_base_url(request, settings)}/tablet"
    context = {
        "area": "loggers",
        "names": cards.intern_card_names(session, logger_id=logger),
        "tablet_url": tablet_url,
        "qr": qr_svg(tablet_url, scale=4),
        "local": is_loopback_url(tablet_url),
    }
    return page(request, "teacher/cards.html", context)


@router.post("/teacher/cards/printed")
def cards_printed(
    session: SessionDep, actor: TeacherDep, count: Annotated[str, Form()] = "0", back: Back = ""
) -> Response:
    printed = int(count) if count.isdigit() else 0
    cards.record_cards_printed(session, cards=min(printed, 1000), by=actor)
    return done(back, "teacher.cards.printed")

"""Printable cards: one per intern (the tablet's address and their name, never a PIN)."""

from sqlmodel import Session

from app.domain.actors import Actor
from app.domain.errors import NotFound
from app.models import Logger
from app.services.audit import audit
from app.services.checklist import CARDS_PRINTED
from app.services.people import list_loggers


def intern_card_names(session: Session, *, logger_id: int | None = None) -> list[str]:
    """Every active intern's name (one card each), or one intern's."""
    if logger_id is None:
        return [row.name for row in list_loggers(session, active=True)]
    row = session.get(Logger, logger_id)
    if row is None:
        raise NotFound(f"logger {logger_id} does not exist", code="logger_not_found")
    return [row.name]


def record_cards_printed(session: Session, *, cards: int, by: Actor) -> None:
    """The teacher printed the intern cards (the desk's setup checklist reads this entry)."""
    audit(session, by=by, action=CARDS_PRINTED, subject="cards:interns", cards=cards)
    session.commit()

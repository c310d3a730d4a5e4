"""Flushing a row a unique index guards: a taken name or slug is a 409, never a 500."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.domain.errors import Conflict


def flush_or_conflict(session: Session, conflict: Conflict) -> None:
    """Flush; when the database refuses (a unique index), roll back and raise ``conflict``."""
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise conflict from None

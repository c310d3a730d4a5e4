"""Audit entries: who changed what. Children appear by id only, never by name."""

from typing import Any

from sqlmodel import Session

from app.domain.actors import Actor, SystemActor
from app.models import AuditEntry


def audit(
    session: Session, *, by: Actor | SystemActor, action: str, subject: str, **detail: Any
) -> None:
    actor = by.label
    session.add(AuditEntry(actor=actor, action=action, subject=subject, detail=detail))

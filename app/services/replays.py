"""Replays of a tablet's writes: the same id and body again changes nothing and answers 200.

The mechanism of coins and bike turns (the client's UUID is the key, a fingerprint of the body
tells a replay from a reused id) for writes that change a row in place. Every write session
holds the writers' lock from BEGIN, so looking the id up and then inserting it cannot race.
"""

import uuid
from typing import Any

from sqlmodel import Session

from app.domain.actors import Actor
from app.domain.errors import ReplayConflict
from app.domain.fingerprint import fingerprint
from app.models import ClientWrite


def replayed_subject(
    session: Session, *, write_id: uuid.UUID, kind: str, fields: dict[str, Any]
) -> str | None:
    """The subject of the write this id made before (a replay), or None the first time."""
    stored = session.get(ClientWrite, write_id)
    if stored is None:
        return None
    if stored.request_hash != _hash(kind, fields):
        raise ReplayConflict(
            f"{write_id} was already sent with different details; a new change needs a new id",
            code="replay_conflict",
        )
    return stored.subject


def remember_write(
    session: Session,
    *,
    write_id: uuid.UUID,
    kind: str,
    fields: dict[str, Any],
    subject: str,
    by: Actor,
) -> None:
    """Keep the id of a write just made (in its transaction), so its replay is recognised."""
    session.add(
        ClientWrite(
            id=write_id,
            kind=kind,
            subject=subject,
            request_hash=_hash(kind, fields),
            logged_by=by.label,
        )
    )


def _hash(kind: str, fields: dict[str, Any]) -> str:
    return fingerprint({**fields, "kind": kind})

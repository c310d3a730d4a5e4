"""The queue of toddlers waiting for a daycare bike, and who rides it now.

The queue lives on the server so two tablets agree; every change records a ``bike`` board event
(a BikePublic) so the daycare kiosk can show who is next. A toddler waits for one bike at a time
and rides one bike at a time.
"""

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.errors import Invalid, NotFound
from app.models import Bike, BikeQueueEntry
from app.models.bike import BikePublic
from app.models.types import utcnow
from app.services.audit import audit
from app.services.bikes import announce_bike, bike_public, check_toddler, get_bike
from app.services.replays import remember_write, replayed_subject

Changed = tuple[BikePublic, bool]  # the bike now, and False when the change was a replay


def _once(
    session: Session,
    *,
    change_id: uuid.UUID,
    kind: str,
    fields: dict[str, Any],
    by: Actor,
    change: Callable[[], BikePublic],
) -> Changed:
    """Make a bike-queue change once per id: a replay answers with the bike as it is now."""
    if replayed_subject(session, write_id=change_id, kind=kind, fields=fields) is not None:
        return bike_public(session, get_bike(session, fields["bike_id"])), False
    subject = f"bike:{fields['bike_id']}"
    remember_write(session, write_id=change_id, kind=kind, fields=fields, subject=subject, by=by)
    return change(), True  # its commit keeps the id with the change


def join_queue(
    session: Session, *, change_id: uuid.UUID, bike_id: int, child_id: int, by: Actor
) -> Changed:
    """Put a toddler at the end of a bike's queue (a no-op when they already wait for it)."""
    fields = {"bike_id": bike_id, "child_id": child_id}
    return _once(
        session,
        change_id=change_id,
        kind="bike.queue",
        fields=fields,
        by=by,
        change=lambda: _join(session, bike_id=bike_id, child_id=child_id, by=by),
    )


def leave_queue(
    session: Session, *, change_id: uuid.UUID, bike_id: int, child_id: int, by: Actor
) -> Changed:
    """Take a toddler out of a bike's queue (a no-op when they were not in it)."""
    fields = {"bike_id": bike_id, "child_id": child_id}
    return _once(
        session,
        change_id=change_id,
        kind="bike.unqueue",
        fields=fields,
        by=by,
        change=lambda: _leave(session, bike_id=bike_id, child_id=child_id, by=by),
    )


def set_rider(
    session: Session, *, change_id: uuid.UUID, bike_id: int, child_id: int | None, by: Actor
) -> Changed:
    """Start a bike with a first rider, correct who rides it, or park it (no rider).

    Not a handover: no bike turn and no coins. The rider leaves this bike's queue, and gets
    off any other bike they were riding.
    """
    fields = {"bike_id": bike_id, "child_id": child_id}
    return _once(
        session,
        change_id=change_id,
        kind="bike.rider",
        fields=fields,
        by=by,
        change=lambda: _ride(session, bike_id=bike_id, child_id=child_id, by=by),
    )


def _join(session: Session, *, bike_id: int, child_id: int, by: Actor) -> BikePublic:
    bike = _locked_bike(session, bike_id)
    check_toddler(session, child_id, bike)
    if bike.rider_child_id == child_id:
        raise Invalid(f"child {child_id} is riding this bike already", code="bike_riding_already")
    if session.get(BikeQueueEntry, (bike.id, child_id)) is not None:
        public = bike_public(session, bike)
        session.commit()  # nothing moves, but the change's id is kept
        return public
    changed = _leave_other_queues(session, child_id=child_id, keep=bike)
    session.add(BikeQueueEntry(bike_id=bike.id or 0, child_id=child_id, queued_at=utcnow()))
    audit(session, by=by, action="bike.queue", subject=f"bike:{bike.id}", child_id=child_id)
    for other in [*changed, bike]:
        announce_bike(session, other)
    public = bike_public(session, bike)
    session.commit()
    return public


def _leave(session: Session, *, bike_id: int, child_id: int, by: Actor) -> BikePublic:
    bike = _locked_bike(session, bike_id)
    entry = session.get(BikeQueueEntry, (bike.id, child_id))
    if entry is None:
        public = bike_public(session, bike)
        session.commit()  # nothing moves, but the change's id is kept
        return public
    session.delete(entry)
    audit(session, by=by, action="bike.unqueue", subject=f"bike:{bike.id}", child_id=child_id)
    announce_bike(session, bike)
    public = bike_public(session, bike)
    session.commit()
    return public


def _ride(session: Session, *, bike_id: int, child_id: int | None, by: Actor) -> BikePublic:
    bike = _locked_bike(session, bike_id)
    changed: list[Bike] = []
    if child_id is not None:
        check_toddler(session, child_id, bike)
        changed = _get_off_other_bikes(session, child_id=child_id, keep=bike)
        session.exec(
            delete(BikeQueueEntry).where(
                col(BikeQueueEntry.bike_id) == bike.id, col(BikeQueueEntry.child_id) == child_id
            )
        )
    if bike.rider_child_id != child_id:
        bike.rider_child_id = child_id
        bike.rider_since = utcnow() if child_id is not None else None
    session.add(bike)
    audit(session, by=by, action="bike.rider", subject=f"bike:{bike.id}", child_id=child_id)
    for other in [*changed, bike]:
        announce_bike(session, other)
    public = bike_public(session, bike)
    session.commit()
    return public


def _locked_bike(session: Session, bike_id: int) -> Bike:
    bike = session.exec(select(Bike).where(Bike.id == bike_id).with_for_update()).first()
    if bike is None:
        raise NotFound(f"bike {bike_id} does not exist", code="bike_not_found")
    if not bike.active:
        raise Invalid(
            f"bike {bike_id} is put away; a teacher can bring it back", code="bike_put_away"
        )
    return bike


def _leave_other_queues(session: Session, *, child_id: int, keep: Bike) -> list[Bike]:
    entries = session.exec(
        select(BikeQueueEntry).where(
            BikeQueueEntry.child_id == child_id, BikeQueueEntry.bike_id != keep.id
        )
    ).all()
    bikes = [session.get(Bike, entry.bike_id) for entry in entries]
    for entry in entries:
        session.delete(entry)
    return [bike for bike in bikes if bike is not None]


def _get_off_other_bikes(session: Session, *, child_id: int, keep: Bike) -> list[Bike]:
    others = session.exec(
        select(Bike).where(Bike.rider_child_id == child_id, Bike.id != keep.id)
    ).all()
    for other in others:
        other.rider_child_id = None
        other.rider_since = None
        session.add(other)
    return list(others)

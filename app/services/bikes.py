"""Daycare bikes and bike turns (handovers). A good handover earns both toddlers a coin."""

import uuid

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.awarding import clamp_awarded_at
from app.domain.errors import (
    CapReached,
    Conflict,
    InactiveChild,
    Invalid,
    NotFound,
    PleinmuntError,
    UnknownChild,
)
from app.domain.fingerprint import fingerprint
from app.models import Bike, BikeQueueEntry, BikeTurn, Child, Coin, Group, Reason
from app.models.bike import BikeCreate, BikePublic, BikeTurnCreate, BikeTurnPublic, BikeUpdate
from app.models.ledger import CoinCreate
from app.models.types import utcnow
from app.services.audit import audit
from app.services.coins.batch import award_coins
from app.services.events import record_event
from app.settings import Settings

# Coins for a handover get ids derived from the turn's id, so a replayed turn finds them again.
_COIN_NAMESPACE = uuid.UUID("5f0c1d1e-8a43-4c55-9d0e-6c1f3b2a7e10")


def bike_public(session: Session, bike: Bike) -> BikePublic:
    queue = session.exec(
        select(BikeQueueEntry.child_id)
        .where(BikeQueueEntry.bike_id == bike.id)
        .order_by(col(BikeQueueEntry.queued_at), col(BikeQueueEntry.child_id))
    ).all()
    return BikePublic.model_validate(bike, update={"queue": list(queue)})


def get_bike(session: Session, bike_id: int) -> Bike:
    bike = session.get(Bike, bike_id)
    if bike is None:
        raise NotFound(f"bike {bike_id} does not exist", code="bike_not_found")
    return bike


def list_bikes(session: Session, *, group_id: int | None = None) -> list[BikePublic]:
    query = select(Bike)
    if group_id is not None:
        query = query.where(Bike.group_id == group_id)
    return [bike_public(session, bike) for bike in session.exec(query.order_by(col(Bike.id)))]


def create_bike(session: Session, *, bike: BikeCreate, by: Actor) -> BikePublic:
    if session.get(Group, bike.group_id) is None:
        raise Invalid(f"group {bike.group_id} does not exist", code="group_not_found")
    row = Bike(name=bike.name, group_id=bike.group_id)
    session.add(row)
    session.flush()
    audit(session, by=by, action="bike.create", subject=f"bike:{row.id}")
    announce_bike(session, row)
    public = bike_public(session, row)
    session.commit()
    return public


def update_bike(session: Session, *, bike_id: int, changes: BikeUpdate, by: Actor) -> BikePublic:
    """Rename a bike or put it away (inactive) and back; the tablets and kiosks follow."""
    row = get_bike(session, bike_id)
    fields = changes.model_dump(exclude_unset=True)
    if any(value is None for value in fields.values()):
        raise Invalid(
            "bike fields cannot be emptied; leave a field out to keep it", code="field_empty"
        )
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    audit(session, by=by, action="bike.update", subject=f"bike:{bike_id}", fields=sorted(fields))
    announce_bike(session, row)
    public = bike_public(session, row)
    session.commit()
    return public


def announce_bike(session: Session, bike: Bike) -> None:
    session.flush()
    record_event(
        session,
        kind="bike",
        group_id=bike.group_id,
        payload=bike_public(session, bike).model_dump(mode="json"),
    )


def turn_coin_ids(turn_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    return uuid.uuid5(_COIN_NAMESPACE, f"{turn_id}:from"), uuid.uuid5(
        _COIN_NAMESPACE, f"{turn_id}:to"
    )


def record_bike_turn(
    session: Session, *, turn: BikeTurnCreate, by: Actor, settings: Settings
) -> tuple[BikeTurnPublic, bool]:
    request_hash = fingerprint(turn.model_dump(exclude={"id"}))
    stored = session.get(BikeTurn, turn.id)
    if stored is None:
        try:
            stored = _insert_turn(
                session, turn=turn, request_hash=request_hash, by=by, settings=settings
            )
            public = _turn_public(session, stored)
            session.commit()
            return public, True
        except IntegrityError:
            session.rollback()
            stored = session.get(BikeTurn, turn.id)
            if stored is None:
                raise
    if stored.request_hash != request_hash:
        raise Conflict(f"bike turn {turn.id} was already recorded with different details")
    return _turn_public(session, stored), False


def _insert_turn(
    session: Session, *, turn: BikeTurnCreate, request_hash: str, by: Actor, settings: Settings
) -> BikeTurn:
    bike = session.exec(select(Bike).where(Bike.id == turn.bike_id).with_for_update()).first()
    if bike is None or not bike.active:
        raise Invalid(f"bike {turn.bike_id} does not exist or is put away", code="bike_put_away")
    if turn.from_child_id == turn.to_child_id:
        raise Invalid("a handover needs two different children", code="handover_same_child")
    for child_id in (turn.from_child_id, turn.to_child_id):
        check_toddler(session, child_id, bike)
    now = utcnow()
    at = clamp_awarded_at(turn.at, now=now, backdate_days=settings.backdate_days)
    row = BikeTurn(
        id=turn.id,
        bike_id=bike.id or 0,
        from_child_id=turn.from_child_id,
        to_child_id=turn.to_child_id,
        went_well=turn.went_well,
        at=at,
        recorded_at=now,
        logged_by=by.label,
        request_hash=request_hash,
    )
    session.add(row)
    session.flush()
    if turn.went_well:
        _award_handover(session, row, by=by, settings=settings)
    bike.rider_child_id = turn.to_child_id
    bike.rider_since = at
    session.add(bike)
    session.exec(
        delete(BikeQueueEntry).where(
            col(BikeQueueEntry.bike_id) == bike.id, col(BikeQueueEntry.child_id) == turn.to_child_id
        )
    )
    announce_bike(session, bike)
    return row


def check_toddler(session: Session, child_id: int, bike: Bike) -> None:
    child = session.get(Child, child_id)
    if child is None:
        raise UnknownChild(f"child {child_id} does not exist")
    if not child.active:
        raise InactiveChild(f"child {child_id} is not active")
    if child.group_id != bike.group_id:
        raise Invalid(
            f"child {child_id} is not in the group this bike belongs to", code="bike_other_group"
        )


def _award_handover(session: Session, turn: BikeTurn, *, by: Actor, settings: Settings) -> None:
    """One coin to each toddler; a toddler at the daily cap simply gets none this time."""
    reason = session.exec(
        select(Reason)
        .where(Reason.context == "bike", col(Reason.active).is_(True))
        .order_by(col(Reason.position), col(Reason.id))
    ).first()
    if reason is None:
        return
    coins = [
        CoinCreate(id=coin_id, child_id=child_id, reason=reason.slug, amount=1, awarded_at=turn.at)
        for coin_id, child_id in zip(
            turn_coin_ids(turn.id), (turn.from_child_id, turn.to_child_id), strict=True
        )
    ]
    for outcome in award_coins(session, requests=[(coin, by) for coin in coins], settings=settings):
        # A toddler at the daily cap simply gets none this time; anything else is a real error.
        if isinstance(outcome, PleinmuntError) and not isinstance(outcome, CapReached):
            raise outcome


def _turn_public(session: Session, turn: BikeTurn) -> BikeTurnPublic:
    coin_ids = [
        coin_id for coin_id in turn_coin_ids(turn.id) if session.get(Coin, coin_id) is not None
    ]
    return BikeTurnPublic.model_validate(turn, update={"coin_ids": coin_ids})

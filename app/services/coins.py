"""Awarding and voiding coins: the ledger's write path.

A coin's ``id`` (made by the tablet) is its idempotency key, kept forever: the same id with the
same body answers the stored coin, with another body a conflict, so a retry never doubles a
coin and a replay of a voided coin never revives it.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.domain.actors import Actor, Role
from app.domain.awarding import check_daily_cap, clamp_awarded_at
from app.domain.errors import (
    CoinConflict,
    Forbidden,
    InactiveChild,
    NotFound,
    UnknownChild,
    UnknownReason,
)
from app.domain.fingerprint import fingerprint
from app.domain.weeks import day_bounds, week_of
from app.models import Child, Coin, Group, Reason
from app.models.ledger import CoinCreate
from app.models.types import utcnow
from app.services.audit import audit
from app.services.events import record_event
from app.services.goals import record_goal_if_reached
from app.settings import Settings


@dataclass(frozen=True, slots=True)
class Awarded:
    coin: Coin
    created: bool


def coin_fingerprint(coin: CoinCreate) -> str:
    return fingerprint(coin.model_dump(include={"child_id", "reason", "amount", "awarded_at"}))


def award_coin(session: Session, *, coin: CoinCreate, by: Actor, settings: Settings) -> Awarded:
    request_hash = coin_fingerprint(coin)
    stored = session.get(Coin, coin.id)
    if stored is not None:
        return Awarded(_replay(stored, request_hash), created=False)
    try:
        row = insert_coin(
            session, coin=coin, request_hash=request_hash, logged_by=by.label, settings=settings
        )
        session.commit()
    except IntegrityError:
        # Another request inserted this id first (PostgreSQL, concurrent retries): replay it.
        session.rollback()
        stored = session.get(Coin, coin.id)
        if stored is None:
            raise
        return Awarded(_replay(stored, request_hash), created=False)
    return Awarded(row, created=True)


def _replay(stored: Coin, request_hash: str) -> Coin:
    if stored.request_hash != request_hash:
        raise CoinConflict(
            f"coin {stored.id} was already recorded with different details; a new coin needs "
            "a new id"
        )
    return stored


def insert_coin(
    session: Session, *, coin: CoinCreate, request_hash: str, logged_by: str, settings: Settings
) -> Coin:
    """Validate and add one coin with its events, uncommitted. Raises before writing anything."""
    child = _lock_child(session, coin.child_id)
    reason = session.exec(select(Reason).where(Reason.slug == coin.reason)).first()
    if reason is None or not reason.active:
        raise UnknownReason(f"reason {coin.reason!r} is not in use; pick one from the list")
    now = utcnow()
    when = clamp_awarded_at(coin.awarded_at, now=now, backdate_days=settings.backdate_days)
    check_daily_cap(
        coins_today=coins_on_day(session, child_id=coin.child_id, moment=when, settings=settings),
        amount=coin.amount,
        cap=settings.daily_cap,
    )
    row = Coin(
        id=coin.id,
        child_id=coin.child_id,
        reason=reason.slug,
        amount=coin.amount,
        awarded_at=when,
        recorded_at=now,
        week=week_of(when, settings.tz),
        logged_by=logged_by,
        request_hash=request_hash,
    )
    session.add(row)
    session.flush()
    group = session.get(Group, child.group_id)
    assert group is not None
    record_event(
        session,
        kind="coin",
        group_id=child.group_id,
        child_id=child.id,
        payload=coin_event_payload(row, child, reason),
    )
    record_goal_if_reached(session, group=group, week=row.week, added=row.amount)
    return row


def _lock_child(session: Session, child_id: int) -> Child:
    """The child, row-locked on PostgreSQL so two awards cannot both slip under the daily cap."""
    child = session.exec(select(Child).where(Child.id == child_id).with_for_update()).first()
    if child is None:
        raise UnknownChild(f"child {child_id} does not exist (erased, or never added)")
    if not child.active:
        raise InactiveChild(f"child {child_id} is not active; a teacher can reactivate them")
    return child


def coins_on_day(session: Session, *, child_id: int, moment: datetime, settings: Settings) -> int:
    start, end = day_bounds(moment, settings.tz)
    total = session.exec(
        select(func.coalesce(func.sum(Coin.amount), 0)).where(
            Coin.child_id == child_id,
            Coin.awarded_at >= start,
            Coin.awarded_at < end,
            col(Coin.voided_at).is_(None),
        )
    ).one()
    return int(total)


def coin_event_payload(coin: Coin, child: Child, reason: Reason) -> dict[str, object]:
    """What a kiosk needs to show the coin; names are masked per board when it is sent."""
    return {
        "coin_id": str(coin.id),
        "child_id": child.id,
        "group_id": child.group_id,
        "first_name": child.first_name,
        "last_initial": child.last_initial,
        "avatar": child.avatar,
        "reason": reason.slug,
        "icon": reason.icon,
        "amount": coin.amount,
        "week": coin.week,
        "awarded_at": coin.awarded_at.isoformat(),
    }


def void_coin(session: Session, *, coin_id: uuid.UUID, by: Actor) -> Coin:
    coin = session.exec(select(Coin).where(Coin.id == coin_id).with_for_update()).first()
    if coin is None:
        raise NotFound(f"coin {coin_id} does not exist")
    if by.role is Role.logger and coin.logged_by != by.label:
        raise Forbidden("you can only undo coins you gave yourself; ask a teacher")
    if coin.voided_at is not None:
        return coin
    coin.voided_at = utcnow()
    coin.voided_by = by.label
    session.add(coin)
    child = session.get(Child, coin.child_id)
    assert child is not None
    audit(session, by=by, action="coin.void", subject=f"coin:{coin.id}", child_id=child.id)
    record_event(
        session,
        kind="void",
        group_id=child.group_id,
        child_id=child.id,
        payload={
            "coin_id": str(coin.id),
            "child_id": child.id,
            "group_id": child.group_id,
            "amount": coin.amount,
            "week": coin.week,
        },
    )
    session.commit()
    return coin


def list_coins(
    session: Session,
    *,
    week: str | None,
    child_id: int | None,
    group_ids: list[int] | None,
    limit: int,
) -> list[Coin]:
    query = select(Coin)
    if week is not None:
        query = query.where(Coin.week == week)
    if child_id is not None:
        query = query.where(Coin.child_id == child_id)
    if group_ids is not None:
        children = select(Child.id).where(col(Child.group_id).in_(group_ids))
        query = query.where(col(Coin.child_id).in_(children))
    query = query.order_by(col(Coin.awarded_at).desc(), col(Coin.id)).limit(limit)
    return list(session.exec(query).all())

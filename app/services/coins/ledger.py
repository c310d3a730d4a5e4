"""Voiding and listing coins (awarding them is batch.py, through the writer).

A coin's ``id`` (made by the tablet) is its idempotency key, kept forever: the same id with the
same body answers the stored coin, with another body a conflict, so a retry never doubles a
coin and a replay of a voided coin never revives it.
"""

import uuid

from sqlmodel import Session, col, select

from app.domain.actors import Actor, Role
from app.domain.errors import Forbidden, NotFound
from app.models import Child, Coin
from app.models.types import utcnow
from app.services.audit import audit
from app.services.events import record_event


def void_coin(session: Session, *, coin_id: uuid.UUID, by: Actor) -> Coin:
    coin = session.exec(select(Coin).where(Coin.id == coin_id).with_for_update()).first()
    if coin is None:
        raise NotFound(f"coin {coin_id} does not exist", code="coin_not_found")
    if by.role is Role.logger and coin.logged_by != by.label:
        raise Forbidden(
            "you can only undo coins you gave yourself; ask a teacher", code="undo_own_only"
        )
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

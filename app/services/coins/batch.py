"""Awarding many coins in one transaction with a handful of statements (the group-commit path).

Each coin gets the same checks, in the same order, as if it came alone: replay or conflict by
id, then child, reason, tap time and daily cap; earlier coins of the batch count towards a
later one's cap. The statements are per batch (stored ids, children, reasons, today's totals,
one multi-row insert of coins and one of events), so fifty coins cost about what one did.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session, col

from app.db import lock_event_sequence
from app.domain.actors import Actor
from app.domain.awarding import check_daily_cap, clamp_awarded_at
from app.domain.errors import (
    CoinConflict,
    InactiveChild,
    PleinmuntError,
    UnknownChild,
    UnknownReason,
)
from app.domain.fingerprint import fingerprint
from app.domain.weeks import day_bounds, week_of
from app.models import Child, Coin, Group, Reason
from app.models.ledger import CoinCreate
from app.models.types import utcnow
from app.services.events import record_events
from app.services.goals import already_announced, group_week_coins
from app.settings import Settings


@dataclass(frozen=True, slots=True)
class Awarded:
    coin: Coin
    created: bool


Outcome = Awarded | PleinmuntError


def coin_fingerprint(coin: CoinCreate) -> str:
    return fingerprint(coin.model_dump(include={"child_id", "reason", "amount", "awarded_at"}))


@dataclass
class _Batch:
    """What the batch read once, and what it has accepted so far."""

    session: Session
    settings: Settings
    now: datetime
    stored: dict[Any, Coin]
    children: dict[int, Any]
    reasons: dict[str, Any]
    day_totals: dict[tuple[int, datetime], int]
    accepted: list[tuple[Coin, Any, Any]] = field(default_factory=list)


def award_coins(
    session: Session, *, requests: Sequence[tuple[CoinCreate, Actor]], settings: Settings
) -> list[Outcome]:
    """Record coins (or find their replays) in the current transaction, without committing."""
    # The writers' lock (PostgreSQL; write sessions already hold it): the reads below then see
    # every coin committed by any process, and no other writer can slip one under the cap.
    lock_event_sequence(session)
    batch = _read(session, [coin for coin, _ in requests], settings)
    outcomes = [_judge(batch, coin, by) for coin, by in requests]
    if batch.accepted:
        _write(batch)
    return outcomes


def _read(session: Session, coins: list[CoinCreate], settings: Settings) -> _Batch:
    ids = list({coin.id for coin in coins})
    found = session.execute(select(Coin).where(col(Coin.id).in_(ids))).scalars()
    stored = {row.id: row for row in found}
    child_ids = sorted({coin.child_id for coin in coins})
    children = {
        row.id: row
        for row in session.execute(
            select(
                col(Child.id),
                col(Child.group_id),
                col(Child.active),
                col(Child.first_name),
                col(Child.last_initial),
                col(Child.avatar),
                col(Group.name).label("group_name"),
                col(Group.weekly_goal),
            )
            .join(Group, col(Group.id) == col(Child.group_id))
            .where(col(Child.id).in_(child_ids))
            .order_by(col(Child.id))
        )
    }
    reasons = {
        row.slug: row
        for row in session.execute(select(col(Reason.slug), col(Reason.icon), col(Reason.active)))
    }
    now = utcnow()
    batch = _Batch(session, settings, now, stored, children, reasons, {})
    batch.day_totals.update(_day_totals(session, list(children), now, settings))
    return batch


def _day_totals(
    session: Session, child_ids: list[int], moment: datetime, settings: Settings
) -> dict[tuple[int, datetime], int]:
    """Coins already given on the school day of ``moment``, per child (zero included)."""
    start, end = day_bounds(moment, settings.tz)
    rows = session.execute(
        select(col(Coin.child_id), func.sum(Coin.amount))
        .where(
            col(Coin.child_id).in_(child_ids),
            col(Coin.awarded_at) >= start,
            col(Coin.awarded_at) < end,
            col(Coin.voided_at).is_(None),
        )
        .group_by(col(Coin.child_id))
    )
    totals = dict.fromkeys(((child_id, start) for child_id in child_ids), 0)
    totals.update({(child_id, start): int(total) for child_id, total in rows})
    return totals


def _judge(batch: _Batch, coin: CoinCreate, by: Actor) -> Outcome:
    try:
        return _accept(batch, coin, by)
    except PleinmuntError as refused:  # raised before anything of this coin was kept
        return refused


def _accept(batch: _Batch, coin: CoinCreate, by: Actor) -> Awarded:
    request_hash = coin_fingerprint(coin)
    if (stored := batch.stored.get(coin.id)) is not None:
        if stored.request_hash != request_hash:
            raise CoinConflict(
                f"coin {coin.id} was already recorded with different details; a new coin "
                "needs a new id"
            )
        return Awarded(stored, created=False)
    child = batch.children.get(coin.child_id)
    if child is None:
        raise UnknownChild(f"child {coin.child_id} does not exist (erased, or never added)")
    if not child.active:
        raise InactiveChild(f"child {coin.child_id} is not active; a teacher can reactivate them")
    reason = batch.reasons.get(coin.reason)
    if reason is None or not reason.active:
        raise UnknownReason(f"reason {coin.reason!r} is not in use; pick one from the list")
    settings = batch.settings
    when = clamp_awarded_at(coin.awarded_at, now=batch.now, backdate_days=settings.backdate_days)
    day = (child.id, day_bounds(when, settings.tz)[0])
    if day not in batch.day_totals:  # a coin for another day (a tablet that was offline)
        batch.day_totals.update(_day_totals(batch.session, [child.id], when, settings))
    check_daily_cap(coins_today=batch.day_totals[day], amount=coin.amount, cap=settings.daily_cap)
    row = Coin(
        id=coin.id,
        child_id=child.id,
        reason=coin.reason,
        amount=coin.amount,
        awarded_at=when,
        recorded_at=batch.now,
        week=week_of(when, settings.tz),
        logged_by=by.label,
        request_hash=request_hash,
    )
    batch.stored[coin.id] = row  # the same coin again in this batch is a replay of this one
    batch.day_totals[day] += coin.amount
    batch.accepted.append((row, child, reason))
    return Awarded(row, created=True)


_COIN_COLUMNS = (
    "id",
    "child_id",
    "reason",
    "amount",
    "awarded_at",
    "recorded_at",
    "week",
    "logged_by",
    "request_hash",
)


def _write(batch: _Batch) -> None:
    session = batch.session
    # Core inserts (one statement, many rows): no ORM unit of work for rows we already hold.
    session.execute(
        insert(Coin.__table__),  # type: ignore[attr-defined]
        [{name: getattr(coin, name) for name in _COIN_COLUMNS} for coin, _, _ in batch.accepted],
    )
    record_events(
        session,
        [
            {
                "kind": "coin",
                "group_id": child.group_id,
                "child_id": child.id,
                "payload": coin_event_payload(coin, child, reason),
            }
            for coin, child, reason in batch.accepted
        ],
    )
    _announce_goals(batch)


def coin_event_payload(coin: Coin, child: Any, reason: Any) -> dict[str, Any]:
    """What a kiosk needs to show the coin; names are masked per board when it is sent."""
    return {
        "coin_id": str(coin.id),
        "child_id": child.id,
        "group_id": child.group_id,
        "first_name": child.first_name,
        "last_initial": child.last_initial,
        "avatar": child.avatar,
        "reason": coin.reason,
        "icon": reason.icon,
        "amount": coin.amount,
        "week": coin.week,
        "awarded_at": coin.awarded_at.isoformat(),
    }


def _announce_goals(batch: _Batch) -> None:
    """A `goal` event for each group whose tube this batch filled (groups without a goal cost
    no query: the children's rows carry their group's goal)."""
    added: dict[tuple[int, str], int] = {}
    groups: dict[int, Any] = {}
    for coin, child, _ in batch.accepted:
        if child.weekly_goal is not None:
            added[(child.group_id, coin.week)] = (
                added.get((child.group_id, coin.week), 0) + coin.amount
            )
            groups[child.group_id] = child
    events = []
    for (group_id, week), amount in sorted(added.items()):
        goal, name = groups[group_id].weekly_goal, groups[group_id].group_name
        total = group_week_coins(batch.session, group_id=group_id, week=week)
        if total >= goal > total - amount and not already_announced(
            batch.session, group_id=group_id, week=week, goal=goal
        ):
            payload = {
                "group_id": group_id,
                "name": name,
                "goal": goal,
                "coins": total,
                "week": week,
            }
            events.append({"kind": "goal", "group_id": group_id, "payload": payload})
    if events:
        record_events(batch.session, events)

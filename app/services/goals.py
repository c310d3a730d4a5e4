"""Group goals (the coin tube): announce the moment a group's week reaches its target."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.weeks import week_start
from app.models import BoardEvent, Child, Coin


def group_week_coins(session: Session, *, group_id: int, week: str) -> int:
    """A group's coins in a week, counted over its active children as the board shows them."""
    total = session.exec(
        select(func.coalesce(func.sum(Coin.amount), 0))
        .join(Child, col(Child.id) == Coin.child_id)
        .where(
            Coin.week == week,
            col(Coin.voided_at).is_(None),
            Child.group_id == group_id,
            col(Child.active).is_(True),
        )
    ).one()
    return int(total)


def already_announced(session: Session, *, group_id: int, week: str, goal: int) -> bool:
    """Whether this week's tube already filled for this goal: an undone coin and a new one
    bring the count back over the goal, but the tube fills (and is celebrated) once."""
    # No event for a week is recorded before the week begins anywhere on Earth.
    since = datetime.combine(week_start(week) - timedelta(days=1), time(), tzinfo=UTC)
    payloads = session.exec(
        select(BoardEvent.payload).where(
            BoardEvent.kind == "goal",
            BoardEvent.group_id == group_id,
            col(BoardEvent.created_at) >= since,
        )
    ).all()
    return any(p.get("week") == week and p.get("goal") == goal for p in payloads)

"""Group goals (the coin tube): announce the moment a group's week reaches its target."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Child, Coin, Group
from app.services.events import record_event


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


def record_goal_if_reached(session: Session, *, group: Group, week: str, added: int) -> None:
    if group.weekly_goal is None or group.id is None:
        return
    total = group_week_coins(session, group_id=group.id, week=week)
    if total >= group.weekly_goal > total - added:
        record_event(
            session,
            kind="goal",
            group_id=group.id,
            payload={
                "group_id": group.id,
                "name": group.name,
                "goal": group.weekly_goal,
                "coins": total,
                "week": week,
            },
        )

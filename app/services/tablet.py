"""What the tablet shows for one group: children with today's and this week's coins.

The daily cap is part of the answer, so the tablet shows it instead of discovering it by a
refused coin; a child switched off on the desk is left out, so it leaves the tablet. Every
count reads one day or one week (indexed), never the whole ledger.
"""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.avatars import ANIMALS, COLOURS
from app.domain.awarding import coins_left_today
from app.domain.standings import RosterEntry, unseen_children, unseen_first
from app.domain.weeks import day_bounds, week_of
from app.models import Child, Coin, Group, Logger, Reason, Teacher
from app.models.reason import ReasonPublic
from app.models.roster import GroupKind
from app.models.tablet import MyDay, TabletChild, TabletGroup, TabletGroupRef, TabletMe
from app.models.types import utcnow
from app.services.roster import child_order, get_group
from app.settings import Settings


def avatar_look(avatar: str) -> tuple[str, str]:
    """Emoji and hex colour; an avatar the tablet cannot draw falls back to a neutral coin."""
    animal, _, colour = avatar.partition(":")
    return ANIMALS.get(animal, "🪙"), COLOURS.get(colour, "#34495e")


def group_view(session: Session, *, group_id: int, by: Actor, settings: Settings) -> TabletGroup:
    group = get_group(session, group_id)
    now = utcnow()
    week = week_of(now, settings.tz)
    children = sorted(
        session.exec(
            select(Child).where(Child.group_id == group_id, col(Child.active).is_(True))
        ).all(),
        key=child_order,
    )
    ids = [child.id or 0 for child in children]
    today = _coins_today(session, ids, now=now, settings=settings)
    this_week = _coins_in_week(session, ids, week=week)
    unseen = unseen_children((_roster_entry(child, group) for child in children), this_week)
    return TabletGroup(
        group=TabletGroupRef(id=group.id or 0, name=group.name, kind=GroupKind(group.kind)),
        day=now.astimezone(settings.tz).date(),
        week=week,
        daily_cap=settings.daily_cap,
        children=[
            _tablet_child(child, today.get(child.id or 0, 0), this_week, settings.daily_cap)
            for child in children
        ],
        unseen=unseen,
        unseen_first=unseen_first(len(unseen)),
        mine_today=_my_day(session, by=by, now=now, settings=settings),
        reasons=_reasons_for(session, GroupKind(group.kind)),
    )


def _tablet_child(child: Child, today: int, week: dict[int, int], cap: int) -> TabletChild:
    emoji, colour = avatar_look(child.avatar)
    return TabletChild(
        id=child.id or 0,
        first_name=child.first_name,
        last_initial=child.last_initial,
        avatar=child.avatar,
        emoji=emoji,
        colour=colour,
        active=child.active,
        coins_today=today,
        coins_week=week.get(child.id or 0, 0),
        cap_left=coins_left_today(coins_today=today, cap=cap) if child.active else 0,
    )


def _roster_entry(child: Child, group: Group) -> RosterEntry:
    return RosterEntry(
        child_id=child.id or 0,
        first_name=child.first_name,
        last_initial=child.last_initial,
        avatar=child.avatar,
        group_id=group.id or 0,
        group_name=group.name,
    )


def _coins_today(
    session: Session, ids: list[int], *, now: datetime, settings: Settings
) -> dict[int, int]:
    start, end = day_bounds(now, settings.tz)
    rows = session.exec(
        select(Coin.child_id, func.sum(Coin.amount))
        .where(
            col(Coin.child_id).in_(ids),
            Coin.awarded_at >= start,
            Coin.awarded_at < end,
            col(Coin.voided_at).is_(None),
        )
        .group_by(col(Coin.child_id))
    ).all()
    return {child_id: int(total) for child_id, total in rows}


def _my_day(session: Session, *, by: Actor, now: datetime, settings: Settings) -> MyDay:
    start, end = day_bounds(now, settings.tz)
    rows = session.exec(
        select(Coin.child_id, func.sum(Coin.amount))
        .where(
            Coin.week == week_of(now, settings.tz),  # served by the week index: one week read
            Coin.logged_by == by.label,
            Coin.awarded_at >= start,
            Coin.awarded_at < end,
            col(Coin.voided_at).is_(None),
        )
        .group_by(col(Coin.child_id))
        .order_by(col(Coin.child_id))
    ).all()
    return MyDay(coins=sum(int(total) for _, total in rows), child_ids=[row[0] for row in rows])


def _coins_in_week(session: Session, ids: list[int], *, week: str) -> dict[int, int]:
    rows = session.exec(
        select(Coin.child_id, func.sum(Coin.amount))
        .where(Coin.week == week, col(Coin.child_id).in_(ids), col(Coin.voided_at).is_(None))
        .group_by(col(Coin.child_id))
    ).all()
    return {child_id: int(total) for child_id, total in rows}


def _reasons_for(session: Session, kind: GroupKind) -> list[ReasonPublic]:
    """Active reasons; a daycare group sees its bike reasons first."""
    reasons = session.exec(
        select(Reason).where(col(Reason.active).is_(True)).order_by(col(Reason.position))
    ).all()
    first = "bike" if kind is GroupKind.daycare else "recess"
    ordered = sorted(reasons, key=lambda reason: reason.context != first)
    if kind is GroupKind.school_class:
        ordered = [reason for reason in ordered if reason.context == "recess"]
    return [ReasonPublic.model_validate(reason) for reason in ordered]


def who_am_i(session: Session, *, actor: Actor) -> TabletMe:
    """The signed-in person as the tablet greets them (an intern's name, a teacher's login)."""
    person = session.get(Teacher if actor.is_teacher else Logger, actor.id)
    if isinstance(person, Teacher):
        name = person.username
    else:
        name = person.name if isinstance(person, Logger) else ""
    return TabletMe(role=str(actor.role), id=actor.id, name=name)


def active_logger_names(session: Session) -> list[tuple[int, str]]:
    """For the sign-in page: first names of active interns, so each can find their own."""
    rows = session.exec(
        select(Logger.id, Logger.name)
        .where(col(Logger.active).is_(True))
        .order_by(col(Logger.name))
    ).all()
    return [(logger_id or 0, name) for logger_id, name in rows]

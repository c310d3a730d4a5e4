"""Groups and children: adding, changing, and erasing them."""

from collections.abc import Mapping

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.avatars import parse_avatar
from app.domain.errors import Conflict, Invalid, NotFound
from app.domain.masking import teacher_name
from app.domain.names import NameKey, name_key
from app.models import BikeTurn, BoardEvent, BoardGroup, Child, Coin, Draw, Group
from app.models.roster import ChildCreate, ChildUpdate, GroupCreate, GroupUpdate
from app.services.audit import audit
from app.services.avatars import avatar_for_new_child
from app.services.events import record_event
from app.services.flush import flush_or_conflict

ERASED = "erased"


def list_groups(session: Session) -> list[Group]:
    return list(session.exec(select(Group).order_by(col(Group.name))).all())


def get_group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound(f"group {group_id} does not exist", code="group_not_found")
    return group


def create_group(session: Session, *, group: GroupCreate, by: Actor) -> Group:
    row = Group.model_validate(group)
    session.add(row)
    _flush_unique(session, f"a group named {group.name!r} already exists", name=group.name)
    audit(session, by=by, action="group.create", subject=f"group:{row.id}")
    session.commit()
    return row


def update_group(session: Session, *, group_id: int, changes: GroupUpdate, by: Actor) -> Group:
    row = get_group(session, group_id)
    fields = changes.model_dump(exclude_unset=True)
    for key in ("name", "kind"):
        if key in fields and fields[key] is None:
            raise Invalid(f"{key} cannot be empty; leave it out to keep it", code="field_empty")
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    _flush_unique(session, f"a group named {changes.name!r} already exists", name=str(changes.name))
    audit(session, by=by, action="group.update", subject=f"group:{group_id}", fields=list(fields))
    _announce_roster_change(session, group_id)
    session.commit()
    return row


def set_weekly_goals(
    session: Session, *, board_id: int, goals: Mapping[int, GroupUpdate], by: Actor
) -> list[int]:
    """The coin tubes of a board's groups (``goals``: group id -> its ``weekly_goal``), in one
    transaction: every goal is checked before anything is written, groups not on the board are
    left alone. One audit entry and one board event per group that changed; its ids."""
    on_board = set(session.exec(select(BoardGroup.group_id).where(BoardGroup.board_id == board_id)))
    rows = [get_group(session, group_id) for group_id in goals if group_id in on_board]
    changed = []
    for row in rows:
        goal = goals[row.id or 0].weekly_goal
        if goal == row.weekly_goal:
            continue
        row.weekly_goal = goal
        session.add(row)
        audit(
            session, by=by, action="group.update", subject=f"group:{row.id}", fields=["weekly_goal"]
        )
        _announce_roster_change(session, row.id or 0)
        changed.append(row.id or 0)
    session.commit()
    return changed


def child_order(child: Child) -> tuple[NameKey, int]:
    """Children by the name teachers see ("Sam B."), in the one order of names
    (app/domain/names.py), then by id."""
    return name_key(teacher_name(child.first_name, child.last_initial)), child.id or 0


def list_children(
    session: Session, *, group_id: int | None = None, active: bool | None = None
) -> list[Child]:
    query = select(Child)
    if group_id is not None:
        query = query.where(Child.group_id == group_id)
    if active is not None:
        query = query.where(Child.active == active)
    return sorted(session.exec(query).all(), key=child_order)


def get_child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise NotFound(f"child {child_id} does not exist", code="child_not_found")
    return child


def add_child(session: Session, *, child: ChildCreate, by: Actor) -> Child:
    row = new_child(session, child=child)
    session.flush()
    audit(session, by=by, action="child.create", subject=f"child:{row.id}")
    _announce_roster_change(session, row.group_id)
    session.commit()
    return row


def new_child(session: Session, *, child: ChildCreate) -> Child:
    """A child row with a checked group and avatar, added to the session but not committed."""
    _existing_group(session, child.group_id)
    if child.avatar is not None:
        parse_avatar(child.avatar)
        avatar = child.avatar
    else:
        seed = f"{child.first_name}|{child.last_initial}"
        avatar = avatar_for_new_child(session, group_id=child.group_id, seed=seed)
    row = Child(
        first_name=child.first_name,
        last_initial=child.last_initial,
        group_id=child.group_id,
        avatar=avatar,
        show_on_board=child.show_on_board,
    )
    session.add(row)
    return row


def update_child(session: Session, *, child_id: int, changes: ChildUpdate, by: Actor) -> Child:
    row = get_child(session, child_id)
    fields = changes.model_dump(exclude_unset=True)
    if fields.get("first_name", "") is None:
        raise Invalid("first_name cannot be empty", code="field_empty")
    if fields.get("group_id") is not None:
        _existing_group(session, fields["group_id"])
    if fields.get("avatar") is not None:
        parse_avatar(fields["avatar"])
    for key in ("group_id", "avatar", "active", "show_on_board"):
        if key in fields and fields[key] is None:
            raise Invalid(f"{key} cannot be empty", code="field_empty")
    old_group = row.group_id
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    audit(session, by=by, action="child.update", subject=f"child:{child_id}", fields=list(fields))
    for group_id in {old_group, row.group_id}:
        _announce_roster_change(session, group_id)
    session.commit()
    return row


def erase_child(session: Session, *, child_id: int, by: Actor) -> None:
    """Erase a child completely: their coins and bike turns go, their name leaves every event
    and draw. A late replay of one of their coins then fails as an unknown child."""
    row = get_child(session, child_id)
    group_id = row.group_id
    scrub_children(session, child_ids={child_id})
    session.delete(row)
    audit(session, by=by, action="child.erase", subject=f"child:{child_id}")
    _announce_roster_change(session, group_id)
    session.commit()


def scrub_children(session: Session, *, child_ids: set[int]) -> None:
    """Remove children's coins and bike turns, and their names from events and draws: one
    statement per table for any number of children (the end-of-year purge erases many)."""
    ids = sorted(child_ids)
    session.exec(delete(Coin).where(col(Coin.child_id).in_(ids)))
    session.exec(
        delete(BikeTurn).where(
            col(BikeTurn.from_child_id).in_(ids) | col(BikeTurn.to_child_id).in_(ids)
        )
    )
    for event in session.exec(select(BoardEvent).where(col(BoardEvent.child_id).in_(ids))).all():
        event.payload = {"erased": True, "kind": event.kind}
        event.child_id = None
        session.add(event)
    for draw in session.exec(select(Draw)).all():
        _scrub_draw(session, draw, child_ids)
    session.flush()


def _scrub_draw(session: Session, draw: Draw, child_ids: set[int]) -> None:
    if not any(candidate.get("child_id") in child_ids for candidate in draw.candidates):
        return
    draw.candidates = [
        {**candidate, "name": ERASED} if candidate.get("child_id") in child_ids else candidate
        for candidate in draw.candidates
    ]
    if draw.winner_child_id in child_ids:
        draw.winner_name = ERASED
    session.add(draw)


def _existing_group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise Invalid(
            f"group {group_id} does not exist; create the group first", code="group_not_found"
        )
    return group


def _announce_roster_change(session: Session, group_id: int) -> None:
    record_event(session, kind="board", group_id=group_id, payload={"group_id": group_id})


def _flush_unique(session: Session, message: str, *, name: str) -> None:
    flush_or_conflict(session, Conflict(message, code="group_name_taken", name=name))

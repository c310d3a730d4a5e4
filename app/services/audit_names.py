"""What an audit entry's ids stand for, looked up for the entries on one page: the log keeps
ids only (app/services/audit.py); the desk shows names."""

import uuid
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from app.domain.masking import teacher_name
from app.models import AuditEntry, Bike, Board, Child, Coin, Draw, Group, Reason, Zone
from app.services.audit_log import actor_names


@dataclass
class AuditNames:
    people: dict[str, str] = field(default_factory=dict)  # "teacher:1" -> "juf"
    children: dict[int, str] = field(default_factory=dict)  # 12 -> "Sam B."
    groups: dict[int, str] = field(default_factory=dict)
    boards: dict[str, str] = field(default_factory=dict)  # slug and "id:3" -> title
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug -> (nl, en)
    bikes: dict[int, str] = field(default_factory=dict)
    zones: dict[str, str] = field(default_factory=dict)  # slug -> the school's own name
    coins: dict[str, tuple[int, str]] = field(default_factory=dict)  # uuid -> (child, reason)
    draws: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> (board id, week)


def _ids(entries: Iterable[AuditEntry], kind: str) -> set[int]:
    found = set()
    for entry in entries:
        prefix, _, rest = entry.subject.partition(":")
        if prefix == kind and rest.isdigit():
            found.add(int(rest))
    return found


def _coin_ids(entries: Iterable[AuditEntry]) -> set[uuid.UUID]:
    found = set()
    for entry in entries:
        prefix, _, rest = entry.subject.partition(":")
        if prefix == "coin":
            with suppress(ValueError):
                found.add(uuid.UUID(rest))
    return found


def _detail_ids(entries: Iterable[AuditEntry], key: str) -> set[int]:
    values: Any = (entry.detail.get(key) for entry in entries if entry.detail)
    return {int(value) for value in values if isinstance(value, int)}


def audit_names(session: Session, entries: list[AuditEntry]) -> AuditNames:
    names = AuditNames(people=actor_names(session))
    coins = _coin_ids(entries)
    for coin in session.exec(select(Coin).where(col(Coin.id).in_(coins))) if coins else ():
        names.coins[str(coin.id)] = (coin.child_id, coin.reason)
    draws = _ids(entries, "draw")
    for draw in session.exec(select(Draw).where(col(Draw.id).in_(draws))) if draws else ():
        names.draws[draw.id or 0] = (draw.board_id, draw.week)
    children = _ids(entries, "child") | _detail_ids(entries, "child_id")
    children |= {child for child, _ in names.coins.values()}
    if children:
        for child in session.exec(select(Child).where(col(Child.id).in_(children))):
            names.children[child.id or 0] = teacher_name(child.first_name, child.last_initial)
    names.groups = {g.id or 0: g.name for g in session.exec(select(Group))}
    for board in session.exec(select(Board)):
        names.boards[board.slug] = names.boards[f"id:{board.id}"] = board.title
    names.reasons = {r.slug: (r.label_nl, r.label_en) for r in session.exec(select(Reason))}
    names.bikes = {b.id or 0: b.name for b in session.exec(select(Bike))}
    names.zones = {z.slug: z.name for z in session.exec(select(Zone))}
    return names

"""The end of the school year: an archive of every coin and winner (xlsx), then the purge of
the children who left, so nothing about a child is kept longer than needed.

"Children who left" are, by definition, every deactivated child: a teacher deactivates a
child who leaves the school (or moves up out of the scheme) during the year, and the purge
erases them for good with the same erasure as a parent's request (app/services/roster.py:
their coins and bike turns go, their name leaves board events and draws).
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from app.domain.actors import Actor, SystemActor
from app.domain.masking import teacher_name
from app.models import Child, Coin, Group, Reason
from app.services.audit import audit
from app.services.audit_log import actor_names
from app.services.events import record_event
from app.services.roster import scrub_children
from app.services.winners.exports import export_rows
from app.services.winners.reading import list_winners

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Gettext = Callable[[str], str]
_BATCH = 1000


@dataclass(frozen=True)
class PurgePlan:
    children: int
    coins: int
    by_group: list[tuple[str, int]]
    # The names a teacher checks before confirming, per group (the desk only, never a log).
    names_by_group: list[tuple[str, list[str]]] = field(default_factory=list)


def purge_plan(session: Session) -> PurgePlan:
    """What a purge would erase now: every deactivated child and their coins."""
    left = select(Child.id).where(col(Child.active).is_(False))
    coins = session.exec(
        select(func.coalesce(func.sum(Coin.amount), 0)).where(col(Coin.child_id).in_(left))
    ).one()
    groups = session.exec(
        select(Group.name, func.count(col(Child.id)))
        .join(Group, col(Group.id) == Child.group_id)
        .where(col(Child.active).is_(False))
        .group_by(col(Group.name))
        .order_by(col(Group.name))
    ).all()
    by_group = [(name, int(count)) for name, count in groups]
    names: dict[str, list[str]] = {}
    for first, initial, group in session.exec(
        select(Child.first_name, Child.last_initial, Group.name)
        .join(Group, col(Group.id) == Child.group_id)
        .where(col(Child.active).is_(False))
    ):
        names.setdefault(group, []).append(teacher_name(first, initial))
    return PurgePlan(
        children=sum(n for _, n in by_group),
        coins=int(coins),
        by_group=by_group,
        names_by_group=[
            (group, sorted(names.get(group, []), key=str.casefold)) for group, _ in by_group
        ],
    )


def purge_left_children(session: Session, *, by: Actor | SystemActor) -> PurgePlan:
    """Erase every deactivated child and their coins, in one transaction."""
    plan = purge_plan(session)
    children = session.exec(select(Child).where(col(Child.active).is_(False))).all()
    child_ids = sorted(child.id or 0 for child in children)
    groups = sorted({child.group_id for child in children})
    scrub_children(session, child_ids=set(child_ids))
    session.exec(delete(Child).where(col(Child.id).in_(child_ids)))
    audit(
        session,
        by=by,
        action="roster.purge",
        subject="children",
        children=plan.children,
        coins=plan.coins,
        child_ids=child_ids,
    )
    for group_id in groups:
        record_event(session, kind="board", group_id=group_id, payload={"group_id": group_id})
    session.commit()
    return plan


def archive_xlsx(session: Session, *, gettext: Gettext, tz: ZoneInfo) -> bytes:
    """Every coin (undone ones marked) and every winner, one sheet each."""
    # Loaded once a year, not at every start-up (app/services/winners/exports.py says why).
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    coins = workbook.create_sheet(gettext("teacher.archive.coins_sheet")[:31])
    _write(coins, chain([_header(gettext, _COIN_COLUMNS)], _coin_rows(session, tz)))
    winners = workbook.create_sheet(gettext("winner.export.sheet")[:31])
    _write(winners, export_rows(list_winners(session), gettext))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_COIN_COLUMNS = ("week", "awarded_at", "child", "group", "reason", "amount", "by", "voided")


def _header(gettext: Gettext, columns: Iterable[str]) -> Sequence[object]:
    return [gettext(f"teacher.archive.{column}") for column in columns]


def _coin_rows(session: Session, tz: ZoneInfo) -> Iterable[Sequence[object]]:
    names = actor_names(session)
    reasons = {row.slug: row.label_nl for row in session.exec(select(Reason))}
    query = (
        select(Coin, Child, Group.name)
        .join(Child, col(Child.id) == Coin.child_id)
        .join(Group, col(Group.id) == Child.group_id)
        .order_by(col(Coin.awarded_at), col(Coin.id))
        .execution_options(yield_per=_BATCH)
    )
    for coin, child, group in session.exec(query):
        yield [
            coin.week,
            coin.awarded_at.astimezone(tz).replace(tzinfo=None),  # Excel knows no time zones
            teacher_name(child.first_name, child.last_initial),
            group,
            reasons.get(coin.reason, coin.reason),
            coin.amount,
            names.get(coin.logged_by, coin.logged_by),
            "✓" if coin.voided_at else "",
        ]


def _write(sheet: "WriteOnlyWorksheet", rows: Iterable[Sequence[object]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    for index, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if index == 0:
                cell.font = Font(bold=True)  # the header
            cells.append(cell)
        sheet.append(cells)

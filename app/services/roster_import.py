"""Importing a class list exported by the school administration (preview, then apply).

A CSV or an EDEX file (``EDEX.XML`` from ParnasSys or ESIS), told apart by their content.
"""

import hashlib
import hmac
from collections.abc import Callable, Collection
from typing import Literal

from sqlmodel import Session, select

from app.domain.actors import Actor
from app.domain.edex import looks_like_edex, parse_edex
from app.domain.roster_import import (
    ImportPlan,
    KnownChild,
    ParsedRoster,
    RosterRow,
    guess_kind,
    parse_roster,
    plan_import,
)
from app.models import Child, Group
from app.models.roster import ChildCreate
from app.models.roster_import import (
    ImportGroup,
    ImportMissing,
    ImportMove,
    ImportProblem,
    ImportReport,
    ImportRow,
)
from app.services.audit import audit
from app.services.events import record_event
from app.services.roster import new_child


def source_hasher(secret: str) -> Callable[[str], str]:
    """The keyed hash of a leerling key: only this school's secret key can reproduce it."""
    key = secret.encode()

    def hash_key(leerling_key: str) -> str:
        message = f"edex-leerling:{leerling_key}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    return hash_key


def parse_file(raw: bytes, *, secret: str) -> tuple[ParsedRoster, bool]:
    """The rows of a CSV or EDEX file, and whether it is EDEX (a whole-school list)."""
    if looks_like_edex(raw):
        return parse_edex(raw, hash_key=source_hasher(secret)), True
    return parse_roster(raw), False


def import_roster(
    session: Session,
    *,
    raw: bytes,
    apply: bool,
    by: Actor,
    secret: str,
    deactivate: Collection[int] | Literal["missing"] = (),
) -> ImportReport:
    """Plan (and with ``apply``, carry out) an import.

    ``deactivate`` names the children, among those the file no longer lists, to deactivate:
    ``"missing"`` for all of them.
    """
    all_groups = session.exec(select(Group)).all()
    groups = {group.name.casefold(): group for group in all_groups}
    # Every group, even one whose name differs from another only in case ("groep 5").
    names = {group.id: group.name for group in all_groups}
    known = [
        KnownChild(
            child.id or 0,
            child.first_name,
            child.last_initial,
            names[child.group_id],
            child.source_key,
            child.active,
        )
        for child in session.exec(select(Child)).all()
    ]
    parsed, edex = parse_file(raw, secret=secret)
    plan = plan_import(parsed, known, [group.name for group in groups.values()], whole_school=edex)
    missing_ids = {child.child_id for child in plan.missing}
    chosen = missing_ids if deactivate == "missing" else missing_ids & set(deactivate)
    if apply:
        _apply(session, plan, groups, by, deactivate=chosen)
    report = _report(plan, applied=apply, edex=edex)
    report.deactivated = len(chosen) if apply else 0
    return report


def _apply(
    session: Session,
    plan: ImportPlan,
    groups: dict[str, Group],
    by: Actor,
    *,
    deactivate: set[int],
) -> None:
    for name in plan.new_groups:
        group = Group(name=name, kind=guess_kind(name))
        session.add(group)
        groups[name.casefold()] = group
    session.flush()
    touched: set[int] = set()
    for row in plan.add:
        group_id = groups[row.group.casefold()].id
        assert group_id is not None
        added = new_child(
            session,
            child=ChildCreate(
                first_name=row.first_name,
                last_initial=row.last_initial,
                group_id=group_id,
                show_on_board=row.show_on_board is not False,
            ),
        )
        added.source_key = row.source_key
        session.flush()
        touched.add(group_id)
    for row, known in plan.move:
        child = session.get(Child, known.child_id)
        assert child is not None
        touched.add(child.group_id)
        child.group_id = groups[row.group.casefold()].id or child.group_id
        child.source_key = row.source_key or child.source_key
        touched.add(child.group_id)
        session.add(child)
    for row, known in plan.unchanged:
        if row.source_key and known.source_key != row.source_key:
            child = session.get(Child, known.child_id)
            assert child is not None
            child.source_key = row.source_key
    touched |= _set_consent(session, [*plan.move, *plan.unchanged])
    touched |= _deactivate(session, deactivate)
    audit(
        session,
        by=by,
        action="roster.import",
        subject="children",
        added=len(plan.add),
        moved=len(plan.move),
        groups_created=len(plan.new_groups),
        deactivated=len(deactivate),
    )
    for group_id in sorted(touched):
        record_event(session, kind="board", group_id=group_id, payload={"group_id": group_id})
    session.commit()


def _set_consent(session: Session, rows: list[tuple[RosterRow, KnownChild]]) -> set[int]:
    """A consent column changes the children the file lists (an empty cell changes nothing)."""
    touched = set()
    for row, known in rows:
        if row.show_on_board is None:
            continue
        child = session.get(Child, known.child_id)
        if child is not None and child.show_on_board != row.show_on_board:
            child.show_on_board = row.show_on_board
            session.add(child)
            touched.add(child.group_id)
    return touched


def _deactivate(session: Session, child_ids: set[int]) -> set[int]:
    touched = set()
    for child_id in sorted(child_ids):
        child = session.get(Child, child_id)
        if child is not None and child.active:
            child.active = False
            touched.add(child.group_id)
    return touched


def _report(plan: ImportPlan, *, applied: bool, edex: bool) -> ImportReport:
    return ImportReport(
        applied=applied,
        format="edex" if edex else "csv",
        deactivated=0,
        missing=[
            ImportMissing(
                child_id=c.child_id,
                first_name=c.first_name,
                last_initial=c.last_initial,
                group=c.group,
            )
            for c in plan.missing
        ],
        add=[
            ImportRow(
                line=r.line,
                first_name=r.first_name,
                last_initial=r.last_initial,
                group=r.group,
                show_on_board=r.show_on_board,
            )
            for r in plan.add
        ],
        move=[
            ImportMove(
                line=r.line,
                first_name=r.first_name,
                last_initial=r.last_initial,
                group=r.group,
                child_id=k.child_id,
                from_group=k.group,
            )
            for r, k in plan.move
        ],
        unchanged=len(plan.unchanged),
        new_groups=[ImportGroup(name=name, kind=guess_kind(name)) for name in plan.new_groups],
        problems=[
            ImportProblem(line=p.line, reason=p.reason, code=p.code)
            for p in sorted(plan.problems, key=lambda p: p.line)
        ],
    )

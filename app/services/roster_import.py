"""Importing a class list exported by the school administration (preview, then apply)."""

from pydantic import BaseModel
from sqlmodel import Session, select

from app.domain.actors import Actor
from app.domain.roster_import import (
    ImportPlan,
    KnownChild,
    guess_kind,
    parse_roster,
    plan_import,
)
from app.models import Child, Group
from app.models.roster import ChildCreate
from app.services.audit import audit
from app.services.events import record_event
from app.services.roster import new_child


class ImportRow(BaseModel):
    line: int
    first_name: str
    last_initial: str | None
    group: str


class ImportMove(ImportRow):
    child_id: int
    from_group: str


class ImportProblem(BaseModel):
    line: int
    reason: str


class ImportGroup(BaseModel):
    name: str
    kind: str


class ImportReport(BaseModel):
    applied: bool
    add: list[ImportRow]
    move: list[ImportMove]
    unchanged: int
    new_groups: list[ImportGroup]
    problems: list[ImportProblem]


def import_roster(session: Session, *, raw: bytes, apply: bool, by: Actor) -> ImportReport:
    all_groups = session.exec(select(Group)).all()
    groups = {group.name.casefold(): group for group in all_groups}
    # Every group, even one whose name differs from another only in case ("groep 5").
    names = {group.id: group.name for group in all_groups}
    known = [
        KnownChild(child.id or 0, child.first_name, child.last_initial, names[child.group_id])
        for child in session.exec(select(Child)).all()
    ]
    plan = plan_import(parse_roster(raw), known, [group.name for group in groups.values()])
    if apply:
        _apply(session, plan, groups, by)
    return _report(plan, applied=apply)


def _apply(session: Session, plan: ImportPlan, groups: dict[str, Group], by: Actor) -> None:
    for name in plan.new_groups:
        group = Group(name=name, kind=guess_kind(name))
        session.add(group)
        groups[name.casefold()] = group
    session.flush()
    touched: set[int] = set()
    for row in plan.add:
        group_id = groups[row.group.casefold()].id
        assert group_id is not None
        new_child(
            session,
            child=ChildCreate(
                first_name=row.first_name, last_initial=row.last_initial, group_id=group_id
            ),
        )
        session.flush()
        touched.add(group_id)
    for row, known in plan.move:
        child = session.get(Child, known.child_id)
        assert child is not None
        touched.add(child.group_id)
        child.group_id = groups[row.group.casefold()].id or child.group_id
        touched.add(child.group_id)
        session.add(child)
    audit(
        session,
        by=by,
        action="roster.import",
        subject="children",
        added=len(plan.add),
        moved=len(plan.move),
        groups_created=len(plan.new_groups),
    )
    for group_id in sorted(touched):
        record_event(session, kind="board", group_id=group_id, payload={"group_id": group_id})
    session.commit()


def _report(plan: ImportPlan, *, applied: bool) -> ImportReport:
    return ImportReport(
        applied=applied,
        add=[
            ImportRow(
                line=r.line, first_name=r.first_name, last_initial=r.last_initial, group=r.group
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
            ImportProblem(line=p.line, reason=p.reason)
            for p in sorted(plan.problems, key=lambda p: p.line)
        ],
    )

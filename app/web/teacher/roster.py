"""Groups and children on the desk: add, rename, deactivate, erase (with a confirmation)."""

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from app.api.deps import IdParam, SessionDep, TeacherDep
from app.domain.errors import Invalid
from app.models import Group
from app.models.roster import ChildCreate, ChildUpdate, GroupCreate, GroupKind, GroupUpdate
from app.services import roster
from app.web.teacher.desk import Back, DeskRoute, done, form_int, page, parse_form

router = APIRouter(route_class=DeskRoute)
Text = Annotated[str, Form()]


@router.get("/teacher/roster")
def roster_page(
    request: Request,
    session: SessionDep,
    _actor: TeacherDep,
    group: int | None = None,
    inactive: bool = False,
) -> Response:
    groups = roster.list_groups(session)
    children = roster.list_children(session)
    counts: dict[int, int] = {}
    for child in children:
        if child.active:
            counts[child.group_id] = counts.get(child.group_id, 0) + 1
    shown = [
        child
        for child in children
        if (group is None or child.group_id == group) and (inactive or child.active)
    ]
    context: dict[str, Any] = {
        "area": "roster",
        "groups": groups,
        "group_names": {g.id: g.name for g in groups},
        "group_options": group_options(groups),
        "counts": counts,
        "children": shown,
        "selected": group,
        "inactive": inactive,
        "inactive_count": sum(1 for child in children if not child.active),
        "kinds": [kind.value for kind in GroupKind],
    }
    return page(request, "teacher/roster.html", context)


def group_options(groups: Sequence[Group]) -> dict[int | None, Markup]:
    """Each child's group picker: the same options with its own group selected, built once
    per group. Built per child, 500 children in 20 groups were 10,000 escaped options, most of
    the roster page's time (bench/bench_desk.py)."""
    options = [(group.id, escape(group.name)) for group in groups]
    return {
        chosen: Markup(
            "".join(
                f'<option value="{id_}"{" selected" if id_ == chosen else ""}>{name}</option>'
                for id_, name in options
            )
        )
        for chosen in [None, *(id_ for id_, _name in options)]
    }


def _group_fields(name: str, kind: str, weekly_goal: str) -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "weekly_goal": form_int(weekly_goal, field="weekly_goal"),
    }


@router.post("/teacher/groups")
def add_group(
    session: SessionDep,
    actor: TeacherDep,
    name: Text,
    kind: Text = "class",
    weekly_goal: Text = "",
    back: Back = "",
) -> Response:
    group = parse_form(GroupCreate, _group_fields(name, kind, weekly_goal))
    row = roster.create_group(session, group=group, by=actor)
    return done(back, "teacher.roster.group_added", name=row.name)


@router.post("/teacher/groups/{group_id}")
def change_group(
    group_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    name: Text,
    kind: Text,
    weekly_goal: Text = "",
    back: Back = "",
) -> Response:
    changes = parse_form(GroupUpdate, _group_fields(name, kind, weekly_goal))
    row = roster.update_group(session, group_id=group_id, changes=changes, by=actor)
    return done(back, "teacher.roster.group_saved", name=row.name)


def _child_fields(
    first_name: str, last_initial: str, group_id: str, show_on_board: str
) -> dict[str, Any]:
    group = form_int(group_id, field="group_id")
    if group is None:
        raise Invalid("group_id: choose a group", code="group_required")
    return {
        "first_name": first_name,
        "last_initial": last_initial.strip() or None,
        "group_id": group,
        # A checkbox: sent when ticked, absent when not (the forms always show it).
        "show_on_board": bool(show_on_board),
    }


def _picked_avatar(animal: str, colour: str) -> str | None:
    """The picker's animal and colour as an avatar; None when both are left to Pleinmunt."""
    if not animal and not colour:
        return None
    if not animal or not colour:
        raise Invalid("avatar: choose an animal and a colour", code="avatar_incomplete")
    return f"{animal}:{colour}"


@router.post("/teacher/children")
def add_child(
    session: SessionDep,
    actor: TeacherDep,
    first_name: Text,
    group_id: Text,
    last_initial: Text = "",
    animal: Text = "",
    colour: Text = "",
    show_on_board: Text = "",
    back: Back = "",
) -> Response:
    fields = _child_fields(first_name, last_initial, group_id, show_on_board)
    child = parse_form(ChildCreate, {**fields, "avatar": _picked_avatar(animal, colour)})
    row = roster.add_child(session, child=child, by=actor)
    return done(back, "teacher.roster.child_added", name=row.first_name)


@router.post("/teacher/children/{child_id}")
def change_child(
    child_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    first_name: Text,
    group_id: Text,
    last_initial: Text = "",
    show_on_board: Text = "",
    back: Back = "",
) -> Response:
    fields = _child_fields(first_name, last_initial, group_id, show_on_board)
    changes = parse_form(ChildUpdate, fields)
    row = roster.update_child(session, child_id=child_id, changes=changes, by=actor)
    return done(back, "teacher.roster.child_saved", name=row.first_name)


@router.get("/teacher/children/{child_id}/avatar")
def avatar_page(
    child_id: IdParam, request: Request, session: SessionDep, _actor: TeacherDep
) -> Response:
    context = {"area": "roster", "child": roster.get_child(session, child_id)}
    return page(request, "teacher/child_avatar.html", context)


@router.post("/teacher/children/{child_id}/avatar")
def change_avatar(
    child_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    animal: Text = "",
    colour: Text = "",
    back: Back = "",
) -> Response:
    avatar = _picked_avatar(animal, colour)
    if avatar is None:
        raise Invalid("avatar: choose an animal and a colour", code="avatar_incomplete")
    changes = parse_form(ChildUpdate, {"avatar": avatar})
    row = roster.update_child(session, child_id=child_id, changes=changes, by=actor)
    return done(
        back,
        "teacher.avatar.saved",
        to=f"/teacher/roster?group={row.group_id}",
        name=row.first_name,
    )


@router.post("/teacher/children/{child_id}/active")
def set_child_active(
    child_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    active: Annotated[bool, Form()],
    back: Back = "",
) -> Response:
    row = roster.update_child(
        session, child_id=child_id, changes=ChildUpdate(active=active), by=actor
    )
    key = "teacher.roster.child_activated" if active else "teacher.roster.child_deactivated"
    return done(back, key, name=row.first_name)


@router.get("/teacher/children/{child_id}/erase")
def erase_page(
    child_id: IdParam, request: Request, session: SessionDep, _a: TeacherDep
) -> Response:
    child = roster.get_child(session, child_id)
    group = roster.get_group(session, child.group_id)
    context = {"area": "roster", "child": child, "group": group}
    return page(request, "teacher/erase.html", context)


@router.post("/teacher/children/{child_id}/erase")
def erase_child(
    child_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    confirm_name: Annotated[str, Form()] = "",
    back: Back = "",
) -> Response:
    child = roster.get_child(session, child_id)
    if confirm_name.strip().casefold() != child.first_name.casefold():
        raise Invalid("type the child's first name to confirm the erasure", code="erase_confirm")
    roster.erase_child(session, child_id=child_id, by=actor)
    return done(back, "teacher.roster.child_erased", to="/teacher/roster")

"""The reasons a coin is given for, the daycare's bikes and the schoolyard's zones, on the desk."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.api.deps import IdParam, SessionDep, TeacherDep
from app.domain.errors import Invalid
from app.models.bike import BikeCreate, BikeUpdate
from app.models.reason import ReasonContext, ReasonCreate, ReasonUpdate
from app.models.zone import ZoneCreate, ZoneUpdate
from app.services import bikes, reasons, roster, zones
from app.web.teacher.desk import Back, DeskRoute, done, form_int, page, parse_form

router = APIRouter(route_class=DeskRoute)
Text = Annotated[str, Form()]
Flag = Annotated[bool, Form()]


@router.get("/teacher/reasons")
def reasons_page(request: Request, session: SessionDep, _actor: TeacherDep) -> Response:
    groups = roster.list_groups(session)
    context = {
        "area": "reasons",
        "reasons": reasons.list_reasons(session),
        "contexts": [context.value for context in ReasonContext],
        "bikes": bikes.list_bikes(session),
        "daycare_groups": [group for group in groups if group.kind == "daycare"],
        "group_names": {group.id: group.name for group in groups},
        "zones": zones.list_zones(session),
    }
    return page(request, "teacher/reasons.html", context)


def _reason_fields(
    label_nl: str, label_en: str, icon: str, context: str, position: str
) -> dict[str, Any]:
    return {
        "label_nl": label_nl,
        "label_en": label_en,
        "icon": icon,
        "context": context,
        "position": form_int(position, field="position") or 0,
    }


@router.post("/teacher/reasons")
def add_reason(
    session: SessionDep,
    actor: TeacherDep,
    slug: Text,
    label_nl: Text,
    label_en: Text,
    icon: Text,
    context: Text = "recess",
    position: Text = "0",
    back: Back = "",
) -> Response:
    fields = _reason_fields(label_nl, label_en, icon, context, position)
    reason = parse_form(ReasonCreate, {"slug": slug.strip().lower(), **fields})
    row = reasons.create_reason(session, reason=reason, by=actor)
    return done(back, "teacher.reasons.added", label=row.label_nl)


@router.post("/teacher/reasons/{slug}")
def change_reason(
    slug: str,
    session: SessionDep,
    actor: TeacherDep,
    label_nl: Text,
    label_en: Text,
    icon: Text,
    context: Text,
    position: Text = "0",
    active: Flag = False,
    back: Back = "",
) -> Response:
    fields = _reason_fields(label_nl, label_en, icon, context, position)
    changes = parse_form(ReasonUpdate, {**fields, "active": active})
    row = reasons.update_reason(session, slug=slug, changes=changes, by=actor)
    return done(back, "teacher.reasons.saved", label=row.label_nl)


@router.post("/teacher/bikes")
def add_bike(
    session: SessionDep, actor: TeacherDep, name: Text, group_id: Text, back: Back = ""
) -> Response:
    group = form_int(group_id, field="group_id")
    if group is None:
        raise Invalid(
            "group_id: choose the daycare group the bike belongs to", code="bike_group_required"
        )
    bike = parse_form(BikeCreate, {"name": name, "group_id": group})
    row = bikes.create_bike(session, bike=bike, by=actor)
    return done(back, "teacher.bikes.added", name=row.name)


@router.post("/teacher/bikes/{bike_id}")
def change_bike(
    bike_id: IdParam,
    session: SessionDep,
    actor: TeacherDep,
    name: Text,
    active: Flag = False,
    back: Back = "",
) -> Response:
    changes = parse_form(BikeUpdate, {"name": name, "active": active})
    row = bikes.update_bike(session, bike_id=bike_id, changes=changes, by=actor)
    return done(back, "teacher.bikes.saved", name=row.name)


@router.post("/teacher/zones")
def add_zone(
    session: SessionDep,
    actor: TeacherDep,
    name: Text,
    icon: Text = "📍",
    position: Text = "",
    back: Back = "",
) -> Response:
    fields = {"name": name, "icon": icon, "position": form_int(position, field="position")}
    row = zones.create_zone(session, zone=parse_form(ZoneCreate, fields), by=actor)
    return done(back, "teacher.zones.added", name=row.name)


@router.post("/teacher/zones/{slug}")
def change_zone(
    slug: str,
    session: SessionDep,
    actor: TeacherDep,
    name: Text,
    icon: Text,
    position: Text = "0",
    active: Flag = False,
    back: Back = "",
) -> Response:
    fields = {
        "name": name,
        "icon": icon,
        "position": form_int(position, field="position") or 0,
        "active": active,
    }
    changes = parse_form(ZoneUpdate, fields)
    row = zones.update_zone(session, slug=slug, changes=changes, by=actor)
    return done(back, "teacher.zones.saved", name=row.name)

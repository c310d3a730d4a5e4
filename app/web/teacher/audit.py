"""The audit log on the desk: who changed what and when, filtered, paged, and as CSV."""

import json
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.api.deps import SessionDep, SettingsDep, TeacherDep
from app.api.http import request_language
from app.domain.errors import Invalid
from app.i18n import gettext_for
from app.services.audit_log import AuditFilter, actor_names, audit_actions, audit_csv, audit_page
from app.web.teacher.desk import DeskRoute, page

router = APIRouter(route_class=DeskRoute)


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(
            f"{field}: write a date like 2026-11-30", code="date_format", field=field
        ) from None


def _filter(
    action: str | None, actor: str | None, subject: str | None, since: str | None, until: str | None
) -> AuditFilter:
    return AuditFilter(
        action=(action or None) and action[:40],
        actor=(actor or None) and actor[:40],
        subject=(subject or "").strip()[:80] or None,
        since=_day(since, "since"),
        until=_day(until, "until"),
    )


def _query(where: AuditFilter) -> list[tuple[str, str]]:
    """The filter as query parameters, for the pager and the CSV link."""
    values = {
        "action": where.action,
        "actor": where.actor,
        "subject": where.subject,
        "since": where.since.isoformat() if where.since else None,
        "until": where.until.isoformat() if where.until else None,
    }
    return [(key, value) for key, value in values.items() if value]


def action_label(gettext: Callable[[str], str], action: str) -> str:
    """An action as a teacher reads it ("Kind gewist"); an unknown one as it is stored."""
    key = f"teacher.action.{action}"
    label = gettext(key)
    return action if label == key else label


@router.get("/teacher/audit")
def audit_page_view(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
    action: str | None = None,
    actor: str | None = None,
    subject: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> Response:
    where = _filter(action, actor, subject, since, until)
    result = audit_page(session, where=where, page=page_number, tz=settings.tz)
    actions = audit_actions(session)
    names = actor_names(session)
    context = {
        "area": "audit",
        "result": result,
        "where": where,
        "areas": sorted({name.split(".")[0] for name in actions}),
        "actions": actions,
        "names": names,
        "action_label": partial(action_label, gettext_for(request_language(request))),
        "detail": lambda entry: (
            json.dumps(entry.detail, ensure_ascii=False, sort_keys=True) if entry.detail else ""
        ),
        "csv_url": "/teacher/audit.csv?" + urlencode(_query(where)),
        "page_url": lambda number: (
            "/teacher/audit?" + urlencode([*_query(where), ("page", number)])
        ),
    }
    return page(request, "teacher/audit.html", context)


@router.get("/teacher/audit.csv")
def audit_export(
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
    action: str | None = None,
    actor: str | None = None,
    subject: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    where = _filter(action, actor, subject, since, until)
    body = b"".join(audit_csv(session, where=where, tz=settings.tz))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="pleinmunt-logboek.csv"'},
    )

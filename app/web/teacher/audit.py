"""The audit log on the desk: who changed what and when, filtered, paged, and as CSV."""

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
from app.models import AuditEntry
from app.services.audit_log import (
    CSV_COLUMNS,
    AuditFilter,
    actor_names,
    audit_actions,
    audit_csv,
    audit_page,
)
from app.services.audit_names import audit_names
from app.web.teacher.audit_words import describe
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


def action_label(
    gettext: Callable[[str], str], action: str, *, prefix: str = "teacher.action."
) -> str:
    """An action as a teacher reads it ("Kind gewist"); an unknown one as it is stored."""
    key = f"{prefix}{action}"
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
    language = request_language(request)
    gettext = gettext_for(language)
    words = audit_names(session, result.entries)
    context = {
        "area": "audit",
        "result": result,
        "where": where,
        "areas": sorted({name.split(".")[0] for name in actions}),
        "actions": actions,
        "names": names,
        "action_label": partial(action_label, gettext),
        "area_label": lambda area: action_label(gettext, area, prefix="teacher.audit.area."),
        "says": lambda entry: describe(entry, words, gettext, language),
        "csv_url": "/teacher/audit.csv?" + urlencode(_query(where)),
        "page_url": lambda number: (
            "/teacher/audit?" + urlencode([*_query(where), ("page", number)])
        ),
    }
    return page(request, "teacher/audit.html", context)


@router.get("/teacher/audit.csv")
def audit_export(
    request: Request,
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
    language = request_language(request)
    gettext = gettext_for(language)
    headers = [gettext(f"teacher.audit.csv.{column}") for column in CSV_COLUMNS]

    def in_words(entries: list[AuditEntry]) -> list[str]:
        words = audit_names(session, entries)
        return [describe(entry, words, gettext, language) for entry in entries]

    rows = audit_csv(session, where=where, tz=settings.tz, headers=headers, describe=in_words)
    body = b"".join(rows)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="pleinmunt-logboek.csv"'},
    )

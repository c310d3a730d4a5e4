"""Reading the audit log: filtered, one page at a time, or all of it as CSV for a spreadsheet.

Entries name children by id only (app/services/audit.py); people by their label
(``teacher:1``, ``logger:3``), which ``actor_names`` turns into the names teachers know.
"""

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from math import ceil
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import AuditEntry, Logger, Teacher

PAGE_SIZE = 50
_EXPORT_BATCH = 500


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None  # an exact action ("child.erase") or an area ("child")
    actor: str | None = None  # a label, "teacher:1"
    subject: str | None = None  # "child:12", or the start of one ("board:")
    since: date | None = None  # school days, inclusive
    until: date | None = None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


def actor_names(session: Session) -> dict[str, str]:
    """Every person's label and name: ``{"teacher:1": "juf", "logger:3": "Kas"}``."""
    names = {f"teacher:{row.id}": row.username for row in session.exec(select(Teacher))}
    names.update({f"logger:{row.id}": row.name for row in session.exec(select(Logger))})
    return names


def audit_actions(session: Session) -> list[str]:
    return sorted(session.exec(select(AuditEntry.action).distinct()).all())


def _filtered(query: Any, where: AuditFilter, tz: ZoneInfo) -> Any:
    if where.action:
        query = query.where(
            (col(AuditEntry.action) == where.action)
            | col(AuditEntry.action).startswith(f"{where.action}.")
        )
    if where.actor:
        query = query.where(AuditEntry.actor == where.actor)
    if where.subject:
        query = query.where(col(AuditEntry.subject).startswith(where.subject))
    if where.since:
        query = query.where(AuditEntry.at >= _midnight(where.since, tz))
    if where.until:
        query = query.where(AuditEntry.at < _midnight(where.until + timedelta(days=1), tz))
    return query


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz)


def audit_page(session: Session, *, where: AuditFilter, page: int, tz: ZoneInfo) -> AuditPage:
    """One page of entries, newest first."""
    total = session.exec(_filtered(select(func.count()).select_from(AuditEntry), where, tz)).one()
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    entries = session.exec(
        _filtered(select(AuditEntry), where, tz)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return AuditPage(entries=list(entries), total=int(total), page=page, pages=pages)


CSV_COLUMNS = ("at", "actor", "actor_name", "action", "subject", "detail", "sentence")


def audit_csv(
    session: Session,
    *,
    where: AuditFilter,
    tz: ZoneInfo,
    headers: list[str] | None = None,
    describe: Callable[[list[AuditEntry]], list[str]] | None = None,
) -> Iterator[bytes]:
    """Every matching entry, oldest first, as CSV for Dutch Excel (BOM, ``;``, CRLF),
    produced in batches so a long log never sits in memory at once. ``headers`` name the
    columns (CSV_COLUMNS) in the reader's language; ``describe`` says each batch in words."""
    names = actor_names(session)
    yield "\ufeff".encode()
    yield _line(headers or list(CSV_COLUMNS))
    query = _filtered(select(AuditEntry), where, tz).order_by(
        col(AuditEntry.at), col(AuditEntry.id)
    )
    rows = session.exec(query.execution_options(yield_per=_EXPORT_BATCH))
    while batch := list(islice(rows, _EXPORT_BATCH)):
        sentences = describe(batch) if describe else [""] * len(batch)
        for entry, sentence in zip(batch, sentences, strict=True):
            yield _line(
                [
                    entry.at.astimezone(tz).isoformat(timespec="seconds"),
                    entry.actor,
                    names.get(entry.actor, ""),
                    entry.action,
                    entry.subject,
                    json.dumps(entry.detail, ensure_ascii=False, sort_keys=True),
                    sentence,
                ]
            )


def _line(values: list[str]) -> bytes:
    buffer = io.StringIO()
    # A value starting with = + - @ would run as a formula in Excel; a leading ' keeps it text.
    safe = ["'" + value if value.startswith(("=", "+", "-", "@")) else value for value in values]
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(safe)
    return buffer.getvalue().encode("utf-8")

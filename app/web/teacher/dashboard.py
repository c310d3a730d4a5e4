"""The dashboard: is it working? Coins per week, conflicts against coins, and who gets coins."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.api.deps import SessionDep, SettingsDep, TeacherDep
from app.api.http import request_language
from app.domain.weeks import shift_week, week_of, week_or_this
from app.i18n import gettext_for
from app.models.types import utcnow
from app.services.audit_log import actor_names
from app.services.dashboard import Dashboard, dashboard
from app.web.charts import Chart, Series, horizontal_bars, line_chart, stacked_columns
from app.web.teacher.desk import DeskRoute, page

router = APIRouter(route_class=DeskRoute)
# The spread and loggers charts share a row: drawn narrower, their text stays legible.
HALF_WIDTH = 520
FULL_WIDTH = 1100  # a chart with its table below it


@dataclass(frozen=True)
class Figure:
    """A chart and the table with its numbers (the header row first)."""

    chart: Chart
    table: list[list[Any]]


@router.get("/teacher/dashboard")
def dashboard_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _actor: TeacherDep,
    week: str | None = None,
) -> Response:
    this_week = week_of(utcnow(), settings.tz)
    last = min(week_or_this(week or None, now=utcnow(), tz=settings.tz), this_week)
    data = dashboard(session, last_week=last)
    language = request_language(request)
    context = {
        "area": "dashboard",
        "data": data,
        "figures": figures(data, language, actor_names(session)),
        "previous_week": shift_week(last, -1),
        "next_week": shift_week(last, 1) if last < this_week else None,
        "is_current": last == this_week,
    }
    return page(request, "teacher/dashboard.html", context)


def figures(data: Dashboard, language: str, names: dict[str, str]) -> dict[str, Figure]:
    _ = gettext_for(language)
    weeks = [_("teacher.week.tiny").format(number=int(week[-2:])) for week in data.weeks]
    header = _("teacher.dashboard.week")
    groups = [Series(row.key, tuple(row.values)) for row in data.by_group]
    label = "label_nl" if language == "nl" else "label_en"
    reasons = [
        Series(f"{row.icon} {getattr(row, label)}", tuple(row.values)) for row in data.by_reason
    ]
    recesses = [Series(_(f"teacher.recess.{row.key}"), tuple(row.values)) for row in data.conflicts]
    coins = [Series(_("teacher.dashboard.coins"), tuple(data.coins))]
    zones = [Series(row.key, tuple(row.values)) for row in data.conflicts_by_zone]
    return {
        "groups": Figure(stacked_columns(weeks, groups), _table(header, weeks, groups)),
        "reasons": Figure(
            stacked_columns(weeks, reasons, width=FULL_WIDTH), _table(header, weeks, reasons)
        ),
        "conflicts": Figure(
            stacked_columns(weeks, recesses, height=200),
            _table(header, weeks, [*recesses, *coins]),
        ),
        "zones": Figure(
            stacked_columns(weeks, zones, width=FULL_WIDTH, height=220),
            _table(header, weeks, zones),
        ),
        "coins": Figure(line_chart(weeks, coins, height=170), []),
        "spread": _spread(data, _),
        "loggers": _loggers(data, _, names),
    }


def _spread(data: Dashboard, _: Callable[[str], str]) -> Figure:
    """Children by coins this week; the ones without a coin in their own colour."""
    labels = [bucket.label for bucket in data.spread]
    counts = [bucket.count for bucket in data.spread]
    some = Series(_("teacher.dashboard.with_coins"), (0, *counts[1:]))
    none = Series(_("teacher.dashboard.without"), (counts[0], *[0] * (len(counts) - 1)))
    chart = stacked_columns(labels, [some, none], width=HALF_WIDTH, height=220)
    both = Series(_("teacher.dashboard.children"), tuple(counts))
    return Figure(chart, _table(_("teacher.dashboard.coins_this_week"), labels, [both]))


def _loggers(data: Dashboard, _: Callable[[str], str], names: dict[str, str]) -> Figure:
    people = [names.get(row.label, row.label) for row in data.loggers]
    chart = horizontal_bars(people, [row.all_weeks for row in data.loggers], width=HALF_WIDTH)
    header = [
        _("teacher.dashboard.logger"),
        _("teacher.dashboard.this_week"),
        _("teacher.dashboard.all_weeks"),
    ]
    rows = [
        [name, row.this_week, row.all_weeks] for name, row in zip(people, data.loggers, strict=True)
    ]
    return Figure(chart, [header, *rows])


def _table(first: str, categories: list[str], series: list[Series]) -> list[list[Any]]:
    """Rows per category, a column per series: the numbers a chart draws."""
    header: list[Any] = [first, *(one.name for one in series)]
    rows = [
        [category, *(one.values[index] for one in series)]
        for index, category in enumerate(categories)
    ]
    return [header, *rows]

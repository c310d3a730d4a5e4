"""What a board's screen shows, and when: its display mode and its screen hours.

Screen hours are ISO weekdays (1 = Monday) and "HH:MM" times on the school's clock; a span whose
end is before its start runs past midnight, and the part after midnight belongs to the day it
started (the same rule as kiosk/hours.js, which the wall display applies itself).
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

ALL_DAYS = (1, 2, 3, 4, 5, 6, 7)


class DisplayMode(StrEnum):
    ranking = "ranking"  # most coins first
    alphabetical = "alphabetical"  # every child in name order: no first or last place
    groups = "groups"  # no individual child: the group tubes and anonymous moments


def default_display_mode(group_kinds: Iterable[str]) -> DisplayMode:
    """``groups`` for a board of daycare groups only (toddlers read a tube, not a ranking)."""
    kinds = set(group_kinds)
    return DisplayMode.groups if kinds and kinds <= {"daycare"} else DisplayMode.ranking


def within_hours(hours: Mapping[str, Any] | None, local: datetime) -> bool:
    """Whether ``local`` (a time on the school's clock) falls within the screen hours."""
    if not hours:
        return True
    days = hours.get("days") or ALL_DAYS
    day, now = local.isoweekday(), local.strftime("%H:%M")
    start, end = hours["start"], hours["end"]
    if start <= end:
        return day in days and start <= now < end
    yesterday = 7 if day == 1 else day - 1
    return (day in days and now >= start) or (yesterday in days and now < end)


def hours_overlap(
    hours: Mapping[str, Any] | None, since: datetime, until: datetime, step_minutes: int = 5
) -> bool:
    """Whether any moment from ``since`` to ``until`` (school clock) was within the hours,
    checked every few minutes (enough for "away for more than ten minutes")."""
    moment = since
    while moment <= until:
        if within_hours(hours, moment):
            return True
        moment += timedelta(minutes=step_minutes)
    return within_hours(hours, until)

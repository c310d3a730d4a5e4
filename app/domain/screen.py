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


def minutes_within_hours(
    hours: Mapping[str, Any] | None, since: datetime, until: datetime, cap: int = 7 * 24 * 60
) -> int:
    """How many whole minutes from ``since`` to ``until`` (school clock) fell within the
    screen hours, counting back from ``until`` at most ``cap`` minutes."""
    minutes = max(0, min(cap, int((until - since).total_seconds() // 60)))
    return sum(
        1 for step in range(minutes) if within_hours(hours, until - timedelta(minutes=step + 1))
    )


# The desk warns about a screen away this long during its hours.
AWAY_WARNING_MINUTES = 10


def away_too_long(
    hours: Mapping[str, Any] | None, last_seen: datetime | None, now: datetime, connected: int
) -> bool:
    """A screen that was seen once, is not connected now, and missed more than ten minutes of
    its hours since (both times on the school's clock)."""
    if connected or last_seen is None:
        return False
    return minutes_within_hours(hours, last_seen, now) > AWAY_WARNING_MINUTES

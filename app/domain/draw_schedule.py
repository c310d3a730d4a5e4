"""When the automatic weekly draw is due: ``PLEINMUNT_DRAW_AT="fri 14:30"`` (school time).

The day may be written in English or Dutch, short or long (``fri``, ``friday``, ``vr``,
``vrijdag``). From that moment until the week ends, the current week is due; the draw itself
skips boards that already have a winner, so being due again after a restart is harmless.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.errors import Invalid
from app.domain.weeks import week_of

_DAYS = {
    0: ("mon", "monday", "ma", "maandag"),
    1: ("tue", "tuesday", "di", "dinsdag"),
    2: ("wed", "wednesday", "wo", "woensdag"),
    3: ("thu", "thursday", "do", "donderdag"),
    4: ("fri", "friday", "vr", "vrijdag"),
    5: ("sat", "saturday", "za", "zaterdag"),
    6: ("sun", "sunday", "zo", "zondag"),
}
_WEEKDAY = {name: weekday for weekday, names in _DAYS.items() for name in names}
_PATTERN = re.compile(r"^\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class DrawAt:
    weekday: int  # Monday is 0, as in datetime.weekday()
    at: time

    def moment_in_week(self, moment: datetime, tz: ZoneInfo) -> datetime:
        """This draw time in the (school) week that ``moment`` falls in, as an aware datetime."""
        local = moment.astimezone(tz)
        monday = local.date() - timedelta(days=local.weekday())
        day: date = monday + timedelta(days=self.weekday)
        return datetime.combine(day, self.at, tzinfo=tz)


def parse_draw_at(text: str) -> DrawAt:
    match = _PATTERN.match(text.lower())
    if not match or match[1] not in _WEEKDAY:
        raise Invalid(
            f"draw time {text!r} is not understood; write it like 'fri 14:30'",
            code="draw_time_format",
        )
    hour, minute = int(match[2]), int(match[3])
    if hour > 23 or minute > 59:
        raise Invalid(
            f"draw time {text!r} has no such hour or minute; write it like 'fri 14:30'",
            code="draw_time_format",
        )
    return DrawAt(weekday=_WEEKDAY[match[1]], at=time(hour, minute))


def due_week(draw_at: DrawAt, now: datetime, tz: ZoneInfo) -> str | None:
    """The week to draw now, or None while this week's draw time has not come yet."""
    if now < draw_at.moment_in_week(now, tz):
        return None
    return week_of(now, tz)


def next_draw_time(draw_at: DrawAt, now: datetime, tz: ZoneInfo) -> datetime:
    """The next draw time after ``now``: this week's, or next week's once it has passed."""
    moment = draw_at.moment_in_week(now, tz)
    if moment <= now:
        moment = draw_at.moment_in_week(now + timedelta(days=7), tz)
    return moment


def seconds_until_due(draw_at: DrawAt, now: datetime, tz: ZoneInfo) -> float:
    """How long until this week's draw time (0 when it has passed already)."""
    return max(0.0, (draw_at.moment_in_week(now, tz) - now).total_seconds())

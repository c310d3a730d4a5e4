"""School weeks: ISO weeks in the school's time zone, written ``2026-W48``."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.errors import Invalid

# ASCII digits only, and the whole text: "2026-W48\n" is not a week.
_WEEK = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)


def week_of(moment: datetime, tz: ZoneInfo) -> str:
    """The ISO week a moment falls in, as the school's clock on the wall sees it."""
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> tuple[int, int]:
    match = _WEEK.fullmatch(text)
    if not match:
        raise Invalid(
            f"week {text!r} is not an ISO week; write it like 2026-W48", code="week_format"
        )
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Invalid(
            f"week {text!r} does not exist: {year} has no week {week}", code="week_format"
        ) from None
    return year, week


def week_or_this(week: str | None, *, now: datetime, tz: ZoneInfo) -> str:
    """``week`` checked (Invalid, 422, when it is no ISO week), or the week ``now`` falls in:
    what every "which week?" input means (the API's ``?week=``, the desk, the CLI)."""
    if week is None:
        return week_of(now, tz)
    parse_week(week)
    return week


def week_start(text: str) -> date:
    """The Monday of a week."""
    year, week = parse_week(text)
    return date.fromisocalendar(year, week, 1)


def week_bounds(text: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a school week begins (inclusive) and ends (exclusive)."""
    monday = week_start(text)
    start = datetime.combine(monday, time(), tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time(), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def shift_week(text: str, weeks: int) -> str:
    monday = week_start(text) + timedelta(weeks=weeks)
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def day_bounds(moment: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of the school day (local midnight to midnight) around a moment."""
    local_day = moment.astimezone(tz).date()
    start = datetime.combine(local_day, time(), tzinfo=tz)
    end = datetime.combine(local_day + timedelta(days=1), time(), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)

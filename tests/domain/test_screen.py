"""Display modes and screen hours (the same rules as kiosk/hours.js)."""

from datetime import datetime, timedelta

import pytest

from app.domain.screen import (
    DisplayMode,
    away_too_long,
    default_display_mode,
    minutes_within_hours,
    within_hours,
)

SCHOOL = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "16:00"}
NIGHT = {"days": [5], "start": "22:00", "end": "02:00"}
WEDNESDAY = datetime(2026, 12, 2, 10, 0)  # school clock


def test_default_mode_is_groups_only_for_daycare_only_boards() -> None:
    assert default_display_mode(["daycare", "daycare"]) is DisplayMode.groups
    assert default_display_mode(["daycare", "class"]) is DisplayMode.ranking
    assert default_display_mode(["class"]) is DisplayMode.ranking
    assert default_display_mode([]) is DisplayMode.ranking


@pytest.mark.parametrize(
    ("hours", "moment", "inside"),
    [
        (None, WEDNESDAY, True),
        (SCHOOL, WEDNESDAY, True),
        (SCHOOL, WEDNESDAY.replace(hour=7, minute=59), False),
        (SCHOOL, WEDNESDAY.replace(hour=16, minute=0), False),
        (SCHOOL, WEDNESDAY + timedelta(days=3), False),  # Saturday
        (NIGHT, datetime(2026, 12, 4, 23, 0), True),  # Friday night
        (NIGHT, datetime(2026, 12, 5, 1, 59), True),  # after midnight: still Friday's
        (NIGHT, datetime(2026, 12, 5, 23, 0), False),  # Saturday night
    ],
)
def test_within_hours(hours: dict | None, moment: datetime, inside: bool) -> None:
    assert within_hours(hours, moment) is inside


def test_minutes_within_hours_counts_only_the_hours() -> None:
    start = WEDNESDAY.replace(hour=15, minute=30)
    assert minutes_within_hours(SCHOOL, start, start + timedelta(hours=2)) == 30
    assert minutes_within_hours(None, start, start + timedelta(minutes=11)) == 11


def test_away_too_long_warns_only_after_ten_minutes_of_hours() -> None:
    seen = WEDNESDAY
    assert not away_too_long(SCHOOL, seen, seen + timedelta(minutes=10), connected=0)
    assert away_too_long(SCHOOL, seen, seen + timedelta(minutes=11), connected=0)
    assert not away_too_long(SCHOOL, seen, seen + timedelta(minutes=11), connected=1)
    assert not away_too_long(SCHOOL, None, seen, connected=0)  # never linked yet
    evening = WEDNESDAY.replace(hour=16, minute=30)
    assert not away_too_long(SCHOOL, evening, evening + timedelta(hours=3), connected=0)

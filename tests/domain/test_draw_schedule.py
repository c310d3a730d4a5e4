"""When the automatic draw is due: "fri 14:30" in the school's time zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.draw_schedule import DrawAt, due_week, parse_draw_at, seconds_until_due
from app.domain.errors import Invalid

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize("text", ["fri 14:30", "Friday 14:30", "vr 14:30", "vrijdag  14:30"])
def test_parse_draw_at_reads_english_and_dutch_days(text: str) -> None:
    assert parse_draw_at(text) == DrawAt(weekday=4, at=datetime(2026, 1, 1, 14, 30).time())


@pytest.mark.parametrize("text", ["", "fri", "14:30", "fry 14:30", "fri 25:00", "fri 14:75"])
def test_parse_draw_at_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(Invalid, match="fri 14:30"):
        parse_draw_at(text)


def test_due_week_before_the_draw_time_is_none() -> None:
    draw_at = parse_draw_at("fri 14:30")
    # Friday 27 November 2026, 14:29 in Amsterdam (13:29 UTC).
    assert due_week(draw_at, datetime(2026, 11, 27, 13, 29, tzinfo=UTC), AMSTERDAM) is None


def test_due_week_from_the_draw_time_to_the_end_of_the_week() -> None:
    draw_at = parse_draw_at("fri 14:30")
    for moment in (
        datetime(2026, 11, 27, 13, 30, tzinfo=UTC),  # Friday 14:30 local
        datetime(2026, 11, 29, 22, 59, tzinfo=UTC),  # Sunday 23:59 local
    ):
        assert due_week(draw_at, moment, AMSTERDAM) == "2026-W48"
    # Monday 00:00 local is a new week, not due before its own Friday.
    assert due_week(draw_at, datetime(2026, 11, 29, 23, 0, tzinfo=UTC), AMSTERDAM) is None


def test_due_week_follows_the_school_clock_across_summer_time() -> None:
    draw_at = parse_draw_at("fri 14:30")
    # Friday 26 June 2026: 14:30 in Amsterdam is 12:30 UTC (summer time).
    assert due_week(draw_at, datetime(2026, 6, 26, 12, 29, tzinfo=UTC), AMSTERDAM) is None
    assert due_week(draw_at, datetime(2026, 6, 26, 12, 30, tzinfo=UTC), AMSTERDAM) == "2026-W26"


def test_seconds_until_due_counts_down_to_zero() -> None:
    draw_at = parse_draw_at("fri 14:30")
    thursday = datetime(2026, 11, 26, 13, 30, tzinfo=UTC)
    assert seconds_until_due(draw_at, thursday, AMSTERDAM) == 24 * 3600
    assert seconds_until_due(draw_at, datetime(2026, 11, 28, tzinfo=UTC), AMSTERDAM) == 0

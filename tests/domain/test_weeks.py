"""School weeks: ISO weeks as the clock on the school's wall (Europe/Amsterdam) sees them."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import Invalid
from app.domain.weeks import day_bounds, parse_week, shift_week, week_bounds, week_of, week_start

AMS = ZoneInfo("Europe/Amsterdam")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_week_of_sunday_late_evening_is_still_that_week() -> None:
    # Sunday 29 November 2026, 23:30 in Amsterdam (CET, UTC+1).
    assert week_of(utc(2026, 11, 29, 22, 30), AMS) == "2026-W48"


def test_week_of_monday_just_after_local_midnight_is_the_new_week() -> None:
    # Still Sunday in UTC, but already Monday 00:30 on the school's clock.
    assert week_of(utc(2026, 11, 29, 23, 30), AMS) == "2026-W49"


def test_week_of_follows_the_given_time_zone() -> None:
    moment = utc(2026, 11, 29, 23, 30)
    assert week_of(moment, ZoneInfo("UTC")) == "2026-W48"
    assert week_of(moment, ZoneInfo("America/New_York")) == "2026-W48"


def test_week_of_summer_time_monday_uses_utc_plus_two() -> None:
    # Monday 6 July 2026, 01:30 CEST is Sunday 23:30 UTC.
    assert week_of(utc(2026, 7, 5, 23, 30), AMS) == "2026-W28"
    assert week_of(utc(2026, 7, 5, 21, 59), AMS) == "2026-W27"


def test_week_of_last_days_of_2026_are_week_53() -> None:
    assert week_of(utc(2026, 12, 31, 12), AMS) == "2026-W53"
    # Sunday 3 January 2027, 23:30 in Amsterdam: still 2026's last week.
    assert week_of(utc(2027, 1, 3, 22, 30), AMS) == "2026-W53"


def test_week_of_first_monday_of_2027_is_week_1() -> None:
    # Monday 4 January 2027, 00:30 in Amsterdam; in UTC it is still Sunday.
    assert week_of(utc(2027, 1, 3, 23, 30), AMS) == "2027-W01"


def test_week_of_new_years_day_2027_belongs_to_2026() -> None:
    assert week_of(utc(2027, 1, 1, 9), AMS) == "2026-W53"


def test_parse_week_returns_year_and_week() -> None:
    assert parse_week("2026-W48") == (2026, 48)
    assert parse_week("2026-W53") == (2026, 53)


@pytest.mark.parametrize("text", ["2026-W54", "2021-W53", "2026-W00"])
def test_parse_week_refuses_a_week_the_year_does_not_have(text: str) -> None:
    with pytest.raises(Invalid) as error:
        parse_week(text)
    assert text in error.value.detail
    assert "does not exist" in error.value.detail


@pytest.mark.parametrize(
    "text", ["2026-48", "2026W48", "2026-w48", "26-W48", "2026-W4", "", "week 48", "2026-W48 "]
)
def test_parse_week_refuses_text_that_is_not_an_iso_week(text: str) -> None:
    with pytest.raises(Invalid) as error:
        parse_week(text)
    assert "2026-W48" in error.value.detail  # says how to write it


def test_parse_week_refuses_a_trailing_newline() -> None:
    with pytest.raises(Invalid):
        parse_week("2026-W48\n")


def test_parse_week_refuses_non_ascii_digits() -> None:
    with pytest.raises(Invalid):
        parse_week("٢٠٢٦-W48")


def test_week_start_is_the_monday() -> None:
    assert week_start("2026-W48").isoformat() == "2026-11-23"
    assert week_start("2026-W53").isoformat() == "2026-12-28"


def test_week_bounds_are_local_midnights_in_utc() -> None:
    start, end = week_bounds("2026-W48", AMS)
    assert start == utc(2026, 11, 22, 23)
    assert end == utc(2026, 11, 29, 23)


def test_week_bounds_contain_exactly_the_moments_of_the_week() -> None:
    start, end = week_bounds("2026-W49", AMS)
    assert week_of(start, AMS) == "2026-W49"
    assert week_of(end - timedelta(microseconds=1), AMS) == "2026-W49"
    assert week_of(start - timedelta(microseconds=1), AMS) == "2026-W48"
    assert week_of(end, AMS) == "2026-W50"


def test_week_bounds_spring_forward_week_is_an_hour_short() -> None:
    # Summer time starts on Sunday 29 March 2026: the week begins in CET and ends in CEST.
    start, end = week_bounds("2026-W13", AMS)
    assert start == utc(2026, 3, 22, 23)
    assert end == utc(2026, 3, 29, 22)
    assert end - start == timedelta(days=7, hours=-1)


def test_week_bounds_fall_back_week_is_an_hour_long() -> None:
    # Winter time returns on Sunday 25 October 2026.
    start, end = week_bounds("2026-W43", AMS)
    assert start == utc(2026, 10, 18, 22)
    assert end == utc(2026, 10, 25, 23)
    assert end - start == timedelta(days=7, hours=1)


def test_week_bounds_of_week_53_run_into_january() -> None:
    start, end = week_bounds("2026-W53", AMS)
    assert start == utc(2026, 12, 27, 23)
    assert end == utc(2027, 1, 3, 23)


def test_week_bounds_refuse_a_bad_week() -> None:
    with pytest.raises(Invalid):
        week_bounds("2021-W53", AMS)


def test_shift_week_forward_over_week_53() -> None:
    assert shift_week("2026-W52", 1) == "2026-W53"
    assert shift_week("2026-W53", 1) == "2027-W01"


def test_shift_week_back_over_the_year_boundary() -> None:
    assert shift_week("2027-W01", -1) == "2026-W53"
    assert shift_week("2026-W01", -1) == "2025-W52"


def test_shift_week_by_zero_is_the_same_week() -> None:
    assert shift_week("2026-W48", 0) == "2026-W48"


def test_shift_week_over_several_years() -> None:
    assert shift_week("2026-W48", 52 * 3) == "2029-W47"
    assert shift_week(shift_week("2026-W48", 100), -100) == "2026-W48"


def test_day_bounds_are_local_midnight_to_midnight() -> None:
    start, end = day_bounds(utc(2026, 11, 27, 10, 15), AMS)
    assert start == utc(2026, 11, 26, 23)
    assert end == utc(2026, 11, 27, 23)


def test_day_bounds_just_after_local_midnight_is_the_next_day() -> None:
    # 23:30 UTC on 27 November is 00:30 on the 28th in Amsterdam.
    start, end = day_bounds(utc(2026, 11, 27, 23, 30), AMS)
    assert start == utc(2026, 11, 27, 23)
    assert end == utc(2026, 11, 28, 23)


def test_day_bounds_include_start_and_exclude_end() -> None:
    start, end = day_bounds(utc(2026, 11, 27, 10), AMS)
    assert day_bounds(start, AMS) == (start, end)
    assert day_bounds(end, AMS)[0] == end


def test_day_bounds_spring_forward_day_has_23_hours() -> None:
    start, end = day_bounds(utc(2026, 3, 29, 12), AMS)
    assert (start, end) == (utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))


def test_day_bounds_fall_back_day_has_25_hours() -> None:
    start, end = day_bounds(utc(2026, 10, 25, 12), AMS)
    assert (start, end) == (utc(2026, 10, 24, 22), utc(2026, 10, 25, 23))


def test_day_bounds_accept_any_time_zone_for_the_same_instant() -> None:
    moment = utc(2026, 11, 27, 23, 30)
    assert day_bounds(moment.astimezone(ZoneInfo("Asia/Tokyo")), AMS) == day_bounds(moment, AMS)

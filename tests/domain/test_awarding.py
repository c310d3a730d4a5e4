"""When a coin counts (clamping the tablet's clock) and how many a child may get in a day."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.awarding import check_daily_cap, clamp_awarded_at, coins_left_today
from app.domain.errors import CapReached, Invalid, TooOld

NOW = datetime(2026, 11, 27, 10, 15, tzinfo=UTC)


def clamp(awarded_at: datetime | None, backdate_days: int = 14) -> datetime:
    return clamp_awarded_at(awarded_at, now=NOW, backdate_days=backdate_days)


def test_clamp_missing_time_is_now() -> None:
    assert clamp(None) == NOW


def test_clamp_tap_time_in_the_past_is_kept() -> None:
    tapped = NOW - timedelta(hours=3)
    assert clamp(tapped) == tapped


def test_clamp_tap_time_in_another_time_zone_keeps_the_instant() -> None:
    tapped = (NOW - timedelta(minutes=10)).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert clamp(tapped) == NOW - timedelta(minutes=10)


def test_clamp_slightly_fast_clock_is_kept() -> None:
    soon = NOW + timedelta(minutes=3)
    assert clamp(soon) == soon


def test_clamp_exactly_five_minutes_ahead_is_kept() -> None:
    assert clamp(NOW + timedelta(minutes=5)) == NOW + timedelta(minutes=5)


def test_clamp_just_over_five_minutes_ahead_becomes_now() -> None:
    assert clamp(NOW + timedelta(minutes=5, microseconds=1)) == NOW


def test_clamp_far_future_becomes_now() -> None:
    assert clamp(NOW + timedelta(days=400)) == NOW


def test_clamp_exactly_at_the_backdating_edge_is_kept() -> None:
    edge = NOW - timedelta(days=14)
    assert clamp(edge) == edge


def test_clamp_just_past_the_backdating_edge_is_too_old() -> None:
    with pytest.raises(TooOld) as error:
        clamp(NOW - timedelta(days=14, microseconds=1))
    assert "14 days" in error.value.detail
    assert error.value.code == "too_old"
    assert error.value.status_code == 422


def test_clamp_follows_the_backdating_setting() -> None:
    three_days_ago = NOW - timedelta(days=3)
    assert clamp(three_days_ago, backdate_days=7) == three_days_ago
    with pytest.raises(TooOld) as error:
        clamp(three_days_ago, backdate_days=2)
    assert "2 days" in error.value.detail


def test_clamp_naive_time_is_invalid() -> None:
    with pytest.raises(Invalid) as error:
        clamp(datetime(2026, 11, 27, 10, 0))
    assert "time zone" in error.value.detail
    assert not isinstance(error.value, TooOld)


def test_clamp_naive_far_future_is_invalid_not_clamped() -> None:
    with pytest.raises(Invalid):
        clamp(datetime(2030, 1, 1))


def test_cap_allows_the_last_coin_of_the_day() -> None:
    check_daily_cap(coins_today=9, amount=1, cap=10)


def test_cap_allows_reaching_the_cap_exactly_with_a_bigger_coin() -> None:
    check_daily_cap(coins_today=7, amount=3, cap=10)


def test_cap_refuses_a_coin_past_the_cap() -> None:
    with pytest.raises(CapReached) as error:
        check_daily_cap(coins_today=10, amount=1, cap=10)
    assert error.value.code == "cap_reached"
    assert "0 more" in error.value.detail


def test_cap_refuses_an_amount_that_would_overshoot_and_says_what_is_left() -> None:
    with pytest.raises(CapReached) as error:
        check_daily_cap(coins_today=8, amount=3, cap=10)
    assert "8 of the 10" in error.value.detail
    assert "2 more" in error.value.detail


def test_cap_never_reports_a_negative_number_left() -> None:
    # The cap was lowered after the child got their coins.
    with pytest.raises(CapReached) as error:
        check_daily_cap(coins_today=12, amount=1, cap=10)
    assert "0 more" in error.value.detail


def test_coins_left_today_counts_down_to_zero() -> None:
    assert coins_left_today(coins_today=0, cap=10) == 10
    assert coins_left_today(coins_today=7, cap=10) == 3
    assert coins_left_today(coins_today=10, cap=10) == 0
    assert coins_left_today(coins_today=12, cap=10) == 0

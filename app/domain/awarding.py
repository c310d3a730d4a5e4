"""Rules for accepting a coin: when it counts, and how many a child may get in a day."""

from datetime import datetime, timedelta

from app.domain.errors import CapReached, Invalid, TooOld

# A tablet's clock may run a little fast; beyond this the server's clock wins.
FUTURE_TOLERANCE = timedelta(minutes=5)


def clamp_awarded_at(awarded_at: datetime | None, *, now: datetime, backdate_days: int) -> datetime:
    """When a coin counts: the tap time, unless the tablet's clock is clearly off.

    A tablet that was offline may send coins days later; those keep their tap time, up to the
    backdating window. A clock far in the future is replaced by the server's.
    """
    if awarded_at is None:
        return now
    if awarded_at.tzinfo is None:
        raise Invalid("awarded_at needs a time zone, e.g. 2026-11-27T10:15:00+01:00")
    if awarded_at > now + FUTURE_TOLERANCE:
        return now
    if awarded_at < now - timedelta(days=backdate_days):
        raise TooOld(
            f"awarded_at is more than {backdate_days} days ago; coins can be logged up to "
            f"{backdate_days} days late",
            days=backdate_days,
        )
    return awarded_at


def check_daily_cap(*, coins_today: int, amount: int, cap: int) -> None:
    """Refuse a coin that would take a child past the daily cap (a fairness aid)."""
    if coins_today + amount > cap:
        left = max(cap - coins_today, 0)
        raise CapReached(
            f"this child already has {coins_today} of the {cap} coins allowed per day; "
            f"{left} more can be given today",
            cap=cap,
            left=left,
        )


def coins_left_today(*, coins_today: int, cap: int) -> int:
    return max(cap - coins_today, 0)

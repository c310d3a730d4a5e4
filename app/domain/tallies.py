"""The anonymous conflict tally: which recesses and zones a school counts in. No names, ever."""

from datetime import time

from app.domain.errors import Invalid

# The recesses of a Dutch school day: the morning break and the lunch break.
RECESSES: tuple[str, ...] = ("morning", "lunch")
LUNCH_FROM = time(11, 30)

# Where on the schoolyard a conflict happened; the tablet shows each with an icon.
ZONES: tuple[str, ...] = ("plein", "voetbal", "klimrek", "zandbak", "fietsen")


def recess_at(local: time) -> str:
    """The recess a tablet is most likely in at this local time of day."""
    return "lunch" if local >= LUNCH_FROM else "morning"


def check_tally(*, recess: str, zone: str) -> None:
    if recess not in RECESSES:
        raise Invalid(f"recess {recess!r} is not known; use one of {', '.join(RECESSES)}")
    if zone not in ZONES:
        raise Invalid(f"zone {zone!r} is not known; use one of {', '.join(ZONES)}")


def changed_count(current: int, delta: int) -> int:
    """A tally moves one step at a time and never below zero."""
    if delta not in (1, -1):
        raise Invalid("a tally changes by 1 or -1 at a time")
    if current + delta < 0:
        raise Invalid(
            "this tally is already at zero; there is nothing to take back", code="tally_at_zero"
        )
    return current + delta

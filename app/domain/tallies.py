"""The anonymous conflict tally: which recesses and zones a school counts in. No names, ever."""

import re
import unicodedata
from collections.abc import Collection
from datetime import time

from app.domain.errors import Invalid

# The recesses of a Dutch school day: the morning break and the lunch break.
RECESSES: tuple[str, ...] = ("morning", "lunch")
LUNCH_FROM = time(11, 30)


def recess_at(local: time) -> str:
    """The recess a tablet is most likely in at this local time of day."""
    return "lunch" if local >= LUNCH_FROM else "morning"


def check_tally(*, recess: str, zone: str, zones: Collection[str]) -> None:
    """``zones``: the school's zones by slug (a late tally may name one switched off since)."""
    if recess not in RECESSES:
        raise Invalid(f"recess {recess!r} is not known; use one of {', '.join(RECESSES)}")
    if zone not in zones:
        raise Invalid(
            f"zone {zone!r} is not known; use one of {', '.join(sorted(zones))}",
            code="unknown_zone",
            zone=zone,
        )


def zone_slug(name: str) -> str:
    """How the API names a zone: "Klimrek (groot)" → "klimrek-groot".

    Kept when the zone is renamed, so tallies (and tablets' outboxes) still find it.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-")
    if len(slug) < 2:
        raise Invalid(
            f"zone name {name!r} needs at least two letters or digits", code="zone_name_short"
        )
    return slug


def changed_count(current: int, delta: int) -> int:
    """A tally moves one step at a time and never below zero."""
    if delta not in (1, -1):
        raise Invalid("a tally changes by 1 or -1 at a time")
    if current + delta < 0:
        raise Invalid(
            "this tally is already at zero; there is nothing to take back", code="tally_at_zero"
        )
    return current + delta

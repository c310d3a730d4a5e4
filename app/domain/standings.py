"""Standings arithmetic: who has how many coins this week, sorted for the board."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.masking import NameDisplay, masked_name
from app.domain.names import name_key


@dataclass(frozen=True, slots=True)
class RosterEntry:
    child_id: int
    first_name: str
    last_initial: str | None
    avatar: str
    group_id: int
    group_name: str


@dataclass(frozen=True, slots=True)
class ChildStanding:
    child_id: int
    name: str | None
    avatar: str
    group: str
    coins: int


@dataclass(frozen=True, slots=True)
class GroupStanding:
    group_id: int
    name: str
    coins: int
    goal: int | None


def rank_children(
    roster: Iterable[RosterEntry], coins: Mapping[int, int], display: NameDisplay
) -> list[ChildStanding]:
    """Every child of the board, most coins first, then by the name the board shows.

    Children whose names are hidden are ordered by id, so the order leaks nothing either.
    """
    rows = [
        ChildStanding(
            child_id=entry.child_id,
            name=masked_name(entry.first_name, entry.last_initial, display),
            avatar=entry.avatar,
            group=entry.group_name,
            coins=coins.get(entry.child_id, 0),
        )
        for entry in roster
    ]
    rows.sort(key=lambda row: (-row.coins, name_key(row.name or ""), row.child_id))
    return rows


def group_totals(
    groups: Iterable[tuple[int, str, int | None]],
    roster: Iterable[RosterEntry],
    coins: Mapping[int, int],
) -> list[GroupStanding]:
    """Each group's coins: the sum over the children the board shows, so the numbers add up."""
    totals: dict[int, int] = {}
    for entry in roster:
        totals[entry.group_id] = totals.get(entry.group_id, 0) + coins.get(entry.child_id, 0)
    return [
        GroupStanding(group_id=group_id, name=name, coins=totals.get(group_id, 0), goal=goal)
        for group_id, name, goal in groups
    ]


def unseen_children(roster: Iterable[RosterEntry], coins: Mapping[int, int]) -> list[int]:
    """Children with no coin yet this week: the tablet's quiet "not yet seen" row."""
    return [entry.child_id for entry in roster if coins.get(entry.child_id, 0) == 0]


# More not-yet-seen children than a row shows at a glance: the tablet puts them first.
UNSEEN_LONG = 6


def unseen_first(unseen: int) -> bool:
    """Whether the children not seen this week go first in the tablet's grid (a long list)."""
    return unseen > UNSEEN_LONG

"""The weekly winner draw: a pure, explainable function anyone can re-run.

The algorithm (version 1), the same for both policies:

1. Candidates are the board's children with at least one coin this week, minus the children
   who won on this board in the last ``exclude_recent_weeks`` weeks, ordered by ``child_id``.
2. Each candidate gets tickets: ``weighted_draw`` gives one ticket per coin; ``most_coins``
   gives one ticket to each child with the most coins and none to the others (so a tie is a
   fair lottery among the tied).
3. ``pick = int(sha256(seed as UTF-8).hexdigest(), 16) % total_tickets``.
4. Walk the candidates in order, adding up their tickets; the winner is the first candidate
   whose running total is greater than ``pick``.

The seed is 32 random hex digits from ``secrets``; it is stored with the candidate list, so
the draw can be checked by hand or with a few lines in any language. (The modulo bias of a
256-bit hash over a few hundred tickets is below 2**-240: nothing a school can notice.)
"""

import hashlib
import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import Conflict, Invalid


class WinnerPolicy(StrEnum):
    most_coins = "most_coins"  # ties broken by a seeded draw among the tied
    weighted_draw = "weighted_draw"  # each coin is a lottery ticket


class NotDrawable(Invalid):
    code = "not_drawable"


class AlreadyDrawn(Conflict):
    code = "already_drawn"


@dataclass(frozen=True, slots=True)
class Entry:
    """A child on the board this week, as the teacher sees them."""

    child_id: int
    coins: int
    name: str = ""
    group: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    child_id: int
    coins: int
    tickets: int
    name: str = ""
    group: str = ""


@dataclass(frozen=True, slots=True)
class DrawOutcome:
    policy: WinnerPolicy
    seed: str
    candidates: tuple[Candidate, ...]
    excluded_child_ids: tuple[int, ...]
    total_tickets: int
    pick: int
    winner: Candidate


def new_seed() -> str:
    return secrets.token_hex(16)


def ticket_pick(seed: str, total_tickets: int) -> int:
    """Which ticket wins: SHA-256 of the seed, read as a number, modulo the tickets."""
    return int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16) % total_tickets


def assign_tickets(policy: WinnerPolicy, entries: Iterable[Entry]) -> tuple[Candidate, ...]:
    """Tickets per candidate, in ``child_id`` order; children without coins are no candidates."""
    ordered = sorted((entry for entry in entries if entry.coins > 0), key=lambda e: e.child_id)
    top = max((entry.coins for entry in ordered), default=0)
    return tuple(
        Candidate(
            child_id=entry.child_id,
            coins=entry.coins,
            tickets=_tickets(policy, entry.coins, top),
            name=entry.name,
            group=entry.group,
        )
        for entry in ordered
    )


def _tickets(policy: WinnerPolicy, coins: int, top: int) -> int:
    if policy is WinnerPolicy.weighted_draw:
        return coins
    return 1 if coins == top else 0


def draw(
    policy: WinnerPolicy, seed: str, entries: Iterable[Entry], excluded: Collection[int] = ()
) -> DrawOutcome:
    """Draw a winner; raises ``NotDrawable`` when no child can win, saying why."""
    entries = list(entries)
    left_out = {entry.child_id for entry in entries if entry.child_id in excluded}
    candidates = assign_tickets(policy, (e for e in entries if e.child_id not in left_out))
    total = sum(candidate.tickets for candidate in candidates)
    if total == 0:
        if not any(entry.coins > 0 for entry in entries):
            raise NotDrawable(_no_candidate_reason(entries, left_out), code="no_coins_this_week")
        raise NotDrawable(
            _no_candidate_reason(entries, left_out), code="all_won_recently", count=len(left_out)
        )
    pick = ticket_pick(seed, total)
    return DrawOutcome(
        policy=policy,
        seed=seed,
        candidates=candidates,
        excluded_child_ids=tuple(sorted(left_out)),
        total_tickets=total,
        pick=pick,
        winner=_walk(candidates, pick),
    )


def _walk(candidates: Iterable[Candidate], pick: int) -> Candidate:
    running = 0
    for candidate in candidates:
        running += candidate.tickets
        if running > pick:
            return candidate
    raise AssertionError("pick is always below the total of the tickets")


def _no_candidate_reason(entries: list[Entry], left_out: set[int]) -> str:
    if not any(entry.coins > 0 for entry in entries):
        return "no child on this board has a coin this week, so there is no one to draw"
    return (
        f"every child with coins this week ({len(left_out)}) won recently and is left out "
        "(the board's exclude_recent_weeks); lower that setting or give out more coins"
    )


@dataclass(frozen=True, slots=True)
class Verification:
    matches: bool
    recomputed_winner_child_id: int | None
    total_tickets: int
    pick: int | None
    detail: str


def verify(
    policy: WinnerPolicy, seed: str, stored: Iterable[Candidate], winner_child_id: int | None
) -> Verification:
    """Re-run a stored draw from its stored candidates and compare winner and tickets."""
    stored = tuple(stored)
    entries = [Entry(child_id=c.child_id, coins=c.coins) for c in stored]
    try:
        outcome = draw(policy, seed, entries)
    except NotDrawable as error:
        return Verification(False, None, 0, None, f"the stored draw cannot be re-run: {error}")
    same_tickets = [(c.child_id, c.tickets) for c in outcome.candidates] == [
        (c.child_id, c.tickets) for c in stored
    ]
    same_winner = outcome.winner.child_id == winner_child_id
    if not same_tickets:
        detail = "the stored tickets do not follow from the stored coins and policy"
    elif not same_winner:
        detail = f"re-running gives child {outcome.winner.child_id}, not the stored winner"
    else:
        detail = (
            f"sha256(seed) mod {outcome.total_tickets} = {outcome.pick}: ticket {outcome.pick} "
            f"belongs to child {outcome.winner.child_id}, the stored winner"
        )
    return Verification(
        matches=same_tickets and same_winner,
        recomputed_winner_child_id=outcome.winner.child_id,
        total_tickets=outcome.total_tickets,
        pick=outcome.pick,
        detail=detail,
    )

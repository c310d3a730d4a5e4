"""The weekly winner draw as a pure function: policies, exclusions, and re-running it."""

import hashlib

import pytest

from app.domain.draw import (
    Candidate,
    Entry,
    NotDrawable,
    WinnerPolicy,
    assign_tickets,
    draw,
    new_seed,
    ticket_pick,
    verify,
)

MOST = WinnerPolicy.most_coins
WEIGHTED = WinnerPolicy.weighted_draw


def test_draw_most_coins_picks_the_child_with_most_coins() -> None:
    entries = [Entry(3, 4), Entry(1, 9), Entry(2, 7)]
    for seed in ("a", "b", "c", new_seed()):
        assert draw(MOST, seed, entries).winner.child_id == 1


def test_draw_most_coins_tie_is_broken_among_the_tied_only() -> None:
    entries = [Entry(1, 5), Entry(2, 5), Entry(3, 2), Entry(4, 5)]
    winners = {draw(MOST, f"seed-{i}", entries).winner.child_id for i in range(200)}
    assert winners == {1, 2, 4}


def test_draw_most_coins_gives_a_ticket_to_each_tied_child() -> None:
    outcome = draw(MOST, "x", [Entry(2, 5), Entry(1, 5), Entry(3, 1)])
    assert [(c.child_id, c.tickets) for c in outcome.candidates] == [(1, 1), (2, 1), (3, 0)]
    assert outcome.total_tickets == 2


def test_draw_weighted_gives_a_ticket_per_coin() -> None:
    candidates = assign_tickets(WEIGHTED, [Entry(7, 3), Entry(5, 1), Entry(6, 0)])
    assert [(c.child_id, c.coins, c.tickets) for c in candidates] == [(5, 1, 1), (7, 3, 3)]


def test_draw_child_without_coins_never_wins() -> None:
    entries = [Entry(1, 0), Entry(2, 1), Entry(3, 0)]
    for i in range(100):
        assert draw(WEIGHTED, f"s{i}", entries).winner.child_id == 2
        assert draw(MOST, f"s{i}", entries).winner.child_id == 2


def test_draw_excluded_children_are_left_out() -> None:
    entries = [Entry(1, 9), Entry(2, 3), Entry(3, 3)]
    outcome = draw(MOST, "seed", entries, excluded={1, 42})
    assert outcome.winner.child_id in {2, 3}
    assert [c.child_id for c in outcome.candidates] == [2, 3]
    # Only children of the board are listed as left out.
    assert outcome.excluded_child_ids == (1,)


def test_draw_without_coins_is_not_drawable_with_a_reason() -> None:
    with pytest.raises(NotDrawable, match="no child on this board has a coin"):
        draw(WEIGHTED, "seed", [Entry(1, 0), Entry(2, 0)])
    with pytest.raises(NotDrawable):
        draw(MOST, "seed", [])


def test_draw_when_every_child_with_coins_won_recently_says_so() -> None:
    with pytest.raises(NotDrawable, match="won recently") as error:
        draw(MOST, "seed", [Entry(1, 4), Entry(2, 0)], excluded={1})
    assert error.value.status_code == 422


def test_draw_is_the_same_for_the_same_seed_and_entries_in_any_order() -> None:
    entries = [Entry(i, i % 4 + 1) for i in range(1, 30)]
    first = draw(WEIGHTED, "0123abcd", entries)
    again = draw(WEIGHTED, "0123abcd", list(reversed(entries)))
    assert first == again


def test_ticket_pick_is_sha256_of_the_seed_modulo_the_tickets() -> None:
    seed = "5f2c0e7a9b1d4c3e8f6a0b2d4c6e8f10"
    by_hand = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big") % 17
    assert ticket_pick(seed, 17) == by_hand


def test_draw_walks_the_cumulative_tickets_in_child_order() -> None:
    # Tickets: child 1 → 0..1, child 2 → 2..4, child 3 → 5; find seeds that hit each ticket.
    entries = [Entry(3, 1), Entry(1, 2), Entry(2, 3)]
    expected = {0: 1, 1: 1, 2: 2, 3: 2, 4: 2, 5: 3}
    seen: set[int] = set()
    for i in range(300):
        outcome = draw(WEIGHTED, f"walk-{i}", entries)
        assert outcome.winner.child_id == expected[outcome.pick]
        seen.add(outcome.pick)
    assert seen == set(expected)


def test_new_seed_is_random_hex() -> None:
    seeds = {new_seed() for _ in range(50)}
    assert len(seeds) == 50
    assert all(len(seed) == 32 and int(seed, 16) >= 0 for seed in seeds)


def test_verify_confirms_a_stored_draw() -> None:
    outcome = draw(WEIGHTED, "stored", [Entry(1, 2), Entry(2, 5)])
    result = verify(WEIGHTED, "stored", outcome.candidates, outcome.winner.child_id)
    assert result.matches
    assert result.pick == outcome.pick
    assert f"mod {outcome.total_tickets}" in result.detail


def test_verify_notices_another_winner() -> None:
    outcome = draw(WEIGHTED, "stored", [Entry(1, 2), Entry(2, 5)])
    other = 1 if outcome.winner.child_id == 2 else 2
    result = verify(WEIGHTED, "stored", outcome.candidates, other)
    assert not result.matches
    assert result.recomputed_winner_child_id == outcome.winner.child_id


def test_verify_notices_changed_tickets() -> None:
    stored = [Candidate(1, coins=2, tickets=5), Candidate(2, coins=5, tickets=5)]
    result = verify(WEIGHTED, "stored", stored, 1)
    assert not result.matches
    assert "tickets" in result.detail


def test_verify_of_an_empty_candidate_list_does_not_match() -> None:
    result = verify(MOST, "stored", [], 3)
    assert not result.matches
    assert result.recomputed_winner_child_id is None

"""weighted_draw picks in proportion to tickets. Fixed seeds: deterministic, it cannot flake."""

from app.domain.draw import Entry, WinnerPolicy, draw

DRAWS = 20_000
# Chi-square critical value for 3 degrees of freedom at p = 0.001.
CHI2_CRITICAL_3DF = 16.27


def _wins(policy: WinnerPolicy, entries: list[Entry]) -> dict[int, int]:
    wins = {entry.child_id: 0 for entry in entries}
    for i in range(DRAWS):
        wins[draw(policy, f"fairness-{i}", entries).winner.child_id] += 1
    return wins


def test_weighted_draw_picks_in_proportion_to_tickets() -> None:
    entries = [Entry(11, 1), Entry(12, 2), Entry(13, 3), Entry(14, 4)]
    wins = _wins(WinnerPolicy.weighted_draw, entries)
    total = sum(entry.coins for entry in entries)
    chi2 = 0.0
    for entry in entries:
        expected = DRAWS * entry.coins / total
        chi2 += (wins[entry.child_id] - expected) ** 2 / expected
        assert abs(wins[entry.child_id] / DRAWS - entry.coins / total) < 0.015
    assert chi2 < CHI2_CRITICAL_3DF


def test_weighted_draw_is_not_biased_by_child_order() -> None:
    # Same tickets, so every child should win about a quarter of the draws.
    entries = [Entry(1, 3), Entry(2, 3), Entry(900, 3), Entry(5, 3)]
    wins = _wins(WinnerPolicy.weighted_draw, entries)
    assert all(abs(count / DRAWS - 0.25) < 0.015 for count in wins.values())


def test_most_coins_tie_is_an_even_lottery() -> None:
    entries = [Entry(1, 6), Entry(2, 6), Entry(3, 5)]
    wins = _wins(WinnerPolicy.most_coins, entries)
    assert wins[3] == 0
    assert abs(wins[1] / DRAWS - 0.5) < 0.015

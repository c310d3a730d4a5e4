"""Standings arithmetic: who has how many coins, in the order the board shows them."""

from app.domain.masking import NameDisplay
from app.domain.standings import (
    UNSEEN_LONG,
    GroupStanding,
    RosterEntry,
    group_totals,
    rank_children,
    unseen_children,
    unseen_first,
)

G5, G6 = 5, 6


def entry(child_id: int, first_name: str, initial: str | None, group_id: int = G5) -> RosterEntry:
    return RosterEntry(
        child_id=child_id,
        first_name=first_name,
        last_initial=initial,
        avatar=f"fox:{'red' if group_id == G5 else 'blue'}",
        group_id=group_id,
        group_name=f"Groep {group_id}",
    )


ROSTER = [
    entry(1, "Zoë", "D"),
    entry(2, "Sam", "B"),
    entry(3, "Noor", "K", G6),
    entry(4, "anna", "V", G6),
    entry(5, "Daniël", "B"),
]


def test_rank_children_most_coins_first() -> None:
    ranked = rank_children(ROSTER, {1: 2, 2: 5, 3: 1, 4: 3, 5: 4}, NameDisplay.first_name)
    assert [row.child_id for row in ranked] == [2, 5, 4, 1, 3]
    assert [row.coins for row in ranked] == [5, 4, 3, 2, 1]


def test_rank_children_ties_are_sorted_by_name_ignoring_case() -> None:
    ranked = rank_children(ROSTER, {}, NameDisplay.first_name)
    assert [row.name for row in ranked] == ["anna", "Daniël", "Noor", "Sam", "Zoë"]


def test_rank_children_accented_names_sort_with_their_letter() -> None:
    roster = [entry(1, "Zoë", None), entry(2, "Ömer", None), entry(3, "Otto", None)]
    ranked = rank_children(roster, {}, NameDisplay.first_name)
    assert [row.name for row in ranked] == ["Ömer", "Otto", "Zoë"]


def test_rank_children_same_name_is_sorted_by_initial_when_shown() -> None:
    roster = [entry(1, "Sam", "V"), entry(2, "Sam", "B")]
    ranked = rank_children(roster, {}, NameDisplay.first_name_initial)
    assert [row.name for row in ranked] == ["Sam B.", "Sam V."]


def test_rank_children_identical_names_keep_a_stable_order_by_id() -> None:
    roster = [entry(9, "Sam", "B"), entry(4, "Sam", "B")]
    ranked = rank_children(roster, {}, NameDisplay.first_name)
    assert [row.child_id for row in ranked] == [4, 9]


def test_rank_children_masks_names_per_display() -> None:
    ranked = rank_children([entry(2, "Sam", "B")], {}, NameDisplay.first_name_initial)
    assert ranked[0].name == "Sam B."
    ranked = rank_children([entry(2, "Sam", "B")], {}, NameDisplay.first_name)
    assert ranked[0].name == "Sam"


def test_rank_children_avatar_only_carries_no_names() -> None:
    ranked = rank_children(ROSTER, {2: 1}, NameDisplay.avatar_only)
    assert all(row.name is None for row in ranked)
    assert all("Sam" not in repr(row) and "Zoë" not in repr(row) for row in ranked)


def test_rank_children_avatar_only_orders_ties_by_id_not_by_hidden_name() -> None:
    ranked = rank_children(ROSTER, {3: 2}, NameDisplay.avatar_only)
    assert [row.child_id for row in ranked] == [3, 1, 2, 4, 5]


def test_rank_children_child_without_coins_is_listed_with_zero() -> None:
    ranked = rank_children([entry(7, "Mila", "S")], {}, NameDisplay.first_name)
    assert ranked[0].coins == 0
    assert ranked[0].avatar == "fox:red"
    assert ranked[0].group == "Groep 5"


def test_rank_children_ignores_coins_of_children_not_on_the_board() -> None:
    ranked = rank_children(ROSTER, {99: 10, 2: 1}, NameDisplay.first_name)
    assert {row.child_id for row in ranked} == {1, 2, 3, 4, 5}
    assert sum(row.coins for row in ranked) == 1


def test_group_totals_add_up_to_the_childrens_coins() -> None:
    coins = {1: 2, 2: 5, 3: 1, 4: 3, 5: 4}
    groups = group_totals([(G5, "Groep 5", 20), (G6, "Groep 6", None)], ROSTER, coins)
    assert groups == [
        GroupStanding(group_id=G5, name="Groep 5", coins=11, goal=20),
        GroupStanding(group_id=G6, name="Groep 6", coins=4, goal=None),
    ]
    ranked = rank_children(ROSTER, coins, NameDisplay.first_name)
    assert sum(group.coins for group in groups) == sum(row.coins for row in ranked)


def test_group_totals_leave_out_children_the_board_does_not_show() -> None:
    # Child 99 (inactive, or in another group) has coins; the tube must not count them.
    groups = group_totals([(G5, "Groep 5", None)], ROSTER, {99: 7, 2: 1})
    assert groups[0].coins == 1


def test_group_totals_group_without_children_has_zero() -> None:
    groups = group_totals([(8, "Peuters", 5)], ROSTER, {1: 3})
    assert groups == [GroupStanding(group_id=8, name="Peuters", coins=0, goal=5)]


def test_unseen_children_are_those_without_coins_this_week() -> None:
    assert unseen_children(ROSTER, {2: 1, 4: 3, 5: 0}) == [1, 3, 5]


def test_unseen_children_is_empty_when_everyone_got_a_coin() -> None:
    assert unseen_children(ROSTER, dict.fromkeys(range(1, 6), 1)) == []


def test_unseen_first_only_when_the_list_is_long() -> None:
    assert (unseen_first(UNSEEN_LONG), unseen_first(UNSEEN_LONG + 1)) == (False, True)

"""Avatars: an animal and a colour, so toddlers and name-less kiosks can tell children apart."""

from collections import Counter

import pytest

from app.domain.avatars import ANIMALS, COLOURS, choose_avatar, parse_avatar
from app.domain.errors import Invalid


def fill_group(size: int, seed_prefix: str = "child") -> list[str]:
    """Avatars chosen one by one, each child seeing the avatars already taken in the group."""
    taken: list[str] = []
    for number in range(size):
        taken.append(choose_avatar(taken, seed=f"{seed_prefix}-{number}"))
    return taken


def test_parse_avatar_returns_animal_and_colour() -> None:
    assert parse_avatar("fox:orange") == ("fox", "orange")


@pytest.mark.parametrize(
    "text",
    ["fox", "fox:", ":orange", "dragon:red", "fox:mauve", "Fox:orange", "fox:orange:red", ""],
)
def test_parse_avatar_refuses_unknown_or_malformed(text: str) -> None:
    with pytest.raises(Invalid) as error:
        parse_avatar(text)
    assert error.value.status_code == 422


def test_parse_avatar_error_says_how_to_write_one() -> None:
    with pytest.raises(Invalid) as error:
        parse_avatar("dragon:red")
    detail = error.value.detail
    assert "'dragon:red'" in detail
    assert "animal:colour" in detail
    assert "fox" in detail
    assert "orange" in detail


def test_choose_avatar_gives_a_valid_avatar() -> None:
    animal, colour = parse_avatar(choose_avatar([], seed="Sam|B"))
    assert animal in ANIMALS
    assert colour in COLOURS


def test_choose_avatar_is_stable_for_a_seed() -> None:
    taken = ["fox:orange", "cat:blue"]
    assert choose_avatar(taken, seed="Sam|B") == choose_avatar(list(taken), seed="Sam|B")


def test_choose_avatar_differs_between_seeds() -> None:
    chosen = {choose_avatar([], seed=f"child-{number}") for number in range(20)}
    assert len(chosen) > 5


def test_choose_avatar_avoids_an_animal_already_in_the_group() -> None:
    taken = [f"{animal}:red" for animal in ANIMALS if animal != "owl"]
    assert choose_avatar(taken, seed="Noor|K").startswith("owl:")


def test_choose_avatar_avoids_a_colour_already_in_the_group() -> None:
    taken = [f"fox:{colour}" for colour in COLOURS if colour != "teal"]
    assert choose_avatar(taken, seed="Noor|K").endswith(":teal")


def test_choose_avatar_gives_every_child_of_a_class_another_animal() -> None:
    group = fill_group(len(ANIMALS))
    assert len({avatar.partition(":")[0] for avatar in group}) == len(ANIMALS)


def test_choose_avatar_spreads_colours_evenly_over_a_class() -> None:
    group = fill_group(30)
    counts = Counter(avatar.partition(":")[2] for avatar in group)
    assert set(counts) == set(COLOURS)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_choose_avatar_makes_no_two_children_of_a_class_look_alike() -> None:
    group = fill_group(len(ANIMALS))
    assert len(set(group)) == len(group)


def test_choose_avatar_ignores_malformed_avatars_already_taken() -> None:
    avatar = choose_avatar(["", "fox", "??:??"], seed="Finn|D")
    parse_avatar(avatar)


def test_choose_avatar_never_repeats_a_pair_while_one_is_left() -> None:
    chosen = fill_group(len(ANIMALS) * len(COLOURS))
    assert len(set(chosen)) == len(chosen)  # all 240 pairs, each once


def test_choose_avatar_takes_the_last_free_pair() -> None:
    every = [f"{animal}:{colour}" for animal in ANIMALS for colour in COLOURS]
    assert choose_avatar([pair for pair in every if pair != "owl:teal"], seed="x") == "owl:teal"


def test_choose_avatar_still_answers_when_every_pair_is_taken() -> None:
    every = [f"{animal}:{colour}" for animal in ANIMALS for colour in COLOURS]
    parse_avatar(choose_avatar(every, seed="one more"))

"""Avatars: an animal and a colour, so toddlers (and kiosks without names) can tell children apart.

Written ``"fox:orange"``. No photos: nothing here identifies a child outside the school.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable

from app.domain.errors import Invalid

ANIMALS: dict[str, str] = {
    "fox": "🦊",
    "cat": "🐱",
    "dog": "🐶",
    "rabbit": "🐰",
    "bear": "🐻",
    "panda": "🐼",
    "koala": "🐨",
    "tiger": "🐯",
    "lion": "🦁",
    "frog": "🐸",
    "owl": "🦉",
    "penguin": "🐧",
    "chick": "🐥",
    "turtle": "🐢",
    "whale": "🐳",
    "octopus": "🐙",
    "butterfly": "🦋",
    "bee": "🐝",
    "ladybug": "🐞",
    "unicorn": "🦄",
    "hedgehog": "🦔",
    "elephant": "🐘",
    "giraffe": "🦒",
    "monkey": "🐵",
    "mouse": "🐭",
    "pig": "🐷",
    "cow": "🐮",
    "horse": "🐴",
    "hamster": "🐹",
    "dolphin": "🐬",
}

# Chosen to stay apart for colour-blind eyes and to carry white text.
COLOURS: dict[str, str] = {
    "red": "#c0392b",
    "orange": "#d35400",
    "yellow": "#b7950b",
    "green": "#1e8449",
    "teal": "#117a65",
    "blue": "#1f618d",
    "purple": "#6c3483",
    "pink": "#b03a6f",
}


def parse_avatar(text: str) -> tuple[str, str]:
    animal, _, colour = text.partition(":")
    if animal not in ANIMALS or colour not in COLOURS:
        raise Invalid(
            f"avatar {text!r} is not known; write animal:colour with an animal from "
            f"{', '.join(sorted(ANIMALS))} and a colour from {', '.join(COLOURS)}",
            code="avatar_unknown",
        )
    return animal, colour


def choose_avatar(taken: Iterable[str], seed: str) -> str:
    """An animal and colour not yet taken (on the child's board) while any pair is left: the
    least-used animal, then the least-used colour with it, picked stably from ``seed``."""
    taken = list(taken)
    used = set(taken)
    used_animals = Counter(text.partition(":")[0] for text in taken)
    used_colours = Counter(text.partition(":")[2] for text in taken)
    digest = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")
    pairs = [(animal, colour) for animal in ANIMALS for colour in COLOURS]
    free = [pair for pair in pairs if f"{pair[0]}:{pair[1]}" not in used] or pairs
    animal = _least_used(
        sorted({animal for animal, _ in free}, key=list(ANIMALS).index), used_animals, digest
    )
    colours = [colour for pair_animal, colour in free if pair_animal == animal]
    colour = _least_used(colours, used_colours, digest // len(ANIMALS))
    return f"{animal}:{colour}"


def _least_used(options: list[str], used: Counter[str], pick: int) -> str:
    fewest = min(used.get(option, 0) for option in options)
    candidates = [option for option in options if used.get(option, 0) == fewest]
    return candidates[pick % len(candidates)]

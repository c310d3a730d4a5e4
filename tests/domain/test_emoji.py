"""The shipped Twemoji files: named as Twemoji names them, and listed alike in Python and JS."""

import re
from importlib.resources import files

from app.domain.avatars import ANIMALS
from app.domain.emoji import SHIPPED, emoji_file, emoji_name

EMOJI_DIR = files("app.web") / "static" / "emoji"


def test_emoji_name_drops_variation_selector_outside_zwj_sequences() -> None:
    assert emoji_name("🦊") == "1f98a"
    assert emoji_name("⚖️") == "2696"
    assert emoji_name("🧑‍🏫") == "1f9d1-200d-1f3eb"


def test_emoji_file_is_none_for_an_emoji_not_shipped() -> None:
    assert emoji_file("🦊") == "1f98a.svg"
    assert emoji_file("🦖") is None


def test_shipped_list_matches_the_files() -> None:
    on_disk = {entry.name for entry in EMOJI_DIR.iterdir() if entry.name.endswith(".svg")}
    assert on_disk == SHIPPED


def test_js_module_lists_the_same_files() -> None:
    module = (EMOJI_DIR / "emoji.js").read_text(encoding="utf-8")
    listed = {f"{name}.svg" for name in re.findall(r'^  "([0-9a-f-]+)",$', module, re.M)}
    assert listed == SHIPPED


def test_every_avatar_animal_has_a_picture() -> None:
    assert all(emoji_file(animal) for animal in ANIMALS.values())

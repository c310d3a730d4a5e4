"""One order of names on the desk, the tablet and the kiosk: the server's sort key
(app/domain/names.py) against the kiosk's collator in a real Chromium (kiosk/board.js)."""

from typing import Any

from app.domain.masking import NameDisplay
from app.domain.names import name_key
from app.domain.standings import RosterEntry, rank_children

NAMES = [
    "Zoë V.",
    "Ömer K.",
    "Omar B.",
    "Élise D.",
    "Emma D.",
    "eli",
    "Eli",
    "Sam 10",
    "Sam 2",
    "Anne-Marie",
    "Anne Marie",
    "Anna",
    "Anne.",
    "D'Angelo",
    "Dana",
    "Çem",
    "Cas",
    "Ilse",
    "IJsbrand",
    "Noor",
    "noor",
    "Øyvind",
    "Luuk 1",
    "Luuk",
    "Aïcha",
    "Aiden",
    "Ærin",
    "Aeron",
    "Łucja",
    "Lucas",
]

# The comparison kiosk/board.js sorts children with (name, then child id).
KIOSK_ORDER = """names => {
  const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
  const rows = names.map((name, id) => ({ name, id }));
  rows.sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
  return rows.map((row) => row.id);
}"""


def test_server_sorts_names_as_the_kiosk_does(page: Any) -> None:
    page.set_content("<!doctype html><html lang='nl'><body></body></html>")
    kiosk = page.evaluate(KIOSK_ORDER, NAMES)
    server = sorted(range(len(NAMES)), key=lambda i: (name_key(NAMES[i]), i))
    assert [NAMES[i] for i in server] == [NAMES[i] for i in kiosk]


def test_accented_names_sort_with_their_letter() -> None:
    ordered = sorted(["Zoë", "Ömer", "Élise", "Emma", "Omar", "Eva"], key=name_key)
    assert ordered == ["Élise", "Emma", "Eva", "Omar", "Ömer", "Zoë"]


def test_the_board_ranks_equal_coins_in_name_order() -> None:
    roster = [
        RosterEntry(
            child_id=i, first_name=name, last_initial=None, avatar="", group_id=1, group_name="7"
        )
        for i, name in enumerate(["Zoë", "Ömer", "Élise", "Omar", "Emma"], start=1)
    ]
    ranked = rank_children(roster, {}, NameDisplay.first_name)
    assert [row.name for row in ranked] == ["Élise", "Emma", "Omar", "Ömer", "Zoë"]

"""The one order of children's names: the desk, the tablet and the kiosk list them alike.

The kiosk sorts in the browser with ``Intl.Collator(undefined, {sensitivity: "base", numeric:
true})`` (kiosk/board.js); ``name_key`` orders names the same way: accents and case do not
count ("Ömer" sorts with the O's, "Élise" with the E's), numbers count by value ("Sam 2"
before "Sam 10"), spaces and punctuation come before digits and letters, in the collator's
order. Names equal by that rule are left to the caller's next key (the child's id), as the
kiosk does. A surname files under its main word ("van Dijk" under D): the stored last initial
is already that word's (app/domain/roster_import.py, ``last_initial``).
"""

import unicodedata

# Unicode's root collation orders these before digits and letters, in this order.
_PUNCTUATION = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_SPACE, _MARK, _NUMBER, _LETTER = range(4)
# Letters with a stroke or ligatures that NFKD leaves whole but the collator files under the
# plain letter(s), as a class list would.
_BASE_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "ħ": "h"}
)

NameKey = tuple[tuple[int, int | str], ...]


def name_key(name: str) -> NameKey:
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c)
    ).translate(_BASE_LETTERS)
    key: list[tuple[int, int | str]] = []
    digits = ""
    for char in plain + "\0":
        if char.isdigit() and char.isascii():
            digits += char
            continue
        if digits:
            key.append((_NUMBER, int(digits)))
            digits = ""
        if char == "\0":
            break
        if char.isspace():
            key.append((_SPACE, 0))
        elif char in _PUNCTUATION:
            key.append((_MARK, _PUNCTUATION.index(char)))
        elif char.isalnum():
            key.append((_LETTER, char))
        else:
            key.append((_MARK, len(_PUNCTUATION) + ord(char)))
    return tuple(key)

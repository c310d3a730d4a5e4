"""Validated field types for the API models: one definition of what a good value looks like."""

import re
import unicodedata
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from app.domain.credentials import pin_is_trivial

# Validation errors whose type is one of these codes answer 422 with that code (not "invalid"),
# so a page can say exactly what to change.
FIELD_CODES = frozenset({"pin_too_simple", "invisible_character"})


# U+200D (zero width joiner) is a format character that emoji need ("👩‍🏫"); every other
# control (Cc), format (Cf: U+200B, U+202E, U+2066 ...) or lone surrogate (Cs) character is
# invisible or reorders what a teacher reads, so no stored text may hold one.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ALLOWED_FORMAT = frozenset({"\u200d"})
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def _printable(value: str) -> str:
    for char in value:
        if unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _ALLOWED_FORMAT:
            raise PydanticCustomError(
                "invisible_character",
                "must not contain control or invisible characters (found U+{codepoint})",
                {"codepoint": f"{ord(char):04X}"},
            )
    return " ".join(value.split())


def _not_trivial(pin: str) -> str:
    if pin_is_trivial(pin):
        raise PydanticCustomError(
            "pin_too_simple", "a PIN must not be one digit repeated or a run such as 123456"
        )
    return pin


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD, e.g. 2026-12-02")
    return value


def _single_letter(value: str) -> str:
    if len(value) != 1 or not value.isalpha() or len(value.upper()) != 1:  # "ß" → "SS"
        raise ValueError("must be a single letter (only the initial of the last name is kept)")
    return value.upper()


# The one type of every stored text a person typed: trimmed, inner runs of white space made
# one space, no control or invisible characters. The others below are Text with a length.
def _visible_pattern() -> str:
    """The refused characters as a JSON Schema pattern, so the OpenAPI schema says what
    _printable checks (surrogates cannot be written in one; JSON text rarely holds them)."""
    refused = [
        code
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cc", "Cf"} and chr(code) not in _ALLOWED_FORMAT
    ]
    ranges: list[list[int]] = []
    for code in refused:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])

    def escaped(code: int) -> str:  # beyond the BMP, the character itself (no \\u{} in ECMA 262)
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)

    parts = "".join(
        escaped(low) if low == high else f"{escaped(low)}-{escaped(high)}" for low, high in ranges
    )
    return f"^[^{parts}]*$"


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_printable),
    Field(json_schema_extra={"pattern": _visible_pattern()}),
]
ShortName = Annotated[Text, StringConstraints(min_length=1, max_length=40)]
Title = Annotated[Text, StringConstraints(min_length=1, max_length=80)]
Label = Annotated[Text, StringConstraints(max_length=80)]
LastInitial = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_single_letter)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")]
Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{6,8}$"), AfterValidator(_not_trivial)]
Icon = Annotated[Text, StringConstraints(min_length=1, max_length=16)]
# JSON numbers and booleans only: "3" or 1.0 for an id is a mistake worth a 422, not a guess.
Int = Annotated[int, Strict()]
MAX_ID = 2_147_483_647  # the database's integer; larger ids cannot exist
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Flag = Annotated[bool, Strict()]
# A calendar day as the schema says (format: date): "0" or "1764633600" is not read as 1970.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]

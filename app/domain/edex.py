"""Reading an EDEX class list (``EDEX.XML``, exported by ParnasSys and ESIS).

Only a child's roepnaam, the initial of their achternaam and their group are read; every other
element (birth date, gender, postcode, leerlingnummer, teachers ...) is skipped while parsing
and each ``<leerling>`` is cleared as soon as it is read, so none of it outlives the parse.

The leerling ``key`` is the administration's stable id for a child. It leaves this module only
through ``hash_key`` (a keyed HMAC, see the service), which lets next year's file recognise the
child without Pleinmunt holding the administration's id.

Parsing is through defusedxml with DTDs forbidden: an EDEX file never has a DOCTYPE, and
refusing it rules out entity expansion ("billion laughs") and external entities (XXE), which
plain ``xml.etree`` would at least partly attempt.
"""

import io
import unicodedata
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from app.domain.errors import Invalid
from app.domain.roster_import import MAX_ROWS, ParsedRoster, RosterRow, RowProblem, last_initial


def looks_like_edex(raw: bytes) -> bool:
    """An XML document rather than a CSV: its first visible character is ``<``."""
    head = raw[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16, which only XML exports use here
    return head.startswith(b"<")


def _local(tag: str) -> str:
    # "{http://www.edustandaard.nl/...}leerling" and "leerling" are the same element.
    return tag.rpartition("}")[2].lower()


def _text(element: Element | None) -> str:
    if element is None or element.text is None:
        return ""
    visible = "".join(c for c in element.text if not unicodedata.category(c).startswith("C"))
    return " ".join(visible.split())


def _child(element: Element, name: str) -> Element | None:
    return next((item for item in element if _local(item.tag) == name), None)


def parse_edex(raw: bytes, *, hash_key: Callable[[str], str]) -> ParsedRoster:
    # Imported when first needed, like the other once-a-year libraries (openpyxl, segno).
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    groups: dict[str, str] = {}
    pending: list[tuple[int, str, str, str, str]] = []  # number, key hash, name, initial, group
    parsed = ParsedRoster()
    try:
        for _event, element in iterparse(io.BytesIO(raw), events=("end",), forbid_dtd=True):
            tag = _local(element.tag)
            if tag == "groep" and _child(element, "naam") is not None:
                groups[element.get("key", "")] = _text(_child(element, "naam"))
            elif tag == "leerling":
                if len(pending) >= MAX_ROWS:
                    raise Invalid(
                        f"the file has more than {MAX_ROWS} children; import one school at a time"
                    )
                pending.append(_leerling(len(pending) + 1, element, hash_key))
                element.clear()  # birth date, gender, postcode ... go now
    except DefusedXmlException:
        raise Invalid(
            "the file declares a DOCTYPE or entities; an EDEX export has none, so it is refused",
            code="edex_doctype",
        ) from None
    except ParseError as error:
        line = error.position[0]
        raise Invalid(
            f"line {line} of the file is not valid XML; export EDEX.XML again",
            code="edex_unreadable",
            line=line,
        ) from None
    if not pending:
        raise Invalid(
            "the file has no <leerling> elements; export the class list as EDEX.XML",
            code="edex_no_pupils",
        )
    for number, key, first_name, initial, group_key in pending:
        _add(parsed, number, key, first_name, initial, groups.get(group_key, ""))
    return parsed


def _leerling(
    number: int, element: Element, hash_key: Callable[[str], str]
) -> tuple[int, str, str, str, str]:
    key = element.get("key", "").strip()
    group = _child(element, "groep")
    return (
        number,
        hash_key(key) if key else "",
        _text(_child(element, "roepnaam")),
        last_initial(_text(_child(element, "achternaam"))) or "",
        "" if group is None else group.get("key", ""),
    )


def _add(
    parsed: ParsedRoster, number: int, key: str, first_name: str, initial: str, group: str
) -> None:
    if not first_name:
        parsed.problems.append(RowProblem(number, "no first name (Roepnaam)", "no_first_name"))
    elif len(first_name) > 40:
        parsed.problems.append(
            RowProblem(number, "first name longer than 40 characters", "long_name")
        )
    elif not group:
        parsed.problems.append(RowProblem(number, "no group (Groep)", "no_group"))
    elif len(group) > 40:
        parsed.problems.append(
            RowProblem(number, "group name longer than 40 characters", "long_group")
        )
    else:
        parsed.rows.append(RosterRow(number, first_name, initial or None, group, key or None))

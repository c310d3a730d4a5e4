"""EDEX.XML files as ParnasSys writes them, for the import tests: every field a real export
has (birth date, gender, postcode, leerlingnummer, teachers ...), so the tests can show none of
it is kept."""

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "http://www.edustandaard.nl/edex/2.1"


@dataclass(frozen=True)
class Pupil:
    key: str
    roepnaam: str
    voorvoegsel: str
    achternaam: str
    group_key: str
    birth_date: str = "2017-03-14"
    gender: str = "2"
    postcode: str = "3512KX"
    number: str = "100231"


# What the files hold that Pleinmunt must never store or log.
DROPPED = [
    "2017-03-14", "3512KX", "100231", "juf.anja@school.example", "Veldhuizen", "Anja",
    "Bakker", "Yılmaz", "Boer", "Smit", "Jansen", "Dijk", "L-2001", "L-2010",
]  # fmt: skip

YEAR_ONE_GROUPS = {"G5": "Groep 5", "G6": "Groep 6", "G8": "Groep 8"}
YEAR_ONE = [
    Pupil("L-2001", "Zoë", "van", "Dijk", "G5"),
    Pupil("L-2002", "Daniël", "", "Bakker", "G5"),
    Pupil("L-2003", "Ömer", "", "Yılmaz", "G6"),
    Pupil("L-2004", "Noor", "de", "Boer", "G6"),
    Pupil("L-2005", "Fleur", "", "Smit", "G8"),
]
# The jaarovergang: everyone one group up, group 8 has left, a new child in group 5.
YEAR_TWO_GROUPS = {"H5": "Groep 5", "H6": "Groep 6", "H7": "Groep 7"}
YEAR_TWO = [
    Pupil("L-2001", "Zoë", "van", "Dijk", "H6"),
    Pupil("L-2002", "Daniël", "", "Bakker", "H6"),
    Pupil("L-2003", "Ömer", "", "Yılmaz", "H7"),
    Pupil("L-2004", "Noor", "de", "Boer", "H7"),
    Pupil("L-2010", "Sam", "", "Jansen", "H5"),
]


def _tag(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>" if value else f"<{name}/>"


def _leerling(pupil: Pupil, padding: int) -> str:
    note = _tag("opmerking", "x" * padding) if padding else ""
    return (
        f"    <leerling key={quoteattr(pupil.key)}>\n"
        f"      {_tag('achternaam', pupil.achternaam)}\n"
        f"      {_tag('voorvoegsel', pupil.voorvoegsel)}\n"
        f"      {_tag('voorletters-1', pupil.roepnaam[0] + '.')}\n"
        f"      {_tag('roepnaam', pupil.roepnaam)}\n"
        f"      {_tag('geboortedatum', pupil.birth_date)}\n"
        f"      {_tag('geslacht', pupil.gender)}\n"
        f"      {_tag('jaargroep', '5')}\n"
        f"      {_tag('postcode', pupil.postcode)}\n"
        f"      {_tag('leerlingnummer', pupil.number)}\n"
        f"      {note}<groep key={quoteattr(pupil.group_key)}/>\n"
        f"    </leerling>\n"
    )


def edex_file(
    groups: dict[str, str],
    pupils: list[Pupil],
    *,
    namespace: bool = True,
    padding: int = 0,
) -> bytes:
    """An EDEX.XML; ``padding`` bytes of notes per pupil make a file of a realistic size."""
    xmlns = f" xmlns={quoteattr(NAMESPACE)}" if namespace else ""
    group_xml = "".join(
        f"    <groep key={quoteattr(key)}>{_tag('naam', name)}{_tag('jaargroep', name[-1])}"
        "</groep>\n"
        for key, name in groups.items()
    )
    first_group = next(iter(groups))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<EDEX{xmlns}>\n"
        "  <school><schooljaar>2026-2027</schooljaar><brincode>12AB</brincode>"
        "<auteur>ParnasSys</auteur><xsdversie>2.1</xsdversie></school>\n"
        f"  <groepen>\n{group_xml}  </groepen>\n"
        "  <samengestelde_groepen/>\n"
        f"  <leerlingen>\n{''.join(_leerling(p, padding) for p in pupils)}  </leerlingen>\n"
        "  <leerkrachten>\n"
        '    <leerkracht key="T-1"><achternaam>Veldhuizen</achternaam><roepnaam>Anja</roepnaam>'
        "<emailadres>juf.anja@school.example</emailadres>"
        f'<groepen><groep key="{first_group}"/></groepen></leerkracht>\n'
        "  </leerkrachten>\n"
        "</EDEX>\n"
    ).encode()


def school_of(count: int) -> tuple[dict[str, str], list[Pupil]]:
    """A school of ``count`` pupils in groups 1 to 8."""
    groups = {f"G{n}": f"Groep {n}" for n in range(1, 9)}
    pupils = [
        Pupil(f"L-{9000 + n}", f"Kind{n}", "van" if n % 3 == 0 else "", "Achter", f"G{n % 8 + 1}")
        for n in range(count)
    ]
    return groups, pupils

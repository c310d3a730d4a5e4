"""Reading a class list as a Dutch school administration exports it, and planning the import.

Accepts ``;`` or ``,`` separated files in UTF-8 (with or without BOM) or Windows-1252, with
headers such as ``Roepnaam;Tussenvoegsel;Achternaam;Groep``. Only the first name and the
initial of the last name are kept; every other column (student number, birth date ...) is
ignored on purpose.
"""

import csv
import io
import unicodedata
from _csv import Reader
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.errors import Invalid

MAX_ROWS = 2000

_HEADERS = {
    "first_name": {"roepnaam", "voornaam", "first_name", "firstname", "first name", "naam"},
    "infix": {"tussenvoegsel", "tussenvoegsels", "voorvoegsel", "infix"},
    "last_name": {"achternaam", "last_name", "lastname", "last name", "surname", "familienaam"},
    "group": {"groep", "klas", "group", "class", "stamgroep", "groepsnaam"},
    # Optional: the parents' consent to show the child on the wall display (ja/nee).
    "show_on_board": {"op bord", "op het bord", "show_on_board", "toestemming bord",
                      "beeldtoestemming", "toestemming", "on board"},
}  # fmt: skip
_YES = {"ja", "j", "yes", "y", "true", "1", "x", "waar"}
_NO = {"nee", "n", "no", "false", "0", "onwaar", "geen"}
# Dutch name particles: "van der Berg" is filed under B, so its initial is B.
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "het",
    "te",
    "ten",
    "ter",
    "'t",
    "in",
    "op",
    "la",
    "le",
    "d'",
}
_DAYCARE_WORDS = ("peuter", "kdv", "opvang", "dreumes", "kinderdagverblijf", "daycare")


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    first_name: str
    last_initial: str | None
    group: str
    # A keyed hash of the administration's id for the child (EDEX files only).
    source_key: str | None = None
    # The consent column (CSV only): None when the file does not say.
    show_on_board: bool | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    reason: str  # in English, for the API and logs
    code: str  # what pages translate: teacher.import.problem.<code>


@dataclass(slots=True)
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # What Excel on Windows writes for "CSV (gescheiden door lijstscheidingsteken)".
        return raw.decode("cp1252", errors="replace")


def last_initial(last_name: str) -> str | None:
    words = last_name.split()
    while len(words) > 1 and words[0].lower() in _PARTICLES:
        words = words[1:]
    for char in " ".join(words):
        if char.isalpha():
            # "ß" has no one-letter capital: better no initial than one of two letters.
            return char.upper() if len(char.upper()) == 1 else None
    return None


def guess_kind(group_name: str) -> str:
    lowered = group_name.lower()
    return "daycare" if any(word in lowered for word in _DAYCARE_WORDS) else "class"


def parse_roster(raw: bytes) -> ParsedRoster:
    text = decode(raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise Invalid(
            "the file is empty; export the class list as CSV with a header row", code="file_empty"
        )
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _read_records(reader)
    except csv.Error as error:
        # e.g. a stray quote that swallows the rest of the file into one huge cell
        raise Invalid(
            f"line {reader.line_num} cannot be read as CSV ({error}); check for a stray "
            'quote (") and export the class list again as CSV',
            code="csv_unreadable",
            line=reader.line_num,
        ) from None


def _read_records(reader: Reader) -> ParsedRoster:
    columns = _columns(next(reader))
    parsed = ParsedRoster()
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        if len(parsed.rows) + len(parsed.problems) >= MAX_ROWS:
            raise Invalid(
                f"the file has more than {MAX_ROWS} rows; import one school at a time",
                code="too_many_rows",
                max=MAX_ROWS,
            )
        _add_record(parsed, reader.line_num, record, columns)
    return parsed


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        for column, aliases in _HEADERS.items():
            if key in aliases and column not in found:
                found[column] = index
    missing = [
        label
        for column, label in (("first_name", "Roepnaam"), ("group", "Groep"))
        if column not in found
    ]
    if missing:
        raise Invalid(
            f"the header row has no column {' or '.join(missing)}; expected columns like "
            "Roepnaam;Tussenvoegsel;Achternaam;Groep",
            code="csv_header",
            columns=" / ".join(missing),
        )
    return found


def _cell(record: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    if index is None or index >= len(record):
        return ""
    # Invisible characters pasted into a name (soft hyphens, zero-width spaces, NUL) go.
    visible = "".join(c for c in record[index] if not unicodedata.category(c).startswith("C"))
    return " ".join(visible.split())


def _add_record(
    parsed: ParsedRoster, line: int, record: list[str], columns: dict[str, int]
) -> None:
    first_name = _cell(record, columns, "first_name")
    group = _cell(record, columns, "group")
    if not first_name:
        parsed.problems.append(RowProblem(line, "no first name (Roepnaam)", "no_first_name"))
    elif len(first_name) > 40:
        parsed.problems.append(
            RowProblem(line, "first name longer than 40 characters", "long_name")
        )
    elif not group:
        parsed.problems.append(RowProblem(line, "no group (Groep)", "no_group"))
    elif len(group) > 40:
        parsed.problems.append(
            RowProblem(line, "group name longer than 40 characters", "long_group")
        )
    else:
        consent = _cell(record, columns, "show_on_board").casefold()
        if consent and consent not in _YES | _NO:
            parsed.problems.append(
                RowProblem(line, "consent column: write ja or nee", "bad_consent")
            )
            return
        initial = last_initial(_cell(record, columns, "last_name"))
        shown = None if not consent else consent in _YES
        parsed.rows.append(RosterRow(line, first_name, initial, group, show_on_board=shown))


@dataclass(frozen=True, slots=True)
class KnownChild:
    child_id: int
    first_name: str
    last_initial: str | None
    group: str
    source_key: str | None = None
    active: bool = True


@dataclass(slots=True)
class ImportPlan:
    add: list[RosterRow] = field(default_factory=list)
    move: list[tuple[RosterRow, KnownChild]] = field(default_factory=list)
    unchanged: list[tuple[RosterRow, KnownChild]] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Active children a whole-school list (EDEX) no longer has: offered for deactivation.
    missing: list[KnownChild] = field(default_factory=list)


def plan_import(
    parsed: ParsedRoster,
    known: Iterable[KnownChild],
    groups: Iterable[str],
    *,
    whole_school: bool = False,
) -> ImportPlan:
    """What an import would do.

    A row with a source key (EDEX) is the child last imported with that key, whatever their
    name is now; other rows are matched by first name and last-name initial, never to a child
    who carries another key.
    """
    known = list(known)
    by_source = {child.source_key: child for child in known if child.source_key}
    by_name: dict[tuple[str, str | None], list[KnownChild]] = {}
    for child in known:
        by_name.setdefault(_key(child.first_name, child.last_initial), []).append(child)
    existing_groups = {name.casefold() for name in groups}
    plan = ImportPlan(problems=list(parsed.problems))
    rows = _unique_rows(parsed.rows, plan.problems)
    keyed = {row.line: by_source[row.source_key] for row in rows if row.source_key in by_source}
    # A known child the file still lists in their own group stays there; no other row of the
    # file (another child with the same name) may move them away.
    claimed = {child.child_id for child in keyed.values()} | {
        match.child_id
        for row in rows
        if row.line not in keyed
        for match in _name_matches(row, by_name)
        if match.group.casefold() == row.group.casefold()
    }
    for row in rows:
        if row.line in keyed:
            _plan_keyed(plan, row, keyed[row.line])
        else:
            _plan_row(plan, row, _name_matches(row, by_name), claimed)
        if row.group.casefold() not in existing_groups:
            existing_groups.add(row.group.casefold())
            plan.new_groups.append(row.group)
    if whole_school:
        kept = {child.child_id for _row, child in [*plan.move, *plan.unchanged]}
        plan.missing = [c for c in known if c.active and c.child_id not in kept]
    return plan


def _name_matches(
    row: RosterRow, by_name: dict[tuple[str, str | None], list[KnownChild]]
) -> list[KnownChild]:
    matches = by_name.get(_key(row.first_name, row.last_initial), [])
    if row.source_key is None:
        return matches
    return [match for match in matches if match.source_key is None]


def _plan_keyed(plan: ImportPlan, row: RosterRow, child: KnownChild) -> None:
    if child.group.casefold() == row.group.casefold():
        plan.unchanged.append((row, child))
    else:
        plan.move.append((row, child))


def _unique_rows(rows: list[RosterRow], problems: list[RowProblem]) -> list[RosterRow]:
    seen: set[tuple[str | None, ...]] = set()
    unique = []
    for row in rows:
        key = (
            (row.source_key,)
            if row.source_key
            else (*_key(row.first_name, row.last_initial), row.group.casefold())
        )
        if key in seen:
            problems.append(
                RowProblem(row.line, "the same child appears twice in the file", "twice")
            )
        else:
            seen.add(key)
            unique.append(row)
    return unique


def _plan_row(
    plan: ImportPlan, row: RosterRow, matches: list[KnownChild], claimed: set[int]
) -> None:
    free = [match for match in matches if match.child_id not in claimed]
    same_group = [match for match in matches if match.group.casefold() == row.group.casefold()]
    if same_group:
        plan.unchanged.append((row, same_group[0]))
    elif len(free) == 1:
        plan.move.append((row, free[0]))
        claimed.add(free[0].child_id)
    elif free:
        plan.problems.append(
            RowProblem(
                row.line, "several children have this name; change them by hand", "ambiguous"
            )
        )
    else:
        plan.add.append(row)


def _key(first_name: str, initial: str | None) -> tuple[str, str | None]:
    return first_name.casefold(), initial.upper() if initial else None

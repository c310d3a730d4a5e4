"""Reading a class list exported by a Dutch school administration, and planning its import."""

from pathlib import Path

import pytest

from app.domain.errors import Invalid
from app.domain.roster_import import (
    MAX_ROWS,
    KnownChild,
    ParsedRoster,
    RosterRow,
    RowProblem,
    guess_kind,
    last_initial,
    parse_roster,
    plan_import,
)

DATA = Path(__file__).parent.parent / "data"

# What the two sample exports hold once only the first name and the initial are kept.
SAMPLE_ROWS = [
    RosterRow(2, "Daniël", "B", "Groep 5"),
    RosterRow(3, "Zoë", "D", "Groep 5"),
    RosterRow(4, "Ömer", "Y", "Groep 5"),
    RosterRow(5, "Sam", "B", "Groep 5"),
    RosterRow(6, "Noor", "K", "Groep 6"),
    RosterRow(7, "Fleur", "B", "Groep 6"),
    RosterRow(10, "Mila", "S", "Groep 6"),
    RosterRow(11, "Lotte", "J", "Peuters Zonnetje"),
    RosterRow(12, "Finn", "D", "Peuters Zonnetje"),
    RosterRow(13, "Saar", "M", "Peuters Zonnetje"),
]


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def parsed_of(*rows: RosterRow) -> ParsedRoster:
    return ParsedRoster(rows=list(rows))


def test_parse_roster_utf8_with_bom_keeps_names_and_initials() -> None:
    assert parse_roster(sample("roster-utf8-bom.csv")).rows == SAMPLE_ROWS


def test_parse_roster_windows_1252_keeps_names_and_initials() -> None:
    assert parse_roster(sample("roster-cp1252.csv")).rows == SAMPLE_ROWS


def test_parse_roster_both_samples_report_the_same_bad_rows() -> None:
    utf8 = parse_roster(sample("roster-utf8-bom.csv")).problems
    cp1252 = parse_roster(sample("roster-cp1252.csv")).problems
    assert utf8 == cp1252


def test_parse_roster_row_without_first_name_is_reported_with_its_line() -> None:
    problems = parse_roster(sample("roster-utf8-bom.csv")).problems
    assert RowProblem(8, "no first name (Roepnaam)", "no_first_name") in problems


def test_parse_roster_row_without_group_is_reported_with_its_line() -> None:
    problems = parse_roster(sample("roster-utf8-bom.csv")).problems
    assert RowProblem(9, "no group (Groep)", "no_group") in problems
    assert len(problems) == 2


def test_parse_roster_keeps_nothing_but_first_name_initial_and_group() -> None:
    text = repr(parse_roster(sample("roster-utf8-bom.csv")))
    for dropped in ("Bakker", "Dijk", "Yılmaz", "van der", "100231", "Leerlingnummer"):
        assert dropped not in text


@pytest.mark.parametrize(
    ("last_name", "initial"),
    [
        ("Bakker", "B"),
        ("van Dijk", "D"),
        ("van der Berg", "B"),
        ("de Boer", "B"),
        ("Van Der Berg", "B"),
        ("van 't Hof", "H"),
        ("ter Horst", "H"),
        ("Yılmaz", "Y"),
        ("Öztürk", "Ö"),
        ("  visser ", "V"),
    ],
)
def test_last_initial_skips_dutch_particles(last_name: str, initial: str) -> None:
    assert last_initial(last_name) == initial


def test_last_initial_of_a_name_that_is_only_a_particle_is_its_first_letter() -> None:
    assert last_initial("Van") == "V"


def test_last_initial_is_never_more_than_one_letter() -> None:
    # "ß" has no single capital; an initial of two letters could not be stored.
    assert last_initial("ßtraat") is None


@pytest.mark.parametrize("last_name", ["", "   ", "-", "123"])
def test_last_initial_without_a_letter_is_none(last_name: str) -> None:
    assert last_initial(last_name) is None


def test_parse_roster_separate_infix_column_does_not_change_the_initial() -> None:
    raw = b"Roepnaam;Tussenvoegsel;Achternaam;Groep\r\nFleur;van der;Berg;Groep 6\r\n"
    assert parse_roster(raw).rows == [RosterRow(2, "Fleur", "B", "Groep 6")]


def test_parse_roster_infix_inside_the_last_name_column() -> None:
    raw = b"Roepnaam;Achternaam;Groep\nFleur;van der Berg;Groep 6\nSam;de Boer;Groep 5\n"
    rows = parse_roster(raw).rows
    assert [(row.first_name, row.last_initial) for row in rows] == [("Fleur", "B"), ("Sam", "B")]


def test_parse_roster_comma_separated_file() -> None:
    raw = b"Voornaam,Achternaam,Klas\nSam,de Boer,Groep 5\nNoor,Kaya,Groep 6\n"
    assert parse_roster(raw).rows == [
        RosterRow(2, "Sam", "B", "Groep 5"),
        RosterRow(3, "Noor", "K", "Groep 6"),
    ]


def test_parse_roster_comma_file_with_quoted_commas() -> None:
    raw = b'Roepnaam,Achternaam,Groep\n"Sam","Boer, de","Groep 5, 6"\n'
    assert parse_roster(raw).rows == [RosterRow(2, "Sam", "B", "Groep 5, 6")]


def test_parse_roster_english_headers_in_any_case() -> None:
    raw = b"First Name;Last Name;GROUP\nSam;Boer;Groep 5\n"
    assert parse_roster(raw).rows == [RosterRow(2, "Sam", "B", "Groep 5")]


def test_parse_roster_without_last_name_column_has_no_initials() -> None:
    raw = b"Roepnaam;Groep\nSam;Groep 5\n"
    assert parse_roster(raw).rows == [RosterRow(2, "Sam", None, "Groep 5")]


def test_parse_roster_tidies_spaces_in_names() -> None:
    raw = b"Roepnaam;Groep\n  Anne   Fleur ; Groep  5 \n"
    assert parse_roster(raw).rows == [RosterRow(2, "Anne Fleur", None, "Groep 5")]


def test_parse_roster_drops_invisible_and_control_characters() -> None:
    # A soft hyphen and a zero-width space pasted into a name, a stray bell in a group.
    raw = "Roepnaam;Achternaam;Groep\r\nMi\u00adla\u200b;\x00Smit;Groep\x07 5\r\n".encode()
    assert parse_roster(raw).rows == [RosterRow(2, "Mila", "S", "Groep 5")]


def test_parse_roster_name_of_only_control_characters_is_no_name() -> None:
    parsed = parse_roster(b"Roepnaam;Groep\r\n\x00\x07;Groep 5\r\n")
    assert parsed.problems == [RowProblem(2, "no first name (Roepnaam)", "no_first_name")]


def test_parse_roster_skips_blank_lines_but_counts_them() -> None:
    raw = b"Roepnaam;Groep\r\n\r\n;;\r\nSam;Groep 5\r\n"
    parsed = parse_roster(raw)
    assert parsed.rows == [RosterRow(4, "Sam", None, "Groep 5")]
    assert parsed.problems == []


def test_parse_roster_unknown_header_is_invalid_and_names_the_columns_it_needs() -> None:
    with pytest.raises(Invalid) as error:
        parse_roster(b"Leerling;Jaar\nSam;2026\n")
    detail = error.value.detail
    assert "Roepnaam" in detail
    assert "Groep" in detail
    assert "Roepnaam;Tussenvoegsel;Achternaam;Groep" in detail


def test_parse_roster_header_without_group_says_only_group_is_missing() -> None:
    with pytest.raises(Invalid) as error:
        parse_roster(b"Roepnaam;Achternaam\nSam;Boer\n")
    assert "no column Groep;" in error.value.detail


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"\r\n", b"   \n"])
def test_parse_roster_empty_file_is_invalid(raw: bytes) -> None:
    with pytest.raises(Invalid) as error:
        parse_roster(raw)
    assert "empty" in error.value.detail


def test_parse_roster_header_only_has_no_rows() -> None:
    parsed = parse_roster(b"Roepnaam;Achternaam;Groep\r\n")
    assert (parsed.rows, parsed.problems) == ([], [])


def test_parse_roster_too_long_first_name_is_a_row_problem() -> None:
    raw = f"Roepnaam;Groep\n{'A' * 41};Groep 5\nSam;Groep 5\n".encode()
    parsed = parse_roster(raw)
    assert parsed.problems == [RowProblem(2, "first name longer than 40 characters", "long_name")]
    assert [row.first_name for row in parsed.rows] == ["Sam"]


def test_parse_roster_too_many_rows_is_invalid() -> None:
    raw = b"Roepnaam;Groep\n" + b"Sam;Groep 5\n" * (MAX_ROWS + 1)
    with pytest.raises(Invalid) as error:
        parse_roster(raw)
    assert str(MAX_ROWS) in error.value.detail


def test_parse_roster_a_huge_cell_is_invalid_not_a_crash() -> None:
    raw = b"Roepnaam;Groep\n" + b'"' + b"x" * 200_000 + b'";Groep 5\n'
    with pytest.raises(Invalid) as error:
        parse_roster(raw)
    assert "line 2" in error.value.detail
    assert "quote" in error.value.detail


def test_parse_roster_binary_file_is_invalid() -> None:
    with pytest.raises(Invalid):
        parse_roster(bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("group", "kind"),
    [
        ("Peuters Zonnetje", "daycare"),
        ("peutergroep", "daycare"),
        ("KDV Vlinders", "daycare"),
        ("Groep 5", "class"),
        ("Groep 1/2", "class"),
    ],
)
def test_guess_kind_recognises_daycare_groups(group: str, kind: str) -> None:
    assert guess_kind(group) == kind


def test_plan_import_into_an_empty_school_adds_everyone_and_every_group() -> None:
    plan = plan_import(parse_roster(sample("roster-cp1252.csv")), [], [])
    assert plan.add == SAMPLE_ROWS
    assert plan.new_groups == ["Groep 5", "Groep 6", "Peuters Zonnetje"]
    assert (plan.move, plan.unchanged) == ([], [])
    assert [problem.line for problem in plan.problems] == [8, 9]


def test_plan_import_child_already_in_that_group_is_unchanged() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    plan = plan_import(parsed_of(RosterRow(2, "Sam", "B", "Groep 5")), known, ["Groep 5"])
    assert plan.unchanged == [(RosterRow(2, "Sam", "B", "Groep 5"), known[0])]
    assert (plan.add, plan.move, plan.new_groups) == ([], [], [])


def test_plan_import_matches_names_and_groups_ignoring_case() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    plan = plan_import(parsed_of(RosterRow(2, "SAM", "b", "groep 5")), known, ["Groep 5"])
    assert len(plan.unchanged) == 1
    assert plan.new_groups == []


def test_plan_import_child_in_another_group_is_moved() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    row = RosterRow(2, "Sam", "B", "Groep 6")
    plan = plan_import(parsed_of(row), known, ["Groep 5", "Groep 6"])
    assert plan.move == [(row, known[0])]
    assert (plan.add, plan.unchanged) == ([], [])


def test_plan_import_move_into_a_new_group_creates_it() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    plan = plan_import(parsed_of(RosterRow(2, "Sam", "B", "Groep 6")), known, ["Groep 5"])
    assert len(plan.move) == 1
    assert plan.new_groups == ["Groep 6"]


def test_plan_import_same_first_name_other_initial_is_a_new_child() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    plan = plan_import(parsed_of(RosterRow(2, "Sam", "V", "Groep 5")), known, ["Groep 5"])
    assert plan.add == [RosterRow(2, "Sam", "V", "Groep 5")]


def test_plan_import_new_group_is_listed_once() -> None:
    rows = (RosterRow(2, "Sam", "B", "Groep 7"), RosterRow(3, "Noor", "K", "groep 7"))
    plan = plan_import(parsed_of(*rows), [], [])
    assert plan.new_groups == ["Groep 7"]
    assert len(plan.add) == 2


def test_plan_import_duplicate_row_is_a_problem_on_its_second_line() -> None:
    rows = (RosterRow(2, "Sam", "B", "Groep 5"), RosterRow(3, "sam", "B", "Groep 5"))
    plan = plan_import(parsed_of(*rows), [], [])
    assert plan.add == [rows[0]]
    assert plan.problems == [RowProblem(3, "the same child appears twice in the file", "twice")]


def test_plan_import_two_known_children_with_that_name_is_a_problem() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5"), KnownChild(2, "Sam", "B", "Groep 6")]
    plan = plan_import(parsed_of(RosterRow(4, "Sam", "B", "Groep 7")), known, ["Groep 5"])
    assert plan.problems == [
        RowProblem(4, "several children have this name; change them by hand", "ambiguous")
    ]
    assert (plan.add, plan.move) == ([], [])


def test_plan_import_two_known_children_with_that_name_each_stay_in_their_group() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5"), KnownChild(2, "Sam", "B", "Groep 6")]
    rows = (RosterRow(2, "Sam", "B", "Groep 5"), RosterRow(3, "Sam", "B", "Groep 6"))
    plan = plan_import(parsed_of(*rows), known, ["Groep 5", "Groep 6"])
    assert len(plan.unchanged) == 2
    assert (plan.add, plan.move, plan.problems) == ([], [], [])


@pytest.mark.parametrize("order", [1, -1])
def test_plan_import_second_child_with_a_known_name_in_another_group_is_added(order: int) -> None:
    # Two children called Sam B. in the file; the school knows the one in Groep 5. The other
    # is a new child: moving the known Sam away would leave Groep 5 without its Sam.
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    rows = (RosterRow(2, "Sam", "B", "Groep 5"), RosterRow(3, "Sam", "B", "Groep 6"))
    plan = plan_import(parsed_of(*rows[::order]), known, ["Groep 5", "Groep 6"])
    assert plan.unchanged == [(rows[0], known[0])]
    assert plan.add == [rows[1]]
    assert plan.move == []


def test_plan_import_one_known_child_is_moved_at_most_once() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5")]
    rows = (RosterRow(2, "Sam", "B", "Groep 6"), RosterRow(3, "Sam", "B", "Groep 7"))
    plan = plan_import(parsed_of(*rows), known, ["Groep 5", "Groep 6", "Groep 7"])
    assert [known_child.child_id for _, known_child in plan.move] == [1]
    assert plan.add == [rows[1]]


def test_plan_import_keeps_the_parsers_problems() -> None:
    parsed = ParsedRoster(rows=[], problems=[RowProblem(5, "no group (Groep)", "no_group")])
    assert plan_import(parsed, [], []).problems == [RowProblem(5, "no group (Groep)", "no_group")]

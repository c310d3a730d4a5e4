"""Reading EDEX.XML: the fields kept, the ones dropped, detection by content, unsafe XML."""

import pytest

from app.domain.edex import looks_like_edex, parse_edex
from app.domain.errors import Invalid
from app.domain.roster_import import KnownChild, ParsedRoster, RosterRow, plan_import
from tests.edex_files import YEAR_ONE, YEAR_ONE_GROUPS, Pupil, edex_file


def hashed(key: str) -> str:
    return f"h({key})"


def test_edex_rows_keep_roepnaam_initial_group_and_hashed_key() -> None:
    parsed = parse_edex(edex_file(YEAR_ONE_GROUPS, YEAR_ONE[:2]), hash_key=hashed)
    assert parsed.rows == [
        RosterRow(1, "Zoë", "D", "Groep 5", "h(L-2001)"),
        RosterRow(2, "Daniël", "B", "Groep 5", "h(L-2002)"),
    ]


def test_edex_without_namespace_reads_the_same() -> None:
    with_ns = parse_edex(edex_file(YEAR_ONE_GROUPS, YEAR_ONE), hash_key=hashed)
    without = parse_edex(edex_file(YEAR_ONE_GROUPS, YEAR_ONE, namespace=False), hash_key=hashed)
    assert with_ns.rows == without.rows


def test_edex_achternaam_with_a_particle_in_it_is_filed_under_the_name() -> None:
    pupils = [Pupil("K1", "Sam", "", "van der Berg", "G5")]
    assert parse_edex(edex_file(YEAR_ONE_GROUPS, pupils), hash_key=hashed).rows[0].last_initial == (
        "B"
    )


@pytest.mark.parametrize(
    ("raw", "edex"),
    [
        (b'<?xml version="1.0"?><EDEX/>', True),
        (b"\xef\xbb\xbf\r\n  <EDEX/>", True),
        (b"Roepnaam;Groep\r\nSam;Groep 5\r\n", False),
        (b"\xef\xbb\xbfRoepnaam;Groep\r\n", False),
    ],
)
def test_looks_like_edex_by_content(raw: bytes, edex: bool) -> None:
    assert looks_like_edex(raw) is edex


def test_edex_with_an_internal_entity_is_refused() -> None:
    raw = b'<!DOCTYPE x [<!ENTITY a "b">]><EDEX><leerlingen/></EDEX>'
    with pytest.raises(Invalid, match="DOCTYPE"):
        parse_edex(raw, hash_key=hashed)


def test_plan_keyed_row_moves_the_child_with_that_key_even_if_another_has_the_name() -> None:
    known = [
        KnownChild(1, "Sam", "B", "Groep 5", source_key="other"),
        KnownChild(2, "Sam", "B", "Groep 4", source_key="mine"),
    ]
    parsed = ParsedRoster(rows=[RosterRow(1, "Sam", "B", "Groep 5", "mine")])
    plan = plan_import(parsed, known, ["Groep 4", "Groep 5"], whole_school=True)
    assert [(row.group, child.child_id) for row, child in plan.move] == [("Groep 5", 2)]
    assert [child.child_id for child in plan.missing] == [1]


def test_plan_keyed_row_never_matches_a_child_with_another_key_by_name() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 5", source_key="other")]
    parsed = ParsedRoster(rows=[RosterRow(1, "Sam", "B", "Groep 5", "new")])
    plan = plan_import(parsed, known, ["Groep 5"])
    assert plan.add == parsed.rows
    assert plan.missing == []  # only a whole-school list says who left


def test_plan_missing_leaves_out_inactive_children() -> None:
    known = [KnownChild(1, "Sam", "B", "Groep 8", source_key="k", active=False)]
    plan = plan_import(ParsedRoster(), known, ["Groep 8"], whole_school=True)
    assert plan.missing == []

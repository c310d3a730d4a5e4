"""Avatars on the desk: the picker on the child forms, and new children (one by one or by
import) getting an animal and colour nobody on their board has yet (both databases)."""

import re

from fastapi.testclient import TestClient

from tests.support.desk import post_form, submit, token
from tests.support.school import School, created


def _children(client: TestClient) -> dict[str, dict[str, object]]:
    return {row["first_name"]: row for row in client.get("/api/v1/children").json()}


def test_add_child_with_a_picked_avatar(teacher: TestClient, school: School) -> None:
    shown = submit(
        teacher,
        "/teacher/children",
        {
            "first_name": "Mo",
            "group_id": str(school.groups["Groep 5"]),
            "animal": "owl",
            "colour": "teal",
        },
    )
    assert shown == "Mo is toegevoegd."
    assert _children(teacher)["Mo"]["avatar"] == "owl:teal"


def test_add_child_without_a_pick_gets_one_free_on_the_board(
    teacher: TestClient, school: School
) -> None:
    submit(
        teacher,
        "/teacher/children",
        {"first_name": "Mo", "group_id": str(school.groups["Groep 6"])},
    )
    children = _children(teacher)
    board = [children[name]["avatar"] for name in ("Sam", "Zoë", "Noor", "Mo")]
    assert len(set(board)) == 4


def test_half_a_pick_is_refused_with_its_reason(teacher: TestClient, school: School) -> None:
    shown = submit(
        teacher,
        "/teacher/children",
        {"first_name": "Mo", "group_id": str(school.groups["Groep 5"]), "animal": "owl"},
    )
    assert shown == "Kies bij de avatar een dier én een kleur."
    assert "Mo" not in _children(teacher)


def test_unknown_animal_is_refused_with_its_reason(teacher: TestClient, school: School) -> None:
    page = f"/teacher/children/{school.children['Sam']}/avatar"
    shown = submit(
        teacher,
        f"/teacher/children/{school.children['Sam']}/avatar",
        {"animal": "dragon", "colour": "red"},
        page=page,
    )
    assert shown == "Die avatar bestaat niet; kies een dier en een kleur uit de lijst."


def test_avatar_page_changes_the_avatar(teacher: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    html = teacher.get(f"/teacher/children/{sam}/avatar").text
    current = _children(teacher)["Sam"]["avatar"]
    animal, _, colour = str(current).partition(":")
    assert re.search(rf'name="animal" value="{animal}" checked', html)
    assert re.search(rf'name="colour" value="{colour}" checked', html)
    assert html.count('name="animal"') == 30
    assert html.count('name="colour"') == 8
    assert "/static/emoji/" in html  # the shipped pictures, not a font's emoji
    shown = submit(
        teacher,
        f"/teacher/children/{sam}/avatar",
        {"animal": "hedgehog", "colour": "purple"},
        page=f"/teacher/children/{sam}/avatar",
    )
    assert shown == "De avatar van Sam is bewaard."
    assert _children(teacher)["Sam"]["avatar"] == "hedgehog:purple"


def test_new_children_avoid_avatars_of_other_groups_on_the_board(
    teacher: TestClient, school: School
) -> None:
    """Groep 5 and 6 share the board: thirty new children in Groep 6 never take a pair that a
    Groep 5 child (or each other) already has."""
    group6 = school.groups["Groep 6"]
    for number in range(30):
        created(
            teacher.post(
                "/api/v1/children", json={"first_name": f"Kind{number}", "group_id": group6}
            )
        )
    on_board = [
        row["avatar"]
        for row in teacher.get("/api/v1/children").json()
        if row["group_id"] in (school.groups["Groep 5"], group6)
    ]
    assert len(on_board) == 33
    assert len(set(on_board)) == 33


def test_import_gives_every_new_child_a_free_avatar(teacher: TestClient, school: School) -> None:
    lines = ["Roepnaam;Achternaam;Groep"] + [f"Kind{n};Jansen;Groep 5" for n in range(40)]
    raw = ("\n".join(lines) + "\n").encode()
    preview = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("klas.csv", raw, "text/csv")},
        page="/teacher/roster/import",
    )
    assert preview.status_code == 200, preview.text[:300]
    payload = re.search(r'name="payload" value="([^"]+)"', preview.text)
    assert payload
    confirm = teacher.post(
        "/teacher/roster/import/confirm",
        data={"csrf_token": token(teacher), "back": "/teacher/roster/import"},
        files={"payload": (None, payload.group(1))},
        follow_redirects=False,
    )
    assert confirm.status_code == 303, confirm.text[:300]
    on_board = [
        row["avatar"]
        for row in teacher.get("/api/v1/children").json()
        if row["group_id"] in (school.groups["Groep 5"], school.groups["Groep 6"])
    ]
    assert len(on_board) == 43
    assert len(set(on_board)) == 43

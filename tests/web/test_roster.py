"""The roster on the desk: groups, children, deactivation, erasure, and the CSV import with its
preview, on both databases."""

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.support.desk import post_form, submit, token
from tests.support.school import School

DATA = Path(__file__).resolve().parents[1] / "data"
# Line 3 has no group: the preview must name it; confirm imports the other rows.
CSV_WITH_A_BAD_ROW = (
    "Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum\n"
    "Daan;van der;Berg;Groep 7;12-03-2016\n"
    "Fenna;;Smit;;03-08-2016\n"
    "Sam;de;Boer;Groep 6;01-01-2016\n"
).encode("cp1252")


def _children(client: TestClient) -> dict[str, dict[str, object]]:
    return {child["first_name"]: child for child in client.get("/api/v1/children").json()}


def test_add_group_with_a_coin_tube(teacher: TestClient) -> None:
    shown = submit(
        teacher, "/teacher/groups", {"name": "Groep 7", "kind": "class", "weekly_goal": "40"}
    )
    assert shown == "De groep ‘Groep 7’ is toegevoegd."
    groups = {group["name"]: group for group in teacher.get("/api/v1/groups").json()}
    assert groups["Groep 7"]["weekly_goal"] == 40


def test_add_group_twice_shows_the_conflict_on_the_page(
    teacher: TestClient, school: School
) -> None:
    shown = submit(teacher, "/teacher/groups", {"name": "Groep 5", "kind": "class"})
    assert shown == "Er is al een groep met de naam ‘Groep 5’."


def test_rename_group_and_clear_its_goal(teacher: TestClient, school: School) -> None:
    group_id = school.groups["Groep 6"]
    submit(teacher, f"/teacher/groups/{group_id}", {"name": "Groep 6b", "kind": "class"})
    group = next(g for g in teacher.get("/api/v1/groups").json() if g["id"] == group_id)
    assert (group["name"], group["weekly_goal"]) == ("Groep 6b", None)


def test_bad_goal_is_a_message_not_an_error(teacher: TestClient, school: School) -> None:
    group_id = school.groups["Groep 6"]
    response = post_form(
        teacher, f"/teacher/groups/{group_id}", {"name": "G", "kind": "class", "weekly_goal": "x"}
    )
    assert response.status_code == 303
    page = teacher.get(response.headers["location"])
    assert "Vul bij ‘weekdoel’ een heel getal in." in page.text


def test_add_and_edit_a_child(teacher: TestClient, school: School) -> None:
    group_id = school.groups["Groep 6"]
    submit(
        teacher,
        "/teacher/children",
        {"first_name": "Lotte", "last_initial": "j", "group_id": str(group_id)},
    )
    child = _children(teacher)["Lotte"]
    assert (child["last_initial"], child["group_id"]) == ("J", group_id)
    other = school.groups["Groep 5"]
    submit(
        teacher,
        f"/teacher/children/{child['id']}",
        {"first_name": "Lotte", "last_initial": "", "group_id": str(other)},
    )
    child = _children(teacher)["Lotte"]
    assert (child["last_initial"], child["group_id"]) == (None, other)


def test_deactivate_and_activate_a_child(teacher: TestClient, school: School) -> None:
    child_id = school.children["Noor"]
    shown = submit(teacher, f"/teacher/children/{child_id}/active", {"active": "false"})
    assert shown.startswith("Noor is gedeactiveerd")
    assert _children(teacher)["Noor"]["active"] is False
    roster = teacher.get("/teacher/roster").text
    assert "Noor" not in roster  # hidden until asked for
    assert "Noor" in teacher.get("/teacher/roster?inactive=true").text
    submit(teacher, f"/teacher/children/{child_id}/active", {"active": "true"})
    assert _children(teacher)["Noor"]["active"] is True


def test_erase_needs_the_typed_first_name(teacher: TestClient, school: School) -> None:
    child_id = school.children["Sam"]
    page = f"/teacher/children/{child_id}/erase"
    assert "Definitief wissen" in teacher.get(page).text
    shown = submit(teacher, page, {"confirm_name": "Zoë"}, page=page)
    assert shown == "Typ de voornaam van het kind om het wissen te bevestigen."
    assert "Sam" in _children(teacher)
    shown = submit(teacher, page, {"confirm_name": "sam"}, page=page)
    assert shown == "Het kind is gewist, met alle munten."
    assert "Sam" not in _children(teacher)


def test_import_preview_shows_adds_moves_and_the_bad_row(
    teacher: TestClient, school: School
) -> None:
    response = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("klas.csv", CSV_WITH_A_BAD_ROW, "text/csv")},
        page="/teacher/roster/import",
    )
    assert response.status_code == 200
    html = response.text
    adds = html.split('id="adds"')[1].split("</section>")[0]
    moves = html.split('id="moves"')[1].split("</section>")[0]
    problems = html.split('id="problems"')[1].split("</section>")[0]
    assert "Daan B." in adds
    assert "Groep 7" in adds
    assert "Sam B." in moves
    assert "Groep 5 → Groep 6" in moves
    assert re.search(r"<td>3</td><td>geen groep</td>", problems)
    assert "12-03-2016" not in html  # a birth date is never shown, let alone kept
    assert 'href="/teacher/roster/import?lang=en"' in html  # the switch opens a page, not a POST
    assert "Daan" not in _children(teacher)  # a preview changes nothing


def test_import_confirm_imports_the_good_rows(teacher: TestClient, school: School) -> None:
    preview = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("klas.csv", CSV_WITH_A_BAD_ROW, "text/csv")},
        page="/teacher/roster/import",
    ).text
    payload = re.search(r'name="payload" value="([^"]+)"', preview)
    assert payload
    response = teacher.post(
        "/teacher/roster/import/confirm",
        data={"csrf_token": token(teacher), "back": "/teacher/roster/import"},
        files={"payload": (None, payload.group(1))},
        follow_redirects=False,
    )
    assert response.status_code == 303
    shown = teacher.get(response.headers["location"]).text
    assert "toegevoegd 1, verplaatst 1, overgeslagen 1" in shown
    children = _children(teacher)
    assert children["Daan"]["last_initial"] == "B"
    assert "Fenna" not in children
    assert children["Sam"]["group_id"] == school.groups["Groep 6"]


def test_import_confirm_refuses_a_changed_payload(teacher: TestClient, school: School) -> None:
    preview = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("klas.csv", CSV_WITH_A_BAD_ROW, "text/csv")},
        page="/teacher/roster/import",
    ).text
    payload = re.search(r'name="payload" value="([^"]+)"', preview)
    assert payload
    stamp, body, mac = payload.group(1).split(".")
    forged = f"{stamp}.{body[:-4]}AAAA.{mac}"
    shown = submit(
        teacher,
        "/teacher/roster/import/confirm",
        {"payload": forged},
        page="/teacher/roster/import",
    )
    assert shown == "Dit voorbeeld is verlopen of veranderd; upload het bestand opnieuw."
    assert "Daan" not in _children(teacher)


def test_import_of_a_school_export_in_windows_1252(teacher: TestClient) -> None:
    raw = (DATA / "roster-cp1252.csv").read_bytes()
    response = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("export.csv", raw, "text/csv")},
        page="/teacher/roster/import",
    )
    assert response.status_code == 200
    assert "Daniël B." in response.text
    assert "Ömer Y." in response.text


def test_import_of_a_file_without_header_goes_back_with_the_reason(teacher: TestClient) -> None:
    shown = submit(
        teacher,
        "/teacher/roster/import",
        files={"file": ("x.csv", b"Sam;Groep 5\n", "text/csv")},
        page="/teacher/roster/import",
    )
    assert shown.startswith("De kopregel mist de kolom ")


def test_each_child_picker_selects_its_own_group_and_escapes_names(
    teacher: TestClient, school: School
) -> None:
    made = teacher.post("/api/v1/groups", json={"name": "Groep <8> & co"})
    assert made.status_code == 201, made.text
    html = teacher.get("/teacher/roster").text
    for name, child_id in school.children.items():
        child = teacher.get(f"/api/v1/children/{child_id}").json()
        form = re.search(
            rf'action="/teacher/children/{child_id}".*?<select name="group_id">(.*?)</select>',
            html,
            re.S,
        )
        assert form, name
        selected = re.findall(r'<option value="(\d+)" selected>', form.group(1))
        assert selected == [str(child["group_id"])], name
        assert "Groep &lt;8&gt; &amp; co</option>" in form.group(1)
        assert form.group(1).count("<option") == len(school.groups) + 1

"""Importing a class list (CSV from the school administration): preview, apply, re-import."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import read_session
from tests.support.school import School, created

DATA = Path(__file__).parent.parent / "data"
SAMPLES = ["roster-utf8-bom.csv", "roster-cp1252.csv"]
IMPORT = "/api/v1/children/import"

# Everything in the sample files that is not a first name, an initial or a group.
NOT_KEPT = [
    "Bakker", "Dijk", "Yılmaz", "Yilmaz", "Boer", "Kaya", "Berg", "Jansen", "Visser", "Smit",
    "Jong", "Dekker", "Mulder", "van der", "100231", "200013", "Leerlingnummer",
]  # fmt: skip

SAMPLE_CHILDREN = {
    ("Daniël", "B", "Groep 5"),
    ("Zoë", "D", "Groep 5"),
    ("Ömer", "Y", "Groep 5"),
    ("Sam", "B", "Groep 5"),
    ("Noor", "K", "Groep 6"),
    ("Fleur", "B", "Groep 6"),
    ("Mila", "S", "Groep 6"),
    ("Lotte", "J", "Peuters Zonnetje"),
    ("Finn", "D", "Peuters Zonnetje"),
    ("Saar", "M", "Peuters Zonnetje"),
}


def upload(client: TestClient, raw: bytes, *, dry_run: bool = False, name: str = "klas.csv") -> Any:
    params = {"dry_run": "true"} if dry_run else {}
    return client.post(IMPORT, params=params, files={"file": (name, raw, "text/csv")})


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def roster_of(client: TestClient) -> set[tuple[str, str | None, str]]:
    groups = {group["id"]: group["name"] for group in client.get("/api/v1/groups").json()}
    return {
        (child["first_name"], child["last_initial"], groups[child["group_id"]])
        for child in client.get("/api/v1/children").json()
    }


@pytest.mark.parametrize("name", SAMPLES)
def test_import_preview_lists_the_children_to_add(teacher: TestClient, name: str) -> None:
    response = upload(teacher, sample(name), dry_run=True)
    assert response.status_code == 200
    report = response.json()
    assert report["applied"] is False
    assert {(row["first_name"], row["last_initial"], row["group"]) for row in report["add"]} == (
        SAMPLE_CHILDREN
    )
    assert (report["move"], report["unchanged"]) == ([], 0)


@pytest.mark.parametrize("name", SAMPLES)
def test_import_preview_lists_new_groups_with_their_kind(teacher: TestClient, name: str) -> None:
    report = upload(teacher, sample(name), dry_run=True).json()
    assert report["new_groups"] == [
        {"name": "Groep 5", "kind": "class"},
        {"name": "Groep 6", "kind": "class"},
        {"name": "Peuters Zonnetje", "kind": "daycare"},
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_import_preview_reports_bad_rows_with_line_and_reason(
    teacher: TestClient, name: str
) -> None:
    report = upload(teacher, sample(name), dry_run=True).json()
    assert report["problems"] == [
        {"line": 8, "reason": "no first name (Roepnaam)", "code": "no_first_name"},
        {"line": 9, "reason": "no group (Groep)", "code": "no_group"},
    ]


def test_import_preview_changes_nothing(teacher: TestClient) -> None:
    upload(teacher, sample("roster-utf8-bom.csv"), dry_run=True)
    assert teacher.get("/api/v1/groups").json() == []
    assert teacher.get("/api/v1/children").json() == []


@pytest.mark.parametrize("name", SAMPLES)
def test_import_apply_adds_the_good_rows(teacher: TestClient, name: str) -> None:
    response = upload(teacher, sample(name))
    assert response.status_code == 200
    report = response.json()
    assert report["applied"] is True
    assert len(report["add"]) == 10
    assert len(report["problems"]) == 2
    assert roster_of(teacher) == SAMPLE_CHILDREN


def test_import_apply_creates_the_daycare_group_as_daycare(teacher: TestClient) -> None:
    upload(teacher, sample("roster-utf8-bom.csv"))
    kinds = {group["name"]: group["kind"] for group in teacher.get("/api/v1/groups").json()}
    assert kinds == {"Groep 5": "class", "Groep 6": "class", "Peuters Zonnetje": "daycare"}


def test_import_apply_gives_every_child_an_avatar(teacher: TestClient) -> None:
    upload(teacher, sample("roster-utf8-bom.csv"))
    children = teacher.get("/api/v1/children").json()
    assert all(child["avatar"].count(":") == 1 for child in children)
    assert all(child["active"] for child in children)


def test_import_into_existing_groups_creates_no_new_ones(
    teacher: TestClient, school: School
) -> None:
    raw = b"Roepnaam;Achternaam;Groep\r\nMila;Smit;Groep 6\r\nLotte;Jong;peuters\r\n"
    report = upload(teacher, raw).json()
    assert report["new_groups"] == []
    names = [group["name"] for group in teacher.get("/api/v1/groups").json()]
    assert names == ["Groep 5", "Groep 6", "Peuters"]
    assert ("Lotte", "J", "Peuters") in roster_of(teacher)


@pytest.mark.parametrize("name", SAMPLES)
def test_import_again_is_all_unchanged(teacher: TestClient, name: str) -> None:
    upload(teacher, sample(name))
    report = upload(teacher, sample(name)).json()
    assert (report["add"], report["move"], report["new_groups"]) == ([], [], [])
    assert report["unchanged"] == 10
    assert len(teacher.get("/api/v1/children").json()) == 10


def test_import_the_other_encoding_of_the_same_list_is_unchanged(teacher: TestClient) -> None:
    upload(teacher, sample("roster-utf8-bom.csv"))
    report = upload(teacher, sample("roster-cp1252.csv"), dry_run=True).json()
    assert report["unchanged"] == 10
    assert report["add"] == []


def test_import_child_in_a_new_group_is_moved(teacher: TestClient) -> None:
    upload(teacher, sample("roster-utf8-bom.csv"))
    noor = next(c for c in teacher.get("/api/v1/children").json() if c["first_name"] == "Noor")
    moved = sample("roster-utf8-bom.csv").replace(b"Noor;;Kaya;Groep 6", b"Noor;;Kaya;Groep 5")
    preview = upload(teacher, moved, dry_run=True).json()
    assert [(m["child_id"], m["from_group"], m["group"]) for m in preview["move"]] == [
        (noor["id"], "Groep 6", "Groep 5")
    ]
    assert preview["unchanged"] == 9
    upload(teacher, moved)
    assert ("Noor", "K", "Groep 5") in roster_of(teacher)
    assert ("Noor", "K", "Groep 6") not in roster_of(teacher)


def test_import_move_keeps_the_childs_id_and_coins(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    created(logger.post("/api/v1/coins", json={"id": "7d0c4b8e-4b5e-4a57-9e3a-2b1f0c9d8e7a",
                                                 "child_id": sam, "reason": "helpen"}))  # fmt: skip
    upload(teacher, b"Roepnaam;Achternaam;Groep\r\nSam;Bakker;Groep 6\r\n")
    child = teacher.get(f"/api/v1/children/{sam}").json()
    assert child["group_id"] == school.groups["Groep 6"]
    assert len(teacher.get("/api/v1/coins", params={"child_id": sam}).json()) == 1


@pytest.mark.parametrize("name", SAMPLES)
def test_import_stores_nothing_but_first_name_and_initial(
    app: FastAPI, teacher: TestClient, name: str
) -> None:
    upload(teacher, sample(name))
    with read_session(app.state.engine) as session:
        children = [dict(row._mapping) for row in session.execute(text("SELECT * FROM child"))]
        audit = [row[0] for row in session.execute(text("SELECT detail FROM audit_entry"))]
        events = [row[0] for row in session.execute(text("SELECT payload FROM board_event"))]
    assert len(children) == 10
    assert {row["last_initial"] for row in children} <= set("BDYKSJM")
    stored = json.dumps([children, audit, events], default=str, ensure_ascii=False)
    for text_not_kept in NOT_KEPT:
        assert text_not_kept not in stored


def test_import_file_over_8_mib_is_refused_with_a_reason(teacher: TestClient) -> None:
    raw = b"Roepnaam;Groep\r\n" + b"Sam;Groep 5;" + b"x" * (8 * 1024 * 1024) + b"\r\n"
    response = upload(teacher, raw)
    assert response.status_code in (413, 422)
    assert "8 MiB" in response.json()["detail"]
    assert teacher.get("/api/v1/children").json() == []


def test_import_file_larger_than_a_json_body_is_accepted(teacher: TestClient) -> None:
    # A school's list with long extra columns easily passes the 64 KiB limit of JSON bodies.
    rows = [f"Kind{number};Achternaam;Groep 5;{'opmerking ' * 20}" for number in range(600)]
    raw = ("Roepnaam;Achternaam;Groep;Notitie\r\n" + "\r\n".join(rows) + "\r\n").encode()
    assert len(raw) > 100 * 1024
    response = upload(teacher, raw)
    assert response.status_code == 200, response.text
    assert len(response.json()["add"]) == 600


def test_import_binary_file_is_422_with_a_reason(teacher: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16
    response = upload(teacher, png, name="foto.png")
    assert response.status_code == 422
    assert "Roepnaam" in response.json()["detail"]


def test_import_spreadsheet_file_is_422_with_a_reason(teacher: TestClient) -> None:
    xlsx = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\xff" * 3000
    response = upload(teacher, xlsx, name="klas.xlsx")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_import_file_with_a_stray_quote_is_422_with_a_reason(teacher: TestClient) -> None:
    raw = b'Roepnaam;Groep\r\n"Sam;Groep 5\r\n' + b"Noor;Groep 6\r\n" * 12_000
    response = upload(teacher, raw)
    assert response.status_code == 422
    assert "quote" in response.json()["detail"]
    assert teacher.get("/api/v1/children").json() == []


def test_import_names_with_invisible_characters_are_imported_clean(teacher: TestClient) -> None:
    raw = "Roepnaam;Achternaam;Groep\r\nMi\u00adla\x00;Smit;Groep\x07 5\r\n".encode()
    response = upload(teacher, raw)
    assert response.status_code == 200
    assert roster_of(teacher) == {("Mila", "S", "Groep 5")}


def test_import_empty_file_is_422(teacher: TestClient) -> None:
    response = upload(teacher, b"")
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]


def test_import_unknown_columns_is_422_naming_the_needed_columns(teacher: TestClient) -> None:
    response = upload(teacher, b"Naam leerling;Jaar\r\nSam;2026\r\n")
    assert response.status_code == 422
    assert "Roepnaam" in response.json()["detail"]


def test_import_without_a_file_is_422(teacher: TestClient) -> None:
    response = teacher.post(IMPORT, data={"other": "x"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("file")


def test_import_with_groups_differing_only_in_case_does_not_fail(teacher: TestClient) -> None:
    for name in ("Groep 5", "groep 5"):
        group_id = created(teacher.post("/api/v1/groups", json={"name": name}))["id"]
        teacher.post("/api/v1/children", json={"first_name": "Sam", "group_id": group_id})
    response = upload(teacher, b"Roepnaam;Groep\r\nNoor;Groep 6\r\n", dry_run=True)
    assert response.status_code == 200
    assert [row["first_name"] for row in response.json()["add"]] == ["Noor"]


def test_import_is_for_teachers_only(logger: TestClient, kiosk: TestClient) -> None:
    raw = sample("roster-utf8-bom.csv")
    assert upload(logger, raw).status_code == 403
    assert upload(kiosk, raw).status_code == 403
    assert len(logger.get("/api/v1/children").json()) == 5


def test_import_needs_sign_in(client: TestClient) -> None:
    assert upload(client, sample("roster-utf8-bom.csv"), dry_run=True).status_code == 401

"""Importing EDEX.XML (ParnasSys, ESIS): only names, initials and groups kept; next year's file
moves the same children (matched by a keyed hash of the leerling key) and offers the ones who
left for deactivation."""

import json
import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import read_session
from tests.edex_files import (
    DROPPED,
    YEAR_ONE,
    YEAR_ONE_GROUPS,
    YEAR_TWO,
    YEAR_TWO_GROUPS,
    edex_file,
    school_of,
)

IMPORT = "/api/v1/children/import"


def upload(client: TestClient, raw: bytes, **params: str) -> Any:
    return client.post(IMPORT, params=params, files={"file": ("EDEX.XML", raw, "text/xml")})


def roster_of(client: TestClient) -> dict[str, tuple[str | None, str, bool]]:
    groups = {group["id"]: group["name"] for group in client.get("/api/v1/groups").json()}
    return {
        child["first_name"]: (child["last_initial"], groups[child["group_id"]], child["active"])
        for child in client.get("/api/v1/children").json()
    }


@pytest.mark.parametrize("namespace", [True, False])
def test_edex_preview_lists_names_initials_and_groups(teacher: TestClient, namespace: bool) -> None:
    raw = edex_file(YEAR_ONE_GROUPS, YEAR_ONE, namespace=namespace)
    report = upload(teacher, raw, dry_run="true").json()
    assert report["format"] == "edex"
    assert {(r["first_name"], r["last_initial"], r["group"]) for r in report["add"]} == {
        ("Zoë", "D", "Groep 5"),  # van Dijk is filed under D
        ("Daniël", "B", "Groep 5"),
        ("Ömer", "Y", "Groep 6"),
        ("Noor", "B", "Groep 6"),
        ("Fleur", "S", "Groep 8"),
    }
    assert report["new_groups"] == [
        {"name": name, "kind": "class"} for name in ("Groep 5", "Groep 6", "Groep 8")
    ]
    assert teacher.get("/api/v1/children").json() == []


def test_edex_import_keeps_nothing_but_names_initials_and_groups(
    app: FastAPI, teacher: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = upload(teacher, edex_file(YEAR_ONE_GROUPS, YEAR_ONE))
    assert response.status_code == 200, response.text
    with read_session(app.state.engine) as session:
        tables = [
            [list(row) for row in session.execute(text(f'SELECT * FROM "{table}"'))]
            for table in ("child", "group", "audit_entry", "board_event")
        ]
    stored = json.dumps(tables, default=str, ensure_ascii=False)
    for dropped in DROPPED:
        assert dropped not in stored
        assert dropped not in caplog.text
    assert "Zoë" in stored  # the test reads the right tables


def test_edex_import_stores_a_keyed_hash_of_the_leerling_key(
    app: FastAPI, teacher: TestClient
) -> None:
    upload(teacher, edex_file(YEAR_ONE_GROUPS, YEAR_ONE))
    with read_session(app.state.engine) as session:
        keys = [row[0] for row in session.execute(text("SELECT source_key FROM child"))]
    assert len(set(keys)) == len(YEAR_ONE)
    assert all(len(key) == 64 and "2001" not in key for key in keys)
    assert "source_key" not in teacher.get("/api/v1/children").json()[0]


def test_edex_next_year_moves_the_same_children_and_offers_the_leavers(
    teacher: TestClient,
) -> None:
    upload(teacher, edex_file(YEAR_ONE_GROUPS, YEAR_ONE))
    ids = {child["first_name"]: child["id"] for child in teacher.get("/api/v1/children").json()}
    preview = upload(teacher, edex_file(YEAR_TWO_GROUPS, YEAR_TWO), dry_run="true").json()
    assert {(m["first_name"], m["from_group"], m["group"]) for m in preview["move"]} == {
        ("Zoë", "Groep 5", "Groep 6"),
        ("Daniël", "Groep 5", "Groep 6"),
        ("Ömer", "Groep 6", "Groep 7"),
        ("Noor", "Groep 6", "Groep 7"),
    }
    assert [a["first_name"] for a in preview["add"]] == ["Sam"]
    assert [(m["first_name"], m["group"]) for m in preview["missing"]] == [("Fleur", "Groep 8")]

    report = upload(teacher, edex_file(YEAR_TWO_GROUPS, YEAR_TWO), deactivate_missing="true")
    assert report.json()["deactivated"] == 1
    assert roster_of(teacher) == {
        "Zoë": ("D", "Groep 6", True),
        "Daniël": ("B", "Groep 6", True),
        "Ömer": ("Y", "Groep 7", True),
        "Noor": ("B", "Groep 7", True),
        "Fleur": ("S", "Groep 8", False),
        "Sam": ("J", "Groep 5", True),
    }
    after = {child["first_name"]: child["id"] for child in teacher.get("/api/v1/children").json()}
    assert all(after[name] == ids[name] for name in ids)


def test_edex_import_without_deactivation_keeps_the_leavers_active(teacher: TestClient) -> None:
    upload(teacher, edex_file(YEAR_ONE_GROUPS, YEAR_ONE))
    report = upload(teacher, edex_file(YEAR_TWO_GROUPS, YEAR_TWO)).json()
    assert report["deactivated"] == 0
    assert roster_of(teacher)["Fleur"] == ("S", "Groep 8", True)


def test_edex_same_file_twice_is_all_unchanged(teacher: TestClient) -> None:
    raw = edex_file(YEAR_ONE_GROUPS, YEAR_ONE)
    upload(teacher, raw)
    report = upload(teacher, raw, dry_run="true").json()
    assert (report["add"], report["move"], report["missing"]) == ([], [], [])
    assert report["unchanged"] == len(YEAR_ONE)


def test_edex_after_a_csv_import_links_the_children_instead_of_adding(
    teacher: TestClient,
) -> None:
    csv = "Roepnaam;Achternaam;Groep\r\nZoë;Dijk;Groep 5\r\nDaniël;Bakker;Groep 5\r\n"
    upload(teacher, csv.encode())
    upload(teacher, edex_file(YEAR_ONE_GROUPS, YEAR_ONE[:2]))
    report = upload(teacher, edex_file(YEAR_TWO_GROUPS, YEAR_TWO[:2]), dry_run="true").json()
    assert {(m["first_name"], m["group"]) for m in report["move"]} == {
        ("Zoë", "Groep 6"),
        ("Daniël", "Groep 6"),
    }
    assert report["add"] == []


def test_edex_school_of_500_children_fits_the_upload_limit(teacher: TestClient) -> None:
    groups, pupils = school_of(500)
    raw = edex_file(groups, pupils, padding=5000)
    assert len(raw) > 2 * 1024 * 1024
    report = upload(teacher, raw)
    assert report.status_code == 200, report.text
    assert len(report.json()["add"]) == 500
    assert len(teacher.get("/api/v1/children").json()) == 500


def test_edex_with_a_doctype_is_refused(teacher: TestClient) -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE EDEX [<!ENTITY a "haha">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<EDEX><leerlingen><leerling key="1"><roepnaam>&b;</roepnaam>'
        b'<groep key="G"/></leerling></leerlingen></EDEX>'
    )
    response = upload(teacher, laughs)
    assert response.status_code == 422
    assert "DOCTYPE" in response.json()["detail"]
    assert teacher.get("/api/v1/children").json() == []


def test_edex_with_an_external_entity_is_refused(teacher: TestClient) -> None:
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE EDEX [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<EDEX><leerlingen><leerling key="1"><roepnaam>&x;</roepnaam>'
        b'<groep key="G"/></leerling></leerlingen></EDEX>'
    )
    response = upload(teacher, xxe)
    assert response.status_code == 422
    assert "root:" not in response.text


def test_edex_that_is_not_valid_xml_is_422_with_the_line(teacher: TestClient) -> None:
    raw = edex_file(YEAR_ONE_GROUPS, YEAR_ONE).replace(b"</leerlingen>", b"</leerling>")
    response = upload(teacher, raw)
    assert response.status_code == 422
    assert "not valid XML" in response.json()["detail"]


def test_edex_without_pupils_is_422(teacher: TestClient) -> None:
    response = upload(teacher, edex_file(YEAR_ONE_GROUPS, []))
    assert response.status_code == 422
    assert "leerling" in response.json()["detail"]


def test_edex_pupil_in_an_unknown_group_is_a_bad_row(teacher: TestClient) -> None:
    pupils = [YEAR_ONE[0], YEAR_ONE[1].__class__("L-3", "Mila", "", "Visser", "NOPE")]
    report = upload(teacher, edex_file(YEAR_ONE_GROUPS, pupils), dry_run="true").json()
    assert report["problems"] == [{"line": 2, "reason": "no group (Groep)", "code": "no_group"}]
    assert [row["first_name"] for row in report["add"]] == ["Zoë"]

"""The audit log: every kind of change leaves an entry (children by id only), and the desk shows
it filtered and paged and exports it as CSV, on both databases."""

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import read_session
from app.i18n import LANGUAGES, catalog_keys
from app.models import AuditEntry
from tests.support.desk import post_form, submit
from tests.support.school import School, coin_body

ACTION_CELL = r'<tr data-action="([a-z_.]+)">'
ROSTER_CSV = b"Roepnaam;Achternaam;Groep\nDaan;Berg;Groep 7\n"


def _actions(app: FastAPI) -> list[AuditEntry]:
    with read_session(app.state.engine) as session:
        return list(session.exec(select(AuditEntry)).all())


@pytest.fixture
def busy_week(teacher: TestClient, school: School) -> School:
    """One of every change the desk and the API make."""
    c = school.children
    coin = coin_body(c["Noor"], amount=2)
    teacher.post("/api/v1/coins", json=coin)
    teacher.post(f"/api/v1/coins/{coin['id']}/void")
    teacher.post("/api/v1/coins", json=coin_body(c["Noor"]))
    week = teacher.get(f"/api/v1/boards/{school.board}/standings").json()["week"]
    page = f"/teacher/weeks?board={school.board}&week={week}"
    submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    submit(teacher, f"/teacher/weeks/{school.board}/{week}/redraw", {"reason": "ziek"}, page=page)
    draw_id = teacher.get(f"/api/v1/boards/{school.board}/weeks/{week}/winner").json()["id"]
    submit(teacher, f"/teacher/winners/{draw_id}/status", {"status": "given"}, page=page)
    preview = post_form(
        teacher,
        "/teacher/roster/import",
        files={"file": ("klas.csv", ROSTER_CSV, "text/csv")},
        page="/teacher/roster/import",
    ).text
    payload = re.search(r'name="payload" value="([^"]+)"', preview)
    assert payload
    submit(teacher, "/teacher/roster/import/confirm", {"payload": payload.group(1)})
    board = f"/teacher/boards/{school.board}"
    post_form(teacher, f"{board}/kiosk-links", {"label": "hal"}, page=board)
    link = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["id"]
    submit(teacher, f"{board}/kiosk-links/{link}/revoke", page=board)
    submit(teacher, f"/teacher/loggers/{school.logger_id}/sign-out", page="/teacher/loggers")
    submit(teacher, f"/teacher/children/{c['Finn']}/active", {"active": "false"})
    submit(teacher, "/teacher/year-end/purge", {"word": "WISSEN", "expected": "1"})
    erase = f"/teacher/children/{c['Zoë']}/erase"
    submit(teacher, erase, {"confirm_name": "Zoë"}, page=erase)
    return school


def test_every_kind_of_change_is_audited(app: FastAPI, busy_week: School) -> None:
    actions = {entry.action for entry in _actions(app)}
    assert {
        "group.create",
        "child.create",
        "child.update",
        "child.erase",
        "roster.import",
        "roster.purge",
        "board.create",
        "kiosk_link.create",
        "kiosk_link.revoke",
        "coin.void",
        "winner.draw",
        "winner.redraw",
        "winner.reward",
        "logger.create",
        "logger.sign_out",
    } <= actions


def test_audit_entries_never_name_a_child(app: FastAPI, busy_week: School) -> None:
    names = ["Sam", "Zoë", "Noor", "Finn", "Saar", "Daan"]
    for entry in _actions(app):
        text = f"{entry.actor} {entry.subject} {entry.detail}"
        assert not any(name in text for name in names), entry


def test_audit_page_filters_by_area_and_person(teacher: TestClient, busy_week: School) -> None:
    html = teacher.get("/teacher/audit?action=kiosk_link").text
    assert "Kiosklink ingetrokken" in html
    shown = re.findall(ACTION_CELL, html)
    assert sorted(shown) == ["kiosk_link.create", "kiosk_link.create", "kiosk_link.revoke"]
    assert "Regels: 3" in html  # the fixture's own link, the desk's, and its revocation
    html = teacher.get("/teacher/audit?actor=cli").text
    assert re.findall(ACTION_CELL, html) == ["teacher.set"]


def test_audit_page_pages_through_a_long_log(teacher: TestClient, school: School) -> None:
    for number in range(60):
        teacher.post("/api/v1/groups", json={"name": f"Groep x{number}"})
    first = teacher.get("/teacher/audit?action=group").text
    assert "Pagina 1 van 2" in first
    assert first.count('<tr data-action="group.create">') == 50
    older = re.search(r'href="([^"]+)" rel="next"', first)
    assert older
    second = teacher.get(older.group(1).replace("&amp;", "&")).text
    assert "Pagina 2 van 2" in second
    assert second.count('<tr data-action="group.create">') == 13  # 60 + the fixture's 3


def test_audit_page_refuses_a_bad_date_with_a_message(teacher: TestClient) -> None:
    response = teacher.get("/teacher/audit?since=gisteren")
    assert response.status_code == 422
    assert "Schrijf de datum bij ‘sinds’ als 2026-11-30." in response.text


def test_audit_csv_export_parses_back(teacher: TestClient, busy_week: School) -> None:
    response = teacher.get("/teacher/audit.csv?action=winner")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Wanneer",
        "Wie (code)",
        "Wie",
        "Actie (code)",
        "Waarover (code)",
        "Details (code)",
        "Wat er gebeurde",
    ]
    assert [row[3] for row in rows[1:]] == ["winner.draw", "winner.redraw", "winner.reward"]
    assert {row[2] for row in rows[1:]} == {"juf"}


def test_every_audited_action_has_a_name_in_both_languages() -> None:
    root = Path(__file__).resolve().parents[2] / "app"
    written = set()
    for path in root.rglob("*.py"):
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert len(written) > 20
    for language in LANGUAGES:
        missing = {a for a in written if f"teacher.action.{a}" not in catalog_keys(language)}
        assert missing == set(), language


def test_audit_page_reads_as_sentences_with_names(teacher: TestClient, busy_week: School) -> None:
    html = teacher.get("/teacher/audit?action=coin").text
    sentences = re.findall(r'<td class="says">([^<]+)</td>', html)
    assert sentences == ["Juf maakte de munt van Noor K. voor iemand helpen ongedaan"]
    english = teacher.get("/teacher/audit?action=winner&lang=en").text
    said = re.findall(r'<td class="says">([^<]+)</td>', english)
    assert any(s.startswith("Juf drew again: ") and " is the winner of " in s for s in said)
    assert "child:" not in html.split("<tbody>")[1]
    assert "{" not in html.split("<tbody>")[1]


def test_audit_filters_name_areas_in_words(teacher: TestClient, busy_week: School) -> None:
    html = teacher.get("/teacher/audit").text
    assert '<option value="coin">Munten</option>' in html
    assert '<option value="winner">Winnaars</option>' in html
    assert ">Winners</option>" in teacher.get("/teacher/audit?lang=en").text


def test_audit_csv_speaks_english_when_asked(teacher: TestClient, busy_week: School) -> None:
    text = teacher.get("/teacher/audit.csv?action=coin&lang=en").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "When"
    assert rows[0][-1] == "What happened"
    assert rows[1][-1] == "Juf undid Noor K.'s coin for helping someone"


def test_a_zone_change_reads_as_a_sentence_with_its_name(teacher: TestClient) -> None:
    made = teacher.post("/api/v1/zones", json={"name": "Moestuin"})
    assert made.status_code == 201, made.text
    html = teacher.get("/teacher/audit").text
    sentences = re.findall(r'<td class="says">([^<]+)</td>', html)
    assert "Juf voegde de zone Moestuin toe" in sentences

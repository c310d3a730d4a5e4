"""The desk's setup checklist ticks itself off from the school's data; the printable cards."""

import re

from fastapi.testclient import TestClient

from tests.support.desk import post_form, submit
from tests.support.school import LOGGER_PIN, School


def _steps(client: TestClient) -> dict[str, bool]:
    page = client.get("/teacher/weeks").text
    return {
        key: done == "true"
        for key, done in re.findall(r'data-step="(\w+)" data-done="(true|false)"', page)
    }


def test_fresh_school_sees_every_step_to_do(teacher: TestClient) -> None:
    assert _steps(teacher) == dict.fromkeys(
        ("import", "interns", "board", "screen", "cards"), False
    )
    page = teacher.get("/teacher/weeks").text
    assert "0 van de 5 stappen gedaan." in page
    assert 'href="/teacher/roster/import"' in page


def test_steps_tick_off_from_the_data(teacher: TestClient, school: School) -> None:
    assert _steps(teacher) == {
        "import": True,
        "interns": True,
        "board": True,
        "screen": True,
        "cards": False,
    }
    assert 'href="/teacher/boards/plein"' in teacher.get("/teacher/weeks").text


def test_revoked_screen_link_is_a_step_to_do_again(teacher: TestClient, school: School) -> None:
    links = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()
    for link in links:
        teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/{link['id']}")
    assert _steps(teacher)["screen"] is False


def test_printing_the_cards_finishes_the_checklist(teacher: TestClient, school: School) -> None:
    shown = submit(teacher, "/teacher/cards/printed", {"count": "1"}, page="/teacher/cards")
    assert shown == "De kaarten zijn geprint."
    page = teacher.get("/teacher/weeks").text
    assert "checklist" not in page
    assert "Juf printte de kaarten voor de stagiairs" in teacher.get("/teacher/audit").text


def test_intern_cards_show_name_and_tablet_qr_never_a_pin(
    teacher: TestClient, school: School
) -> None:
    teacher.post("/api/v1/loggers", json={"name": "Mo", "pin": "13572468"})
    page = teacher.get("/teacher/cards").text
    names = re.findall(r'data-card="([^"]+)"', page)
    assert names == ["Kas", "Mo"]
    assert page.count("<svg") >= 2
    assert "http://testserver/tablet" in page
    assert LOGGER_PIN not in page
    assert "13572468" not in page


def test_one_interns_card(teacher: TestClient, school: School) -> None:
    page = teacher.get(f"/teacher/cards?logger={school.logger_id}").text
    assert re.findall(r'data-card="([^"]+)"', page) == ["Kas"]


def test_unknown_interns_card_is_a_desk_page(teacher: TestClient, school: School) -> None:
    response = teacher.get("/teacher/cards?logger=999")
    assert response.status_code == 404
    assert "<html" in response.text


def test_ended_interns_get_no_card(teacher: TestClient, school: School) -> None:
    teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"active": False})
    page = teacher.get("/teacher/cards").text
    assert re.findall(r'data-card="([^"]+)"', page) == []
    assert "Er zijn nog geen stagiairs" in page


def test_new_screen_link_page_carries_a_screen_card(teacher: TestClient, school: School) -> None:
    response = post_form(teacher, f"/teacher/boards/{school.board}/kiosk-links", {"label": "hal"})
    assert response.status_code == 200
    card = response.text.split('class="print-card print-card--screen')[1]
    assert "Schoolplein" in card
    assert "<svg" in card
    assert "/kiosk/plein?token=" in card
    assert "werkt alleen op deze computer" not in response.text  # testserver is not 127.0.0.1

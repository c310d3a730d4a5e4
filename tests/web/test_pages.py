"""No JSON page reaches a teacher: the draw check in words, and a desk page in the teacher's
language for an unknown address, a form's address opened as a page, an unknown id, an expired
session and a server error (the API keeps its JSON)."""

from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import write_session
from app.models.people import UserSession
from app.models.types import utcnow
from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.desk import flash_text
from tests.support.school import School

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_draw_check_is_a_page_in_words(teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 2, weeks_ago=1)
    give_coins(teacher, school.children["Noor"], 2, weeks_ago=1)  # a tie: a ticket each
    week = this_week(1)
    winner = drawn(teacher, week)["winner_name"]
    response = teacher.get(f"/teacher/weeks/plein/{week}/check")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "De trekking klopt" in response.text
    assert f"dezelfde winnaar uit: {winner}<" in response.text
    assert "Er waren 2 lootjes" in response.text
    english = teacher.get(f"/teacher/weeks/plein/{week}/check?lang=en")
    assert "The draw checks out" in english.text
    assert "There were 2 tickets" in english.text


def test_draw_check_of_one_ticket_says_it_in_the_singular(
    teacher: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Noor"], 1, weeks_ago=1)
    week = this_week(1)
    drawn(teacher, week)
    html = teacher.get(f"/teacher/weeks/plein/{week}/check").text
    assert "Er was 1 lootje," in html
    assert "1 lootjes" not in html


def test_week_page_links_the_check_page_not_the_json(teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 1, weeks_ago=1)
    week = this_week(1)
    drawn(teacher, week)
    html = teacher.get(f"/teacher/weeks?board=plein&week={week}").text
    assert f'href="/teacher/weeks/plein/{week}/check"' in html


def test_draw_check_json_stays_at_the_api(teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 1, weeks_ago=1)
    week = this_week(1)
    drawn(teacher, week)
    response = teacher.get(f"/api/v1/boards/plein/weeks/{week}/winner/verify")
    assert response.json()["matches"] is True


def test_draw_check_of_a_week_without_draw_is_a_desk_page(
    teacher: TestClient, school: School
) -> None:
    response = teacher.get(f"/teacher/weeks/plein/{this_week(2)}/check", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Terug naar de lerarenkamer" in response.text


def test_form_address_opened_as_page_is_a_desk_page(teacher: TestClient, school: School) -> None:
    response = teacher.get(f"/teacher/weeks/plein/{this_week()}/redraw", headers=HTML)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert "Deze pagina kun je niet zo openen" in response.text
    assert 'href="/teacher"' in response.text
    assert "method" not in response.text.lower().split("<main")[1]


def test_form_address_opened_as_page_in_english(teacher: TestClient, school: School) -> None:
    response = teacher.get(f"/teacher/weeks/plein/{this_week()}/redraw?lang=en", headers=HTML)
    assert response.status_code == 405
    assert "This page cannot be opened like this" in response.text


def test_unknown_desk_address_is_a_desk_page(client: TestClient) -> None:
    response = client.get("/teacher/nothing-here")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text
    assert "Back to the teacher desk" in client.get("/teacher/nothing-here?lang=en").text


def test_unknown_child_id_is_a_desk_page(teacher: TestClient, school: School) -> None:
    response = teacher.get("/teacher/children/999999/erase", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Terug naar de lerarenkamer" in response.text


def test_api_keeps_json_for_404_and_405(teacher: TestClient) -> None:
    assert teacher.get("/api/v1/nothing-here", headers=HTML).json()["code"] == "http_error"
    assert teacher.put("/api/v1/coins", headers=HTML).json()["code"] == "http_error"


def test_expired_session_goes_to_sign_in_saying_why(app: FastAPI, teacher: TestClient) -> None:
    with write_session(app.state.engine) as session:
        for row in session.exec(select(UserSession)).all():
            row.expires_at = utcnow() - timedelta(minutes=1)
            session.add(row)
            app.state.actor_cache.forget_token(row.id)
        session.commit()
    response = teacher.get("/teacher/roster", follow_redirects=False)
    assert response.status_code == 303
    shown = teacher.get(response.headers["location"])
    assert flash_text(shown.text) == "Je sessie is verlopen. Meld je opnieuw aan."
    assert 'name="password"' in shown.text


def test_server_error_is_a_desk_page(app: FastAPI) -> None:
    @app.get("/teacher/boom")
    def boom(_request: Request) -> None:
        raise RuntimeError("a bug")

    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/teacher/boom?lang=en")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "a bug" not in response.text
    assert "Back to the teacher desk" in response.text
    api = client.get("/teacher/boom", headers={"accept": "application/json"})
    assert api.status_code == 500

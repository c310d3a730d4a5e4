"""The printable certificate: the winner's name, week, board and reward, in Dutch or English."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.domain.weeks import parse_week
from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School


@pytest.fixture
def winner(teacher: TestClient, logger: TestClient, school: School) -> dict[str, Any]:
    give_coins(logger, school.children["Zoë"], 4)
    result = drawn(teacher, this_week())
    teacher.patch(f"/api/v1/winners/{result['id']}", json={"reward": "Mag het spel kiezen"})
    return result


def test_certificate_shows_name_week_board_and_reward(
    teacher: TestClient, winner: dict[str, Any]
) -> None:
    response = teacher.get(f"/teacher/winners/{winner['id']}/certificate")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    week_number = parse_week(this_week())[1]
    page = response.text
    assert f"Munt-winnaar van week {week_number}" in page
    assert "Zoë D." in page
    assert "bord Schoolplein" in page
    assert "Groep 5" in page
    assert "Mag het spel kiezen" in page
    assert "4 munten verdiend" in page
    assert '<link rel="stylesheet" href="/static/certificate.css">' in page
    assert "<script>" not in page  # the CSP allows no inline script


def test_certificate_in_english(teacher: TestClient, winner: dict[str, Any]) -> None:
    page = teacher.get(f"/teacher/winners/{winner['id']}/certificate?lang=en").text
    assert f"Coin winner of week {parse_week(this_week())[1]}" in page
    assert "Your reward" in page
    assert '<html lang="en">' in page


def test_certificate_escapes_the_reward(teacher: TestClient, winner: dict[str, Any]) -> None:
    teacher.patch(f"/api/v1/winners/{winner['id']}", json={"reward": "<b>ijsje</b>"})
    page = teacher.get(f"/teacher/winners/{winner['id']}/certificate").text
    assert "&lt;b&gt;ijsje&lt;/b&gt;" in page
    assert "<b>ijsje" not in page


def test_certificate_without_a_reward_leaves_a_line_to_write_on(
    teacher: TestClient, winner: dict[str, Any]
) -> None:
    teacher.patch(f"/api/v1/winners/{winner['id']}", json={"reward": ""})
    page = teacher.get(f"/teacher/winners/{winner['id']}/certificate").text
    assert "reward-empty" in page


def test_certificate_of_a_redrawn_draw_is_409(teacher: TestClient, winner: dict[str, Any]) -> None:
    drawn(teacher, this_week(), redraw_reason="opnieuw loten")
    assert teacher.get(f"/teacher/winners/{winner['id']}/certificate").status_code == 409


def test_certificate_of_an_erased_winner_is_404(
    teacher: TestClient, winner: dict[str, Any], school: School
) -> None:
    teacher.delete(f"/api/v1/children/{school.children['Zoë']}")
    response = teacher.get(f"/teacher/winners/{winner['id']}/certificate")
    assert response.status_code == 404
    assert "Zoë" not in response.text


def test_certificate_of_an_unknown_draw_is_404(teacher: TestClient) -> None:
    assert teacher.get("/teacher/winners/4242/certificate").status_code == 404

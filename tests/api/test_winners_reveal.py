"""Drawing asks first: the desk's confirmation says whether the week is over and offers to show
the winner on the wall now or keep it for the reveal at the draw time, when the wall plays it."""

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.services.winners.scheduler import reveal_kept
from app.settings import Settings
from tests.api.winners_support import draws_in_db, events, give_coins, this_week
from tests.conftest import make_settings
from tests.support.desk import post_form, submit
from tests.support.school import School


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url, draw_at="fri 14:30")


def _standings_winner(client: TestClient) -> object:
    return client.get("/api/v1/boards/plein/standings").json()["last_winner"]


def test_confirmation_of_this_week_says_it_is_not_over(teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 1)
    html = teacher.get(f"/teacher/weeks/plein/{this_week()}/draw").text
    assert "Deze week is nog niet voorbij." in html
    assert "1 kind heeft munten verdiend en loot mee." in html
    assert "Trekken en bewaren voor de onthulling op vr " in html
    assert draws_in_db_count(teacher) == 0


def draws_in_db_count(client: TestClient) -> int:
    return len(client.get(f"/api/v1/boards/plein/weeks/{this_week()}/draws").json())


def test_confirmation_of_a_finished_week_does_not_warn(teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 1, weeks_ago=1)
    give_coins(teacher, school.children["Noor"], 1, weeks_ago=1)
    html = teacher.get(f"/teacher/weeks/plein/{this_week(1)}/draw?lang=en").text
    assert "not over" not in html
    assert "2 children earned coins and take part." in html
    assert "Draw and show it on the wall now" in html


def test_show_now_announces_the_winner_to_the_wall(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Sam"], 2, weeks_ago=1)
    page = f"/teacher/weeks?board=plein&week={this_week(1)}"
    shown = submit(
        teacher, f"/teacher/weeks/plein/{this_week(1)}/draw", {"reveal": "now"}, page=page
    )
    assert shown == "De winnaar is getrokken."
    assert len(events(app, "winner")) == 1
    assert draws_in_db(app)[0].held_until is None


def test_kept_winner_stays_off_the_wall_until_the_draw_time(
    app: FastAPI, teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Sam"], 2, weeks_ago=1)
    week = this_week(1)
    page = f"/teacher/weeks?board=plein&week={week}"
    shown = submit(
        teacher, f"/teacher/weeks/plein/{week}/draw", {"reveal": "at_draw_time"}, page=page
    )
    assert shown == "De winnaar is getrokken en blijft geheim tot de onthulling."
    (row,) = draws_in_db(app)
    assert row.held_until is not None
    assert row.held_until.astimezone(app.state.settings.tz).strftime("%a %H:%M") == "Fri 14:30"
    assert events(app, "winner") == []
    assert _standings_winner(kiosk) is None
    assert "Nog geheim: de muur laat deze winnaar zien op vr " in teacher.get(page).text

    assert reveal_kept(app.state.engine, now=row.held_until - timedelta(seconds=1), hub=None) == []
    assert events(app, "winner") == []
    assert reveal_kept(app.state.engine, now=row.held_until, hub=None) == [row.id]
    (event,) = events(app, "winner")
    assert event.child_id == school.children["Sam"]
    assert draws_in_db(app)[0].held_until is None
    assert _standings_winner(kiosk) is not None
    assert reveal_kept(app.state.engine, now=row.held_until, hub=None) == []  # once only


def test_kept_winner_can_be_shown_early(app: FastAPI, teacher: TestClient, school: School) -> None:
    give_coins(teacher, school.children["Sam"], 2, weeks_ago=1)
    week = this_week(1)
    response = teacher.post(
        f"/api/v1/boards/plein/weeks/{week}/winner", json={"reveal": "at_draw_time"}
    )
    assert response.status_code == 201
    assert response.json()["held_until"] is not None
    page = f"/teacher/weeks?board=plein&week={week}"
    draw_id = response.json()["id"]
    assert submit(teacher, f"/teacher/winners/{draw_id}/reveal", page=page) == (
        "De winnaar staat nu op de muur."
    )
    assert len(events(app, "winner")) == 1
    again = post_form(teacher, f"/teacher/winners/{draw_id}/reveal", page=page)
    shown = teacher.get(again.headers["location"]).text
    assert "Deze winnaar staat al op de muur" in shown
    assert len(events(app, "winner")) == 1


def test_redraw_of_a_kept_winner_stays_kept(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Sam"], 2, weeks_ago=1)
    give_coins(teacher, school.children["Noor"], 2, weeks_ago=1)
    week = this_week(1)
    url = f"/api/v1/boards/plein/weeks/{week}/winner"
    assert teacher.post(url, json={"reveal": "at_draw_time"}).status_code == 201
    redrawn = teacher.post(url, json={"redraw_reason": "Sam was ziek"})
    assert redrawn.status_code == 201
    assert redrawn.json()["held_until"] is not None
    assert events(app, "winner") == []

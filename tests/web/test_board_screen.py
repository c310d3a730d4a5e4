"""The desk's board form (display mode, screen hours), its screens (connected, away), and the
child form's consent box: driven as a browser would."""

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.db import write_session
from app.models import KioskLink
from app.models.types import utcnow
from tests.support.desk import post_form, submit
from tests.support.school import School

FORM = {"name_display": "first_name", "winner_policy": "most_coins", "exclude_recent_weeks": "2"}


def edit_board(teacher: TestClient, school: School, **fields: object) -> str:
    page = f"/teacher/boards/{school.board}"
    body = {**FORM, "title": "Plein", "group_ids": [str(school.groups["Groep 5"])], **fields}
    return submit(teacher, page, body, page=page)


def test_new_daycare_board_on_the_desk_shows_groups_by_itself(
    teacher: TestClient, school: School
) -> None:
    body = {**FORM, "slug": "peuters", "title": "Peuters", "display_mode": "auto"}
    body["group_ids"] = [str(school.groups["Peuters"])]
    response = post_form(teacher, "/teacher/boards", body, page="/teacher/boards")
    assert response.status_code == 303, response.text
    assert teacher.get("/api/v1/boards/peuters").json()["display_mode"] == "groups"


def test_board_form_sets_mode_and_screen_hours(teacher: TestClient, school: School) -> None:
    shown = edit_board(
        teacher,
        school,
        display_mode="alphabetical",
        hours="set",
        days=["1", "2", "3", "4", "5"],
        start="08:15",
        end="15:30",
    )
    assert shown == "Het bord ‘Plein’ is opgeslagen."
    board = teacher.get(f"/api/v1/boards/{school.board}").json()
    assert board["display_mode"] == "alphabetical"
    assert board["screen_hours"] == {"days": [1, 2, 3, 4, 5], "start": "08:15", "end": "15:30"}
    edit_board(teacher, school, display_mode="alphabetical", hours="always")
    assert teacher.get(f"/api/v1/boards/{school.board}").json()["screen_hours"] is None


def test_board_form_bad_hours_say_so_and_change_nothing(
    teacher: TestClient, school: School
) -> None:
    shown = edit_board(teacher, school, hours="set", days=["1"], start="16:00", end="16:00")
    assert shown == "Controleer wat je invulde bij ‘schermtijden’."
    assert teacher.get(f"/api/v1/boards/{school.board}").json()["screen_hours"] is None


def test_board_page_explains_each_mode_and_links_the_setup_guide(
    teacher: TestClient, school: School
) -> None:
    page = teacher.get(f"/teacher/boards/{school.board}").text
    for hint in (
        "de meeste munten bovenaan",
        "geen eerste en geen laatste plaats",
        "Geen enkel kind",
    ):
        assert hint in page
    assert 'value="auto"' not in page  # an existing board has a mode of its own
    assert "/screen-setup" in page
    assert "<svg" in page
    guide = teacher.get("/screen-setup?lang=en")
    assert guide.status_code == 200
    assert "--kiosk" in guide.text
    assert "Setting up a wall screen" in guide.text


def _seen(app: FastAPI, minutes_ago: float | None, *, revoked: bool = False) -> None:
    seen = None if minutes_ago is None else utcnow() - timedelta(minutes=minutes_ago)
    with write_session(app.state.engine) as session:
        session.exec(
            update(KioskLink).values(last_seen_at=seen, revoked_at=utcnow() if revoked else None)
        )
        session.commit()


def test_board_page_warns_about_a_screen_away_too_long(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    page = f"/teacher/boards/{school.board}"
    assert "screen-away" not in teacher.get(page).text  # never connected: nothing to miss
    _seen(app, 30)
    shown = teacher.get(page).text
    assert "screen-away" in shown
    assert "meer dan 10 minuten weg" in shown
    _seen(app, 5)
    assert "screen-away" not in teacher.get(page).text
    _seen(app, 30, revoked=True)
    assert "screen-away" not in teacher.get(page).text


def test_board_page_warns_only_for_time_within_screen_hours(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    now = utcnow().astimezone(app.state.settings.tz)
    # Hours that ended an hour ago and start again in an hour (past midnight if need be).
    start, end = (
        (now + timedelta(hours=1)).strftime("%H:%M"),
        (now - timedelta(hours=1)).strftime("%H:%M"),
    )
    hours = {"days": [1, 2, 3, 4, 5, 6, 7], "start": start, "end": end}
    assert (
        teacher.patch(f"/api/v1/boards/{school.board}", json={"screen_hours": hours}).status_code
        == 200
    )
    _seen(app, 50)
    assert "screen-away" not in teacher.get(f"/teacher/boards/{school.board}").text


def test_child_form_consent_box(teacher: TestClient, school: School) -> None:
    body = {"first_name": "Mees", "group_id": str(school.groups["Groep 5"])}
    submit(teacher, "/teacher/children", body)
    submit(teacher, "/teacher/children", {**body, "first_name": "Fem", "show_on_board": "true"})
    shown = {c["first_name"]: c["show_on_board"] for c in teacher.get("/api/v1/children").json()}
    assert (shown["Mees"], shown["Fem"]) == (False, True)
    assert "niet op het scherm" in teacher.get("/teacher/roster").text
    sam = school.children["Sam"]
    submit(teacher, f"/teacher/children/{sam}", {**body, "first_name": "Sam", "last_initial": "B"})
    assert teacher.get(f"/api/v1/children/{sam}").json()["show_on_board"] is False


def test_board_without_a_short_name_takes_its_title(teacher: TestClient, school: School) -> None:
    data = {
        "title": "Groep 6b – Speelplaats Één",
        "name_display": "first_name_initial",
        "winner_policy": "most_coins",
        "group_ids": [school.groups["Groep 5"]],
    }
    response = post_form(teacher, "/teacher/boards", data, page="/teacher/boards")
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher/boards/groep-6b-speelplaats-een"

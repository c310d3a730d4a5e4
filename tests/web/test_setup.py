"""Interns, boards with kiosk links, reasons and bikes on the desk, on both databases."""

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.support.desk import post_form, submit
from tests.support.school import LOGGER_PIN, School


def _loggers(client: TestClient) -> dict[str, dict[str, object]]:
    return {row["name"]: row for row in client.get("/api/v1/loggers").json()}


def test_add_an_intern_who_can_sign_in(teacher: TestClient, app: FastAPI) -> None:
    shown = submit(
        teacher, "/teacher/loggers", {"name": "Mo", "pin": "1357924"}, page="/teacher/loggers"
    )
    assert shown == "Mo kan nu aanmelden op de tablet."
    with TestClient(app) as tablet:
        signed_in = tablet.post(
            "/api/v1/session/pin",
            json={"logger_id": _loggers(teacher)["Mo"]["id"], "pin": "1357924"},
        )
    assert signed_in.status_code == 204


def test_short_pin_is_refused_with_a_message(teacher: TestClient) -> None:
    shown = submit(
        teacher, "/teacher/loggers", {"name": "Mo", "pin": "123"}, page="/teacher/loggers"
    )
    assert shown == "Controleer wat je invulde bij ‘pincode’."
    assert "Mo" not in _loggers(teacher)


def test_open_sessions_are_listed_and_can_be_ended(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    page = teacher.get("/teacher/loggers").text
    row = page.split('data-logger="Kas"')[1].split("</tr>")[0]
    assert "aangemeld" in row
    assert "laatst gezien" in row
    shown = submit(
        teacher, f"/teacher/loggers/{school.logger_id}/sign-out", page="/teacher/loggers"
    )
    assert shown == "Overal afgemeld (apparaten: 1)."
    assert logger.get("/api/v1/groups").status_code == 401  # the lost tablet is out at once
    row = teacher.get("/teacher/loggers").text.split('data-logger="Kas"')[1].split("</tr>")[0]
    assert "Nergens aangemeld" in row


def test_new_pin_signs_the_intern_out(
    teacher: TestClient, logger: TestClient, app: FastAPI, school: School
) -> None:
    submit(
        teacher,
        f"/teacher/loggers/{school.logger_id}/pin",
        {"pin": "97531864"},
        page="/teacher/loggers",
    )
    assert logger.get("/api/v1/groups").status_code == 401
    with TestClient(app) as tablet:
        old = tablet.post(
            "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
        )
        new = tablet.post(
            "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": "97531864"}
        )
    assert (old.status_code, new.status_code) == (401, 204)


def test_end_of_internship_deactivates_and_signs_out(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    shown = submit(
        teacher,
        f"/teacher/loggers/{school.logger_id}/active",
        {"active": "false"},
        page="/teacher/loggers",
    )
    assert shown == "De stage van Kas is beëindigd; overal afgemeld."
    assert _loggers(teacher)["Kas"]["active"] is False
    assert logger.get("/api/v1/groups").status_code == 401


def test_create_a_board(teacher: TestClient, school: School) -> None:
    response = post_form(
        teacher,
        "/teacher/boards",
        {
            "slug": "peuters",
            "title": "Peuterplein",
            "group_ids": [str(school.groups["Peuters"])],
            "name_display": "avatar_only",
            "winner_policy": "weighted_draw",
            "exclude_recent_weeks": "1",
        },
        page="/teacher/boards",
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher/boards/peuters"
    board = teacher.get("/api/v1/boards/peuters").json()
    assert board["group_ids"] == [school.groups["Peuters"]]
    assert (board["name_display"], board["winner_policy"]) == ("avatar_only", "weighted_draw")


def test_board_without_groups_is_refused_with_a_message(
    teacher: TestClient, school: School
) -> None:
    shown = submit(
        teacher,
        "/teacher/boards",
        {
            "slug": "leeg",
            "title": "Leeg",
            "name_display": "first_name",
            "winner_policy": "most_coins",
        },
        page="/teacher/boards",
    )
    assert shown == "Controleer wat je invulde bij ‘groepen’."


def test_edit_a_board_and_its_coin_tubes(teacher: TestClient, school: School) -> None:
    page = f"/teacher/boards/{school.board}"
    submit(
        teacher,
        page,
        {
            "title": "Het plein",
            "group_ids": [str(school.groups["Groep 5"])],
            "name_display": "first_name",
            "winner_policy": "most_coins",
            "exclude_recent_weeks": "3",
        },
        page=page,
    )
    board = teacher.get(f"/api/v1/boards/{school.board}").json()
    assert (board["title"], board["group_ids"], board["exclude_recent_weeks"]) == (
        "Het plein",
        [school.groups["Groep 5"]],
        3,
    )
    shown = submit(
        teacher,
        f"{page}/goals",
        {"group_id": [str(school.groups["Groep 5"])], "goal": ["25"]},
        page=page,
    )
    assert shown == "De muntbuizen zijn opgeslagen."
    goals = {g["name"]: g["weekly_goal"] for g in teacher.get("/api/v1/groups").json()}
    assert goals["Groep 5"] == 25


def test_coin_tubes_with_one_bad_goal_save_none(teacher: TestClient, school: School) -> None:
    page = f"/teacher/boards/{school.board}"
    groups = [str(school.groups["Groep 5"]), str(school.groups["Groep 6"])]
    before = {g["name"]: g["weekly_goal"] for g in teacher.get("/api/v1/groups").json()}
    shown = submit(teacher, f"{page}/goals", {"group_id": groups, "goal": ["25", "0"]}, page=page)
    assert shown.startswith("Controleer wat je invulde")
    after = {g["name"]: g["weekly_goal"] for g in teacher.get("/api/v1/groups").json()}
    assert after == before  # the good first goal was not saved on its own either
    shown = submit(teacher, f"{page}/goals", {"group_id": groups, "goal": ["25", "40"]}, page=page)
    assert shown == "De muntbuizen zijn opgeslagen."
    goals = {g["name"]: g["weekly_goal"] for g in teacher.get("/api/v1/groups").json()}
    assert (goals["Groep 5"], goals["Groep 6"]) == (25, 40)


def test_new_kiosk_link_shows_its_url_and_qr_code_once(
    teacher: TestClient, client: TestClient, school: School
) -> None:
    page = f"/teacher/boards/{school.board}"
    response = post_form(teacher, f"{page}/kiosk-links", {"label": "gymzaal"}, page=page)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    url = re.search(r'id="kiosk-url" class="url" value="([^"]+)"', response.text)
    assert url
    assert '<svg width="' in response.text
    assert 'class="segno"' in response.text
    token = url.group(1).split("token=")[1]
    standings = client.get(f"/api/v1/boards/{school.board}/standings", params={"token": token})
    assert standings.status_code == 200
    board_page = teacher.get(page).text
    assert "gymzaal" in board_page
    assert token not in board_page


def test_revoke_a_kiosk_link(teacher: TestClient, client: TestClient, school: School) -> None:
    link = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]
    page = f"/teacher/boards/{school.board}"
    shown = submit(teacher, f"{page}/kiosk-links/{link['id']}/revoke", page=page)
    assert shown == "De kiosklink is ingetrokken."
    standings = client.get(
        f"/api/v1/boards/{school.board}/standings", params={"token": school.kiosk_token}
    )
    assert standings.status_code == 401  # a revoked link is no one at all


def test_edit_and_add_reasons(teacher: TestClient) -> None:
    reason = teacher.get("/api/v1/reasons").json()[0]
    submit(
        teacher,
        f"/teacher/reasons/{reason['slug']}",
        {
            "label_nl": "Goed samenspelen",
            "label_en": "Playing well together",
            "icon": "🤝",
            "context": reason["context"],
            "position": "5",
        },
        page="/teacher/reasons",
    )
    changed = next(r for r in teacher.get("/api/v1/reasons").json() if r["slug"] == reason["slug"])
    assert (changed["label_en"], changed["position"], changed["active"]) == (
        "Playing well together",
        5,
        False,  # the box was not ticked
    )
    shown = submit(
        teacher,
        "/teacher/reasons",
        {
            "slug": "troosten",
            "label_nl": "Iemand troosten",
            "label_en": "Comforting someone",
            "icon": "🫂",
        },
        page="/teacher/reasons",
    )
    assert shown == "De reden ‘Iemand troosten’ is toegevoegd."


def test_add_rename_and_put_away_a_bike(teacher: TestClient, school: School) -> None:
    group = str(school.groups["Peuters"])
    submit(
        teacher,
        "/teacher/bikes",
        {"name": "Groene fiets", "group_id": group},
        page="/teacher/reasons",
    )
    bike = teacher.get("/api/v1/bikes").json()[0]
    shown = submit(
        teacher, f"/teacher/bikes/{bike['id']}", {"name": "Gele fiets"}, page="/teacher/reasons"
    )
    assert shown == "De fiets ‘Gele fiets’ is opgeslagen."
    bike = teacher.get("/api/v1/bikes").json()[0]
    assert (bike["name"], bike["active"]) == ("Gele fiets", False)


def test_trivial_pin_is_refused_on_the_desk_saying_why(teacher: TestClient) -> None:
    shown = submit(
        teacher, "/teacher/loggers", {"name": "Mo", "pin": "123456"}, page="/teacher/loggers"
    )
    assert shown == (
        "Die pincode is te makkelijk: niet steeds hetzelfde cijfer en geen reeks zoals "
        "123456 of 654321."
    )
    assert "Mo" not in _loggers(teacher)


def test_invisible_character_in_a_name_is_refused_on_the_desk(teacher: TestClient) -> None:
    shown = submit(
        teacher, "/teacher/loggers", {"name": "Mo\u202e", "pin": "518273"}, page="/teacher/loggers"
    )
    assert shown.startswith("Daar staat een onzichtbaar teken of stuurteken in.")
    assert "Mo\u202e" not in _loggers(teacher)


def test_add_rename_and_switch_off_a_zone(teacher: TestClient) -> None:
    shown = submit(
        teacher, "/teacher/zones", {"name": "Schommels", "icon": "🪁"}, page="/teacher/reasons"
    )
    assert shown == "Zone Schommels toegevoegd."
    zones = {zone["slug"]: zone for zone in teacher.get("/api/v1/zones").json()}
    assert (zones["schommels"]["icon"], list(zones)[-1]) == ("🪁", "schommels")
    change = {"name": "Grote schommels", "icon": "🪁", "position": "0"}
    shown = submit(teacher, "/teacher/zones/schommels", change, page="/teacher/reasons")
    assert shown == "Zone Grote schommels bewaard."
    zone = next(z for z in teacher.get("/api/v1/zones").json() if z["slug"] == "schommels")
    assert (zone["name"], zone["position"], zone["active"]) == ("Grote schommels", 0, False)


def test_zone_name_without_letters_is_refused_saying_why(teacher: TestClient) -> None:
    shown = submit(teacher, "/teacher/zones", {"name": "!!"}, page="/teacher/reasons")
    assert shown == "Een zonenaam heeft minstens twee letters of cijfers."

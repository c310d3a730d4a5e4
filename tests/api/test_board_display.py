"""What a board shows: display modes, screen hours and the children's consent (show_on_board).

The kiosk link's ``?token=`` standings are what a kiosk receives (app/realtime/protocol.py):
in ``groups`` mode and for a child without consent, no name, avatar or id of the child.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School, coin_body, created

HOURS = {"days": [5, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}


def board_body(slug: str, group_ids: list[int], **extra: Any) -> dict[str, Any]:
    return {"slug": slug, "title": f"Bord {slug}", "group_ids": group_ids, **extra}


def give(logger: TestClient, child_id: int) -> None:
    created(logger.post("/api/v1/coins", json=coin_body(child_id)))


def kiosk_standings(kiosk: TestClient) -> tuple[dict[str, Any], str]:
    response = kiosk.get("/api/v1/boards/plein/standings")
    assert response.status_code == 200, response.text
    return response.json(), response.text


# display_mode


def test_create_board_of_classes_defaults_to_ranking(teacher: TestClient, school: School) -> None:
    board = teacher.get(f"/api/v1/boards/{school.board}").json()
    assert board["display_mode"] == "ranking"


def test_create_board_of_daycare_groups_defaults_to_groups(
    teacher: TestClient, school: School
) -> None:
    body = board_body("peuters", [school.groups["Peuters"]])
    assert created(teacher.post("/api/v1/boards", json=body))["display_mode"] == "groups"
    mixed = board_body("alles", [school.groups["Peuters"], school.groups["Groep 5"]])
    assert created(teacher.post("/api/v1/boards", json=mixed))["display_mode"] == "ranking"


@pytest.mark.parametrize("mode", ["ranking", "alphabetical", "groups"])
def test_create_board_with_a_display_mode(teacher: TestClient, school: School, mode: str) -> None:
    body = board_body("b-" + mode, [school.groups["Groep 5"]], display_mode=mode)
    assert created(teacher.post("/api/v1/boards", json=body))["display_mode"] == mode


@pytest.mark.parametrize("mode", ["podium", "", None, 1, "Groups"])
def test_update_board_unknown_display_mode_is_422(
    teacher: TestClient, school: School, mode: object
) -> None:
    response = teacher.patch(f"/api/v1/boards/{school.board}", json={"display_mode": mode})
    assert response.status_code == 422, response.text
    assert response.json()["code"] in ("invalid", "field_empty")
    assert teacher.get(f"/api/v1/boards/{school.board}").json()["display_mode"] == "ranking"


def test_update_board_display_mode_reaches_the_kiosk(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    changed = teacher.patch(f"/api/v1/boards/{school.board}", json={"display_mode": "groups"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["display_mode"] == "groups"
    assert kiosk_standings(kiosk)[0]["board"]["display_mode"] == "groups"


def test_groups_mode_standings_carry_no_child(
    teacher: TestClient, kiosk: TestClient, logger: TestClient, school: School
) -> None:
    for name in ("Sam", "Zoë", "Noor", "Sam"):
        give(logger, school.children[name])
    teacher.patch(f"/api/v1/boards/{school.board}", json={"display_mode": "groups"})
    board, text = kiosk_standings(kiosk)
    assert board["children"] == []
    for word in ("Sam", "Zo", "Noor", "child_id", "avatar"):
        assert word not in text
    assert {row["group_id"] for row in board["recent"]} == {
        school.groups["Groep 5"],
        school.groups["Groep 6"],
    }
    assert board["recent"][0]["reason"] == "helpen"
    coins = {row["name"]: row["coins"] for row in board["groups"]}
    assert coins == {"Groep 5": 3, "Groep 6": 1}


def test_groups_mode_winner_shows_group_and_reward_not_the_child(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Zoë"], 3)
    drawn(teacher, this_week())
    teacher.patch(f"/api/v1/boards/{school.board}", json={"display_mode": "groups"})
    winner = kiosk_standings(kiosk)[0]["last_winner"]
    assert winner["group"] == "Groep 5"
    assert "reward" in winner
    assert not {"child_id", "name", "avatar"} & winner.keys()


# screen_hours


def test_screen_hours_round_trip_sorted(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    response = teacher.patch(f"/api/v1/boards/{school.board}", json={"screen_hours": HOURS})
    assert response.status_code == 200, response.text
    expected = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "16:00"}
    assert response.json()["screen_hours"] == expected
    assert kiosk_standings(kiosk)[0]["board"]["screen_hours"] == expected
    cleared = teacher.patch(f"/api/v1/boards/{school.board}", json={"screen_hours": None})
    assert cleared.json()["screen_hours"] is None


def test_screen_hours_past_midnight_are_allowed(teacher: TestClient, school: School) -> None:
    hours = {"days": [6], "start": "22:00", "end": "02:00"}
    body = board_body("avond", [school.groups["Groep 5"]], screen_hours=hours)
    assert created(teacher.post("/api/v1/boards", json=body))["screen_hours"] == hours


@pytest.mark.parametrize(
    "hours",
    [
        {"days": [0], "start": "08:00", "end": "16:00"},
        {"days": [8], "start": "08:00", "end": "16:00"},
        {"days": ["1"], "start": "08:00", "end": "16:00"},
        {"days": [], "start": "08:00", "end": "16:00"},
        {"days": [1], "start": "8:00", "end": "16:00"},
        {"days": [1], "start": "24:00", "end": "16:00"},
        {"days": [1], "start": "08:60", "end": "16:00"},
        {"days": [1], "start": "08:00", "end": "08:00"},
        {"days": [1], "start": "08:00"},
        {"days": [1], "start": "08:00", "end": "16:00", "from": "07:00"},
        "08:00-16:00",
        [1, 2],
    ],
)
def test_screen_hours_invalid_are_422_and_change_nothing(
    teacher: TestClient, school: School, hours: object
) -> None:
    response = teacher.patch(f"/api/v1/boards/{school.board}", json={"screen_hours": hours})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid"
    assert "screen_hours" in response.json()["detail"]
    assert teacher.get(f"/api/v1/boards/{school.board}").json()["screen_hours"] is None


# show_on_board (consent)


def test_child_show_on_board_defaults_to_true_and_can_be_set(
    teacher: TestClient, school: School
) -> None:
    child = teacher.get(f"/api/v1/children/{school.children['Sam']}").json()
    assert child["show_on_board"] is True
    body = {"first_name": "Mees", "group_id": school.groups["Groep 5"], "show_on_board": False}
    assert created(teacher.post("/api/v1/children", json=body))["show_on_board"] is False
    changed = teacher.patch(
        f"/api/v1/children/{school.children['Sam']}", json={"show_on_board": False}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["show_on_board"] is False


@pytest.mark.parametrize("value", [None, "false", 0])
def test_child_show_on_board_not_a_boolean_is_422(
    teacher: TestClient, school: School, value: object
) -> None:
    child = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(child, json={"show_on_board": value})
    assert response.status_code == 422, response.text
    assert teacher.get(child).json()["show_on_board"] is True


def test_child_without_consent_is_not_on_the_kiosk_but_counts(
    teacher: TestClient, kiosk: TestClient, logger: TestClient, school: School
) -> None:
    zoe = school.children["Zoë"]
    teacher.patch(f"/api/v1/children/{zoe}", json={"show_on_board": False})
    zoe_avatar = teacher.get(f"/api/v1/children/{zoe}").json()["avatar"]
    give(logger, zoe)
    give(logger, school.children["Sam"])
    board, text = kiosk_standings(kiosk)
    assert zoe not in [row["child_id"] for row in board["children"]]
    assert "Zo" not in text
    assert zoe_avatar not in text
    assert school.children["Sam"] in [row["child_id"] for row in board["children"]]
    anonymous = next(row for row in board["recent"] if "child_id" not in row)
    assert anonymous["group_id"] == school.groups["Groep 5"]
    assert next(g for g in board["groups"] if g["name"] == "Groep 5")["coins"] == 2


@pytest.mark.parametrize("mode", ["ranking", "groups"])
def test_child_without_consent_can_win_and_the_desk_names_them(
    teacher: TestClient, kiosk: TestClient, school: School, mode: str
) -> None:
    zoe = school.children["Zoë"]
    teacher.patch(f"/api/v1/children/{zoe}", json={"show_on_board": False})
    teacher.patch(f"/api/v1/boards/{school.board}", json={"display_mode": mode})
    give_coins(teacher, zoe, 5)
    draw = drawn(teacher, this_week())
    assert draw["winner_child_id"] == zoe
    assert "Zoë" in teacher.get("/api/v1/winners").text
    winner = kiosk_standings(kiosk)[0]["last_winner"]
    assert winner["group"] == "Groep 5"
    assert "Zo" not in str(winner)
    assert "child_id" not in winner


def test_import_csv_consent_column(teacher: TestClient, school: School) -> None:
    raw = "Roepnaam;Achternaam;Groep;Op bord\nMees;Jansen;Groep 5;nee\nFem;Smit;Groep 5;ja\n"
    raw += "Sam;Bakker;Groep 5;nee\nNoor;Kaya;Groep 6;\n"
    response = teacher.post(
        "/api/v1/children/import", files={"file": ("klas.csv", raw.encode(), "text/csv")}
    )
    assert response.status_code == 200, response.text
    shown = {c["first_name"]: c["show_on_board"] for c in teacher.get("/api/v1/children").json()}
    assert (shown["Mees"], shown["Fem"], shown["Sam"], shown["Noor"]) == (False, True, False, True)


def test_import_csv_consent_column_bad_value_is_a_row_problem(teacher: TestClient) -> None:
    raw = "Roepnaam;Groep;Toestemming\nMees;Groep 5;misschien\n"
    response = teacher.post(
        "/api/v1/children/import",
        params={"dry_run": "true"},
        files={"file": ("klas.csv", raw.encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    assert response.json()["problems"] == [
        {"line": 2, "reason": "consent column: write ja or nee", "code": "bad_consent"}
    ]

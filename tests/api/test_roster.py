"""Groups and children: adding, listing, changing, erasing, and who may do it."""

import json
import uuid

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import SQLModel, select

from app.db import read_session, write_session
from app.domain.avatars import parse_avatar
from app.models import BoardEvent, Draw
from tests.support.school import School, coin_body, created

# Groups


def test_create_group_returns_it(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "Groep 7", "kind": "class"})
    assert response.status_code == 201
    group = response.json()
    assert (group["name"], group["kind"], group["weekly_goal"]) == ("Groep 7", "class", None)
    assert isinstance(group["id"], int)


def test_create_group_daycare_kind(teacher: TestClient) -> None:
    group = created(teacher.post("/api/v1/groups", json={"name": "Dreumesen", "kind": "daycare"}))
    assert group["kind"] == "daycare"


def test_create_group_kind_defaults_to_class(teacher: TestClient) -> None:
    assert created(teacher.post("/api/v1/groups", json={"name": "Groep 8"}))["kind"] == "class"


def test_create_group_with_weekly_goal(teacher: TestClient) -> None:
    body = {"name": "Groep 8", "weekly_goal": 40}
    assert created(teacher.post("/api/v1/groups", json=body))["weekly_goal"] == 40


def test_create_group_tidies_spaces_in_the_name(teacher: TestClient) -> None:
    group = created(teacher.post("/api/v1/groups", json={"name": "  Groep   8 "}))
    assert group["name"] == "Groep 8"


def test_list_groups_sorted_by_name(teacher: TestClient, school: School) -> None:
    groups = teacher.get("/api/v1/groups").json()
    assert [group["name"] for group in groups] == ["Groep 5", "Groep 6", "Peuters"]
    assert [group["kind"] for group in groups] == ["class", "class", "daycare"]


def test_create_group_duplicate_name_is_409(teacher: TestClient, school: School) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "Groep 5", "kind": "class"})
    assert response.status_code == 409
    assert "Groep 5" in response.json()["detail"]
    assert len(teacher.get("/api/v1/groups").json()) == 3


def test_create_group_after_a_conflict_still_works(teacher: TestClient, school: School) -> None:
    teacher.post("/api/v1/groups", json={"name": "Groep 5"})
    assert teacher.post("/api/v1/groups", json={"name": "Groep 7"}).status_code == 201


def test_create_group_empty_name_is_422(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "   ", "kind": "class"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("name")


def test_create_group_too_long_name_is_422(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "G" * 41})
    assert response.status_code == 422
    assert "name" in response.json()["detail"]


def test_create_group_unknown_kind_is_422(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "Groep 7", "kind": "school"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("kind")


def test_create_group_goal_of_zero_is_422(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/groups", json={"name": "Groep 7", "weekly_goal": 0})
    assert response.status_code == 422
    assert "weekly_goal" in response.json()["detail"]


def test_update_group_renames_it(teacher: TestClient, school: School) -> None:
    group_id = school.groups["Groep 5"]
    response = teacher.patch(f"/api/v1/groups/{group_id}", json={"name": "Groep 5a"})
    assert response.status_code == 200
    assert response.json()["name"] == "Groep 5a"
    assert "Groep 5a" in [group["name"] for group in teacher.get("/api/v1/groups").json()]


def test_update_group_sets_and_clears_the_weekly_goal(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/groups/{school.groups['Groep 6']}"
    assert teacher.patch(url, json={"weekly_goal": 25}).json()["weekly_goal"] == 25
    assert teacher.patch(url, json={"weekly_goal": None}).json()["weekly_goal"] is None


def test_update_group_changes_only_the_fields_sent(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/groups/{school.groups['Peuters']}"
    group = teacher.patch(url, json={"weekly_goal": 10}).json()
    assert (group["name"], group["kind"]) == ("Peuters", "daycare")


def test_update_group_to_a_taken_name_is_409(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/groups/{school.groups['Groep 6']}"
    response = teacher.patch(url, json={"name": "Groep 5"})
    assert response.status_code == 409
    assert "Groep 5" in response.json()["detail"]
    names = [group["name"] for group in teacher.get("/api/v1/groups").json()]
    assert names == ["Groep 5", "Groep 6", "Peuters"]


def test_update_group_empty_name_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/groups/{school.groups['Groep 6']}"
    response = teacher.patch(url, json={"name": None})
    assert response.status_code == 422
    assert "name" in response.json()["detail"]


def test_update_group_empty_kind_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/groups/{school.groups['Groep 6']}"
    response = teacher.patch(url, json={"kind": None})
    assert response.status_code == 422
    assert "kind" in response.json()["detail"]


def test_update_unknown_group_is_404(teacher: TestClient) -> None:
    response = teacher.patch("/api/v1/groups/99999", json={"name": "Groep 9"})
    assert response.status_code == 404
    assert "99999" in response.json()["detail"]


# Children


def test_create_child_with_chosen_avatar(teacher: TestClient, school: School) -> None:
    body = {
        "first_name": "Mila",
        "last_initial": "S",
        "group_id": school.groups["Groep 6"],
        "avatar": "owl:teal",
    }
    child = created(teacher.post("/api/v1/children", json=body))
    assert child["avatar"] == "owl:teal"
    assert (child["first_name"], child["last_initial"], child["active"]) == ("Mila", "S", True)
    assert child["group_id"] == school.groups["Groep 6"]


def test_create_child_without_avatar_gets_one_unlike_the_groups_others(
    teacher: TestClient, school: School
) -> None:
    group_id = school.groups["Groep 5"]
    child = created(
        teacher.post("/api/v1/children", json={"first_name": "Mila", "group_id": group_id})
    )
    animal, _ = parse_avatar(child["avatar"])
    others = teacher.get("/api/v1/children", params={"group_id": group_id}).json()
    other_animals = {parse_avatar(c["avatar"])[0] for c in others if c["id"] != child["id"]}
    assert animal not in other_animals


def test_create_child_without_initial(teacher: TestClient, school: School) -> None:
    body = {"first_name": "Mila", "group_id": school.groups["Groep 6"]}
    assert created(teacher.post("/api/v1/children", json=body))["last_initial"] is None


def test_create_child_lowercase_initial_is_stored_upper(
    teacher: TestClient, school: School
) -> None:
    body = {"first_name": "Mila", "last_initial": "s", "group_id": school.groups["Groep 6"]}
    assert created(teacher.post("/api/v1/children", json=body))["last_initial"] == "S"


def test_create_child_full_last_name_is_422_and_says_why(
    teacher: TestClient, school: School
) -> None:
    body = {"first_name": "Daniël", "last_initial": "Bakker", "group_id": school.groups["Groep 5"]}
    response = teacher.post("/api/v1/children", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("last_initial")
    assert "single letter" in detail
    assert all(child["first_name"] != "Daniël" for child in teacher.get("/api/v1/children").json())


def test_create_child_initial_without_a_single_capital_is_422(
    teacher: TestClient, school: School
) -> None:
    body = {"first_name": "Mila", "last_initial": "ß", "group_id": school.groups["Groep 5"]}
    response = teacher.post("/api/v1/children", json=body)
    assert response.status_code == 422
    assert "single letter" in response.json()["detail"]


def test_create_child_unknown_avatar_is_422_and_lists_the_choices(
    teacher: TestClient, school: School
) -> None:
    body = {"first_name": "Mila", "group_id": school.groups["Groep 6"], "avatar": "dragon:red"}
    response = teacher.post("/api/v1/children", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "animal:colour" in detail
    assert "fox" in detail


def test_create_child_unknown_group_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.post("/api/v1/children", json={"first_name": "Mila", "group_id": 99999})
    assert response.status_code == 422
    assert "create the group first" in response.json()["detail"]


def test_create_child_without_first_name_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.post("/api/v1/children", json={"group_id": school.groups["Groep 6"]})
    assert response.status_code == 422
    assert response.json()["detail"] == "first_name: is required"


def test_list_children_filters_by_group(teacher: TestClient, school: School) -> None:
    children = teacher.get("/api/v1/children", params={"group_id": school.groups["Peuters"]})
    assert [child["first_name"] for child in children.json()] == ["Finn", "Saar"]


def test_list_children_filters_by_active(teacher: TestClient, school: School) -> None:
    teacher.patch(f"/api/v1/children/{school.children['Noor']}", json={"active": False})
    inactive = teacher.get("/api/v1/children", params={"active": "false"}).json()
    active = teacher.get("/api/v1/children", params={"active": "true"}).json()
    assert [child["first_name"] for child in inactive] == ["Noor"]
    assert "Noor" not in [child["first_name"] for child in active]
    assert len(active) == 4


def test_list_children_without_filters_lists_everyone(teacher: TestClient, school: School) -> None:
    names = {child["first_name"] for child in teacher.get("/api/v1/children").json()}
    assert names == {"Sam", "Zoë", "Noor", "Finn", "Saar"}


def test_update_child_first_name(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    assert teacher.patch(url, json={"first_name": "Samuel"}).json()["first_name"] == "Samuel"
    assert teacher.get(url).json()["first_name"] == "Samuel"


def test_update_child_last_initial(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    assert teacher.patch(url, json={"last_initial": "v"}).json()["last_initial"] == "V"


def test_update_child_clears_last_initial(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    assert teacher.patch(url, json={"last_initial": None}).json()["last_initial"] is None


def test_update_child_moves_them_to_another_group(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"group_id": school.groups["Groep 6"]})
    assert response.json()["group_id"] == school.groups["Groep 6"]
    in_groep_6 = teacher.get("/api/v1/children", params={"group_id": school.groups["Groep 6"]})
    assert {child["first_name"] for child in in_groep_6.json()} == {"Noor", "Sam"}


def test_update_child_avatar(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    assert teacher.patch(url, json={"avatar": "panda:green"}).json()["avatar"] == "panda:green"


def test_update_child_deactivates_and_reactivates(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    assert teacher.patch(url, json={"active": False}).json()["active"] is False
    assert teacher.patch(url, json={"active": True}).json()["active"] is True


def test_update_child_changes_only_the_fields_sent(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Zoë']}"
    before = teacher.get(url).json()
    after = teacher.patch(url, json={"active": False}).json()
    assert {**before, "active": False} == after


def test_update_child_full_last_name_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"last_initial": "Bakker"})
    assert response.status_code == 422
    assert "single letter" in response.json()["detail"]
    assert teacher.get(url).json()["last_initial"] == "B"


def test_update_child_unknown_avatar_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"avatar": "fox:mauve"})
    assert response.status_code == 422
    assert "animal:colour" in response.json()["detail"]


def test_update_child_unknown_group_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"group_id": 99999})
    assert response.status_code == 422
    assert "99999" in response.json()["detail"]
    assert teacher.get(url).json()["group_id"] == school.groups["Groep 5"]


def test_update_child_empty_first_name_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"first_name": None})
    assert response.status_code == 422
    assert "first_name" in response.json()["detail"]


def test_update_child_empty_active_is_422(teacher: TestClient, school: School) -> None:
    url = f"/api/v1/children/{school.children['Sam']}"
    response = teacher.patch(url, json={"active": None})
    assert response.status_code == 422
    assert "active" in response.json()["detail"]


def test_update_unknown_child_is_404(teacher: TestClient) -> None:
    response = teacher.patch("/api/v1/children/99999", json={"first_name": "Mila"})
    assert response.status_code == 404


def test_get_unknown_child_is_404(teacher: TestClient) -> None:
    assert teacher.get("/api/v1/children/99999").status_code == 404


# Erasure


def test_erase_child_removes_them(teacher: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    assert teacher.delete(f"/api/v1/children/{sam}").status_code == 204
    assert teacher.get(f"/api/v1/children/{sam}").status_code == 404
    assert "Sam" not in [child["first_name"] for child in teacher.get("/api/v1/children").json()]


def test_erase_child_removes_their_coins(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam, zoe = school.children["Sam"], school.children["Zoë"]
    logger.post("/api/v1/coins", json=coin_body(sam))
    logger.post("/api/v1/coins", json=coin_body(zoe))
    teacher.delete(f"/api/v1/children/{sam}")
    assert teacher.get("/api/v1/coins", params={"child_id": sam}).json() == []
    assert [coin["child_id"] for coin in teacher.get("/api/v1/coins").json()] == [zoe]


def test_erase_child_late_replay_of_their_coin_is_unknown_child(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    body = coin_body(school.children["Sam"])
    assert logger.post("/api/v1/coins", json=body).status_code == 201
    teacher.delete(f"/api/v1/children/{school.children['Sam']}")
    replay = logger.post("/api/v1/coins", json=body)
    assert replay.status_code == 422
    assert replay.json()["code"] == "unknown_child"


def test_erase_child_leaves_their_coins_off_the_board(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    logger.post("/api/v1/coins", json=coin_body(school.children["Sam"], amount=3))
    teacher.delete(f"/api/v1/children/{school.children['Sam']}")
    standings = teacher.get(f"/api/v1/boards/{school.board}/standings").json()
    assert school.children["Sam"] not in [child["child_id"] for child in standings["children"]]
    assert standings["recent"] == []
    assert sum(group["coins"] for group in standings["groups"]) == 0


def test_erase_child_scrubs_their_name_from_board_events(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    body = coin_body(sam)
    logger.post("/api/v1/coins", json=body)
    logger.post(f"/api/v1/coins/{body['id']}/void")
    logger.post("/api/v1/coins", json=coin_body(school.children["Zoë"]))
    teacher.delete(f"/api/v1/children/{sam}")
    with read_session(app.state.engine) as session:
        events = session.exec(select(BoardEvent).order_by(BoardEvent.seq)).all()
    stored = json.dumps([event.payload for event in events], ensure_ascii=False)
    assert "Sam" not in stored
    assert all(event.child_id != sam for event in events)
    erased = [event for event in events if event.payload.get("erased")]
    assert [event.kind for event in erased] == ["coin", "void"]
    assert "Zoë" in stored  # other children's events are left alone


def test_erase_child_leaves_their_name_nowhere_in_the_database(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    body = {"first_name": "Xandrijn", "last_initial": "Q", "group_id": school.groups["Groep 5"]}
    child_id = created(teacher.post("/api/v1/children", json=body))["id"]
    teacher.patch(f"/api/v1/children/{child_id}", json={"first_name": "Xandrijntje"})
    logger.post("/api/v1/coins", json=coin_body(child_id, amount=2))
    teacher.delete(f"/api/v1/children/{child_id}")
    with read_session(app.state.engine) as session:
        dump = json.dumps(
            {
                table.name: [list(row) for row in session.execute(table.select())]
                for table in SQLModel.metadata.sorted_tables
            },
            default=str,
            ensure_ascii=False,
        )
    assert "Xandrijn" not in dump
    assert "Sam" in dump  # the dump does hold the children who stay


def test_erase_child_scrubs_their_name_from_draws(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    sam, zoe = school.children["Sam"], school.children["Zoë"]
    board_id = teacher.get(f"/api/v1/boards/{school.board}").json()["id"]
    candidates = [
        {"child_id": sam, "name": "Sam B.", "group": "Groep 5", "coins": 4, "tickets": 4},
        {"child_id": zoe, "name": "Zoë D.", "group": "Groep 5", "coins": 2, "tickets": 2},
    ]
    with write_session(app.state.engine) as session:
        for week, winner, name in (("2026-W47", sam, "Sam B."), ("2026-W48", zoe, "Zoë D.")):
            session.add(
                Draw(
                    board_id=board_id,
                    week=week,
                    policy="most_coins",
                    seed="abc",
                    candidates=candidates,
                    excluded_child_ids=[],
                    winner_child_id=winner,
                    winner_name=name,
                    drawn_by="teacher:1",
                )
            )
        session.commit()
    assert teacher.delete(f"/api/v1/children/{sam}").status_code == 204
    with read_session(app.state.engine) as session:
        draws = {draw.week: draw for draw in session.exec(select(Draw)).all()}
    assert draws["2026-W47"].winner_name == "erased"
    assert draws["2026-W48"].winner_name == "Zoë D."
    for draw in draws.values():
        assert [candidate["name"] for candidate in draw.candidates] == ["erased", "Zoë D."]
        assert "Sam" not in json.dumps(draw.candidates)


def test_erase_child_who_rides_a_bike_frees_the_bike(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    bike = created(
        teacher.post(
            "/api/v1/bikes", json={"name": "Rode fiets", "group_id": school.groups["Peuters"]}
        )
    )
    turn = {
        "id": str(uuid.uuid4()),
        "bike_id": bike["id"],
        "from_child_id": finn,
        "to_child_id": saar,
        "went_well": True,
    }
    created(logger.post("/api/v1/bike-turns", json=turn))
    assert teacher.delete(f"/api/v1/children/{saar}").status_code == 204
    bikes = teacher.get("/api/v1/bikes").json()
    assert bikes[0]["rider_child_id"] is None
    assert teacher.get("/api/v1/coins", params={"child_id": saar}).json() == []
    assert len(teacher.get("/api/v1/coins", params={"child_id": finn}).json()) == 1


def test_erase_unknown_child_is_404(teacher: TestClient) -> None:
    assert teacher.delete("/api/v1/children/99999").status_code == 404


# Who may do what


def test_logger_reads_groups_and_children(logger: TestClient, school: School) -> None:
    assert len(logger.get("/api/v1/groups").json()) == 3
    assert len(logger.get("/api/v1/children").json()) == 5
    assert logger.get(f"/api/v1/children/{school.children['Sam']}").status_code == 200


def test_logger_cannot_change_the_roster(logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    responses = [
        logger.post("/api/v1/groups", json={"name": "Groep 7"}),
        logger.patch(f"/api/v1/groups/{school.groups['Groep 5']}", json={"name": "X"}),
        logger.post("/api/v1/children", json={"first_name": "Mila", "group_id": 1}),
        logger.patch(f"/api/v1/children/{sam}", json={"first_name": "X"}),
        logger.delete(f"/api/v1/children/{sam}"),
    ]
    assert [response.status_code for response in responses] == [403] * 5
    assert logger.get(f"/api/v1/children/{sam}").json()["first_name"] == "Sam"


def test_kiosk_cannot_read_the_roster(kiosk: TestClient, school: School) -> None:
    assert kiosk.get("/api/v1/groups").status_code == 403
    assert kiosk.get("/api/v1/children").status_code == 403
    assert kiosk.get(f"/api/v1/children/{school.children['Sam']}").status_code == 403


def test_kiosk_cannot_change_the_roster(kiosk: TestClient, school: School) -> None:
    assert kiosk.post("/api/v1/groups", json={"name": "Groep 7"}).status_code == 403
    assert kiosk.delete(f"/api/v1/children/{school.children['Sam']}").status_code == 403


def test_anonymous_must_sign_in_for_the_roster(client: TestClient, school: School) -> None:
    responses = [
        client.get("/api/v1/groups"),
        client.get("/api/v1/children"),
        client.post("/api/v1/groups", json={"name": "Groep 7"}),
        client.delete(f"/api/v1/children/{school.children['Sam']}"),
    ]
    assert [response.status_code for response in responses] == [401] * 4
    assert all(response.json()["detail"] for response in responses)

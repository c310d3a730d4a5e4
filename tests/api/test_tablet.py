"""The tablet's read endpoints: who is signed in, and a group with its coin counts."""

import pytest
from fastapi.testclient import TestClient

from tests.support.school import School, coin_body, created


def _group(client: TestClient, school: School, name: str = "Groep 5") -> dict:
    response = client.get(f"/api/v1/tablet/groups/{school.groups[name]}")
    assert response.status_code == 200, response.text
    return response.json()


def _child(view: dict, child_id: int) -> dict:
    return next(child for child in view["children"] if child["id"] == child_id)


def test_group_view_lists_children_with_avatars(logger: TestClient, school: School) -> None:
    view = _group(logger, school)
    assert view["group"]["name"] == "Groep 5"
    assert [child["first_name"] for child in view["children"]] == ["Sam", "Zoë"]
    sam = _child(view, school.children["Sam"])
    assert sam["emoji"]
    assert sam["colour"].startswith("#")
    assert (sam["coins_today"], sam["coins_week"], sam["cap_left"]) == (0, 0, 10)
    assert view["daily_cap"] == 10


def test_group_view_counts_todays_coins_and_cap_left(logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    logger.post("/api/v1/coins", json=coin_body(sam, amount=3))
    logger.post("/api/v1/coins", json=coin_body(sam, amount=2))
    child = _child(_group(logger, school), sam)
    assert (child["coins_today"], child["coins_week"], child["cap_left"]) == (5, 5, 5)


def test_group_view_ignores_voided_coins(logger: TestClient, school: School) -> None:
    body = coin_body(school.children["Sam"], amount=2)
    logger.post("/api/v1/coins", json=body)
    logger.post(f"/api/v1/coins/{body['id']}/void")
    assert _child(_group(logger, school), school.children["Sam"])["coins_today"] == 0


def test_group_view_shows_cap_reached(logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    for amount in (3, 3, 3, 1):
        assert logger.post("/api/v1/coins", json=coin_body(sam, amount=amount)).status_code == 201
    assert _child(_group(logger, school), sam)["cap_left"] == 0


def test_group_view_leaves_out_inactive_children(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/children/{school.children['Zoë']}", json={"active": False})
    view = _group(logger, school)
    assert [child["first_name"] for child in view["children"]] == ["Sam"]
    assert school.children["Zoë"] not in view["unseen"]


def test_group_view_lists_unseen_children(logger: TestClient, school: School) -> None:
    assert set(_group(logger, school)["unseen"]) == {school.children["Sam"], school.children["Zoë"]}
    logger.post("/api/v1/coins", json=coin_body(school.children["Sam"]))
    assert _group(logger, school)["unseen"] == [school.children["Zoë"]]


def test_group_view_reasons_follow_the_group_kind(logger: TestClient, school: School) -> None:
    classes = {reason["context"] for reason in _group(logger, school)["reasons"]}
    assert classes == {"recess"}
    daycare = _group(logger, school, "Peuters")["reasons"]
    assert daycare[0]["context"] == "bike"


def test_group_view_unknown_group_is_404(logger: TestClient) -> None:
    response = logger.get("/api/v1/tablet/groups/99999")
    assert response.status_code == 404
    assert "does not exist" in response.json()["detail"]


def test_me_names_the_signed_in_logger(logger: TestClient, school: School) -> None:
    response = logger.get("/api/v1/tablet/me")
    assert response.json() == {"role": "logger", "id": school.logger_id, "name": "Kas"}


def test_me_names_a_teacher(teacher: TestClient) -> None:
    assert teacher.get("/api/v1/tablet/me").json()["name"] == "juf"


@pytest.mark.parametrize("path", ["/api/v1/tablet/me", "/api/v1/tablet/groups/{group}"])
def test_tablet_reads_need_sign_in(client: TestClient, school: School, path: str) -> None:
    response = client.get(path.format(group=school.groups["Groep 5"]))
    assert response.status_code == 401
    assert response.json()["code"] == "not_signed_in"


@pytest.mark.parametrize("path", ["/api/v1/tablet/me", "/api/v1/tablet/groups/{group}"])
def test_tablet_reads_refuse_kiosk(kiosk: TestClient, school: School, path: str) -> None:
    assert kiosk.get(path.format(group=school.groups["Groep 5"])).status_code == 403


def test_group_view_open_to_teacher(teacher: TestClient, school: School) -> None:
    assert _group(teacher, school)["group"]["id"] == school.groups["Groep 5"]


def test_group_view_bad_id_is_422(logger: TestClient) -> None:
    assert logger.get(f"/api/v1/tablet/groups/{10**30}").status_code == 422
    assert logger.get("/api/v1/tablet/groups/vijf").status_code == 422


def test_group_view_counts_the_interns_own_day_in_every_group(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    sam, zoe, noor = (school.children[name] for name in ("Sam", "Zoë", "Noor"))
    for child in (sam, sam, noor):
        logger.post("/api/v1/coins", json=coin_body(child))
    voided = logger.post("/api/v1/coins", json=coin_body(zoe)).json()["id"]
    logger.post(f"/api/v1/coins/{voided}/void")
    teacher.post("/api/v1/coins", json=coin_body(zoe))  # another giver's coin is not hers
    mine = _group(logger, school)["mine_today"]
    assert mine == {"coins": 3, "child_ids": sorted([sam, noor])}
    assert _group(teacher, school)["mine_today"] == {"coins": 1, "child_ids": [zoe]}


def test_group_view_puts_a_long_unseen_list_first(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    assert _group(logger, school)["unseen_first"] is False  # two children: a row will do
    group = school.groups["Groep 6"]
    for n in range(6):
        body = {"first_name": f"Kind{n}", "group_id": group}
        created(teacher.post("/api/v1/children", json=body))
    assert len(_group(logger, school, "Groep 6")["unseen"]) == 7
    assert _group(logger, school, "Groep 6")["unseen_first"] is True
    logger.post("/api/v1/coins", json=coin_body(school.children["Noor"]))
    assert _group(logger, school, "Groep 6")["unseen_first"] is False

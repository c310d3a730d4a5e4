"""Boards, their kiosk links, and the standings a kiosk shows."""

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import read_session
from app.main import create_app
from tests.conftest import make_settings
from tests.support.school import School, coin_body, created, sign_in_teacher

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def board_body(slug: str, group_ids: list[int], **extra: Any) -> dict[str, Any]:
    return {"slug": slug, "title": f"Bord {slug}", "group_ids": group_ids, **extra}


def standings(client: TestClient, board: str = "plein", **params: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/boards/{board}/standings", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def give(logger: TestClient, child_id: int, amount: int = 1, **extra: Any) -> dict[str, Any]:
    return created(logger.post("/api/v1/coins", json=coin_body(child_id, amount=amount, **extra)))


def week_of(moment: datetime) -> str:
    year, week, _ = moment.astimezone(AMSTERDAM).isocalendar()
    return f"{year}-W{week:02d}"


def kiosk_rows(app: FastAPI) -> list[dict[str, Any]]:
    with read_session(app.state.engine) as session:
        return [dict(row._mapping) for row in session.execute(text("SELECT * FROM kiosk_link"))]


# Boards


def test_create_board_returns_it(teacher: TestClient, school: School) -> None:
    body = board_body(
        "kleuters",
        [school.groups["Groep 6"], school.groups["Groep 5"]],
        name_display="avatar_only",
        winner_policy="weighted_draw",
        exclude_recent_weeks=4,
    )
    board = created(teacher.post("/api/v1/boards", json=body))
    assert board["slug"] == "kleuters"
    assert board["title"] == "Bord kleuters"
    assert board["group_ids"] == sorted([school.groups["Groep 5"], school.groups["Groep 6"]])
    assert (board["name_display"], board["winner_policy"]) == ("avatar_only", "weighted_draw")
    assert board["exclude_recent_weeks"] == 4


def test_create_board_defaults(teacher: TestClient, school: School) -> None:
    board = created(
        teacher.post("/api/v1/boards", json=board_body("peuters", [school.groups["Peuters"]]))
    )
    assert (board["name_display"], board["winner_policy"]) == ("first_name", "most_coins")
    assert board["exclude_recent_weeks"] == 2


def test_list_boards_sorted_by_title(teacher: TestClient, school: School) -> None:
    created(teacher.post("/api/v1/boards", json=board_body("peuters", [school.groups["Peuters"]])))
    boards = teacher.get("/api/v1/boards").json()
    assert [board["title"] for board in boards] == ["Bord peuters", "Schoolplein"]


def test_get_board_by_slug(teacher: TestClient, school: School) -> None:
    board = teacher.get(f"/api/v1/boards/{school.board}").json()
    assert board["title"] == "Schoolplein"
    assert board["group_ids"] == sorted([school.groups["Groep 5"], school.groups["Groep 6"]])
    assert board["name_display"] == "first_name_initial"


def test_get_unknown_board_is_404(teacher: TestClient) -> None:
    response = teacher.get("/api/v1/boards/nergens")
    assert response.status_code == 404
    assert "nergens" in response.json()["detail"]


def test_update_board_changes_title_and_groups(teacher: TestClient, school: School) -> None:
    response = teacher.patch(
        f"/api/v1/boards/{school.board}",
        json={"title": "Het plein", "group_ids": [school.groups["Groep 6"]]},
    )
    assert response.status_code == 200
    board = teacher.get(f"/api/v1/boards/{school.board}").json()
    assert (board["title"], board["group_ids"]) == ("Het plein", [school.groups["Groep 6"]])
    names = {child["name"] for child in standings(teacher)["children"]}
    assert names == {"Noor K."}


def test_update_board_changes_only_the_fields_sent(teacher: TestClient, school: School) -> None:
    before = teacher.get(f"/api/v1/boards/{school.board}").json()
    after = teacher.patch(f"/api/v1/boards/{school.board}", json={"exclude_recent_weeks": 0})
    assert after.json() == {**before, "exclude_recent_weeks": 0}


def test_update_board_records_a_board_event(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/boards/{school.board}", json={"title": "Het plein"})
    with read_session(app.state.engine) as session:
        kind, payload = session.execute(
            text("SELECT kind, payload FROM board_event ORDER BY seq DESC LIMIT 1")
        ).one()
    assert kind == "board"
    payload = json.loads(payload) if isinstance(payload, str) else payload
    assert payload == {"board": school.board}


def test_update_board_setting_emptied_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.patch(f"/api/v1/boards/{school.board}", json={"name_display": None})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_update_unknown_board_is_404(teacher: TestClient) -> None:
    assert teacher.patch("/api/v1/boards/nergens", json={"title": "x"}).status_code == 404


def test_create_board_unknown_group_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.post(
        "/api/v1/boards", json=board_body("ander", [school.groups["Groep 5"], 99999])
    )
    assert response.status_code == 422
    assert "99999" in response.json()["detail"]
    assert len(teacher.get("/api/v1/boards").json()) == 1


def test_update_board_unknown_group_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.patch(f"/api/v1/boards/{school.board}", json={"group_ids": [99999]})
    assert response.status_code == 422
    assert "99999" in response.json()["detail"]
    assert len(teacher.get(f"/api/v1/boards/{school.board}").json()["group_ids"]) == 2


def test_create_board_duplicate_slug_is_409(teacher: TestClient, school: School) -> None:
    response = teacher.post(
        "/api/v1/boards", json=board_body(school.board, [school.groups["Peuters"]])
    )
    assert response.status_code == 409
    assert school.board in response.json()["detail"]
    assert teacher.get(f"/api/v1/boards/{school.board}").json()["title"] == "Schoolplein"


@pytest.mark.parametrize("slug", ["Plein", "p", "plein plein", "-plein", "plein/x", "x" * 41, ""])
def test_create_board_bad_slug_is_422(teacher: TestClient, school: School, slug: str) -> None:
    response = teacher.post("/api/v1/boards", json=board_body(slug, [school.groups["Groep 5"]]))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("slug")


def test_create_board_without_groups_is_422(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/boards", json=board_body("leeg", []))
    assert response.status_code == 422
    assert "group_ids" in response.json()["detail"]


def test_create_board_unknown_name_display_is_422(teacher: TestClient, school: School) -> None:
    body = board_body("ander", [school.groups["Groep 5"]], name_display="full_name")
    response = teacher.post("/api/v1/boards", json=body)
    assert response.status_code == 422
    assert "name_display" in response.json()["detail"]


def test_boards_are_for_teachers(logger: TestClient, kiosk: TestClient, school: School) -> None:
    body = board_body("ander", [school.groups["Groep 5"]])
    for client in (logger, kiosk):
        assert client.get("/api/v1/boards").status_code == 403
        assert client.get(f"/api/v1/boards/{school.board}").status_code == 403
        assert client.post("/api/v1/boards", json=body).status_code == 403
        assert (
            client.patch(f"/api/v1/boards/{school.board}", json={"title": "x"}).status_code == 403
        )


def test_boards_need_sign_in(client: TestClient, school: School) -> None:
    assert client.get("/api/v1/boards").status_code == 401
    assert client.post(f"/api/v1/boards/{school.board}/kiosk-links").status_code == 401


# Kiosk links


def test_create_kiosk_link_returns_a_long_random_token(teacher: TestClient, school: School) -> None:
    link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    token = link["token"]
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    other = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))["token"]
    assert other != token


def test_create_kiosk_link_url_opens_the_kiosk_page(teacher: TestClient, school: School) -> None:
    link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    assert link["url"].startswith("http")
    assert link["url"].endswith(f"/kiosk/{school.board}?token={link['token']}")


def test_create_kiosk_link_url_uses_the_public_address_when_set(
    tmp_path: Path, database_url: str, school: School
) -> None:
    settings = make_settings(
        tmp_path / "public", database_url, base_url="https://pleinmunt.school.example/"
    )
    application = create_app(settings)
    try:
        with sign_in_teacher(application, settings) as teacher:
            link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    finally:
        application.state.engine.dispose()
    assert link["url"] == (
        f"https://pleinmunt.school.example/kiosk/{school.board}?token={link['token']}"
    )


def test_create_kiosk_link_with_a_label(teacher: TestClient, school: School) -> None:
    link = created(
        teacher.post(f"/api/v1/boards/{school.board}/kiosk-links", json={"label": "Hal"})
    )
    listed = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()
    assert {item["id"]: item["label"] for item in listed}[link["id"]] == "Hal"


def test_create_kiosk_link_for_unknown_board_is_404(teacher: TestClient) -> None:
    assert teacher.post("/api/v1/boards/nergens/kiosk-links").status_code == 404


def test_new_kiosk_link_opens_the_board(
    client: TestClient, teacher: TestClient, school: School
) -> None:
    token = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))["token"]
    response = client.get(f"/api/v1/boards/{school.board}/standings", params={"token": token})
    assert response.status_code == 200


def test_list_kiosk_links_never_shows_the_token(teacher: TestClient, school: School) -> None:
    link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    response = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links")
    assert response.status_code == 200
    listed = response.json()
    assert [item["id"] for item in listed][-1] == link["id"]
    assert len(listed) == 2  # the school's own link and this one
    assert link["token"] not in response.text
    assert school.kiosk_token not in response.text
    assert all("token" not in key for item in listed for key in item)
    assert all(item["board"] == school.board and item["revoked_at"] is None for item in listed)


def test_kiosk_link_is_stored_only_as_its_sha256(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    rows = kiosk_rows(app)
    row = next(row for row in rows if row["id"] == link["id"])
    assert row["token_hash"] == hashlib.sha256(link["token"].encode()).hexdigest()
    assert link["token"] not in json.dumps(rows, default=str)
    assert school.kiosk_token not in json.dumps(rows, default=str)


def test_revoke_kiosk_link_stops_the_token(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    link_id = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["id"]
    assert kiosk.get(f"/api/v1/boards/{school.board}/standings").status_code == 200
    response = teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/{link_id}")
    assert response.status_code == 204
    after = kiosk.get(f"/api/v1/boards/{school.board}/standings")
    assert after.status_code == 401
    assert after.json()["detail"]


def test_revoke_kiosk_link_shows_when_in_the_list(teacher: TestClient, school: School) -> None:
    link_id = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["id"]
    teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/{link_id}")
    listed = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()
    assert listed[0]["revoked_at"] is not None


def test_revoke_kiosk_link_twice_is_fine(teacher: TestClient, school: School) -> None:
    link_id = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["id"]
    url = f"/api/v1/boards/{school.board}/kiosk-links/{link_id}"
    assert teacher.delete(url).status_code == 204
    first = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["revoked_at"]
    assert teacher.delete(url).status_code == 204
    again = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()[0]["revoked_at"]
    assert again == first


def test_revoke_kiosk_link_leaves_other_links_working(
    client: TestClient, teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    other = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/{other['id']}")
    assert kiosk.get(f"/api/v1/boards/{school.board}/standings").status_code == 200


def test_revoke_another_boards_kiosk_link_is_404(
    client: TestClient, teacher: TestClient, school: School
) -> None:
    created(teacher.post("/api/v1/boards", json=board_body("peuters", [school.groups["Peuters"]])))
    other = created(teacher.post("/api/v1/boards/peuters/kiosk-links"))
    response = teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/{other['id']}")
    assert response.status_code == 404
    opened = client.get("/api/v1/boards/peuters/standings", params={"token": other["token"]})
    assert opened.status_code == 200


def test_revoke_unknown_kiosk_link_is_404(teacher: TestClient, school: School) -> None:
    response = teacher.delete(f"/api/v1/boards/{school.board}/kiosk-links/99999")
    assert response.status_code == 404


def test_kiosk_links_are_for_teachers(
    logger: TestClient, kiosk: TestClient, school: School
) -> None:
    for client in (logger, kiosk):
        assert client.post(f"/api/v1/boards/{school.board}/kiosk-links").status_code == 403
        assert client.get(f"/api/v1/boards/{school.board}/kiosk-links").status_code == 403
        assert client.delete(f"/api/v1/boards/{school.board}/kiosk-links/1").status_code == 403


# Standings


def test_standings_sorted_by_coins_then_name(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    give(logger, school.children["Zoë"])
    give(logger, school.children["Noor"], amount=3)
    give(logger, school.children["Sam"])
    board = standings(teacher)
    assert [(child["name"], child["coins"]) for child in board["children"]] == [
        ("Noor K.", 3),
        ("Sam B.", 1),
        ("Zoë D.", 1),
    ]


def test_standings_list_children_without_coins_last(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    give(logger, school.children["Zoë"])
    board = standings(teacher)
    assert [(child["name"], child["coins"]) for child in board["children"]] == [
        ("Zoë D.", 1),
        ("Noor K.", 0),
        ("Sam B.", 0),
    ]


def test_standings_children_carry_avatar_and_group(teacher: TestClient, school: School) -> None:
    sam = teacher.get(f"/api/v1/children/{school.children['Sam']}").json()
    child = next(
        child for child in standings(teacher)["children"] if child["child_id"] == sam["id"]
    )
    assert (child["avatar"], child["group"]) == (sam["avatar"], "Groep 5")


def test_standings_recent_coins_newest_first_and_at_most_twelve(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    given = [
        give(logger, school.children[name], amount=amount)
        for name, amounts in (("Sam", (3, 3, 3, 1)), ("Zoë", (1, 1, 1, 1)), ("Noor", (1,) * 5))
        for amount in amounts
    ]
    recent = standings(teacher)["recent"]
    assert [coin["coin_id"] for coin in recent] == [coin["id"] for coin in given[::-1][:12]]
    assert (recent[0]["reason"], recent[0]["amount"]) == ("helpen", 1)
    assert recent[0]["icon"]


def test_standings_show_only_the_boards_groups(teacher: TestClient, school: School) -> None:
    ids = {child["child_id"] for child in standings(teacher)["children"]}
    assert ids == {school.children[name] for name in ("Sam", "Zoë", "Noor")}


@pytest.mark.parametrize(
    ("display", "names"),
    [
        ("first_name", ["Noor", "Sam", "Zoë"]),
        ("first_name_initial", ["Noor K.", "Sam B.", "Zoë D."]),
        ("avatar_only", [None, None, None]),
    ],
)
def test_standings_mask_names_per_board_setting(
    teacher: TestClient,
    kiosk: TestClient,
    logger: TestClient,
    school: School,
    display: str,
    names: list[str | None],
) -> None:
    give(logger, school.children["Sam"])
    teacher.patch(f"/api/v1/boards/{school.board}", json={"name_display": display})
    board = standings(kiosk)
    assert board["board"]["name_display"] == display
    by_id = {child["child_id"]: child.get("name") for child in board["children"]}
    expected = dict(zip([school.children[n] for n in ("Noor", "Sam", "Zoë")], names, strict=True))
    assert by_id == expected
    assert board["recent"][0].get("name") == expected[school.children["Sam"]]


def test_standings_avatar_only_carry_no_name_anywhere(
    kiosk: TestClient, teacher: TestClient, logger: TestClient, school: School
) -> None:
    for name in ("Sam", "Zoë", "Noor"):
        give(logger, school.children[name])
    teacher.patch(f"/api/v1/boards/{school.board}", json={"name_display": "avatar_only"})
    response = kiosk.get(f"/api/v1/boards/{school.board}/standings")
    board = response.json()
    assert all("name" not in child for child in board["children"])
    assert all("name" not in coin for coin in board["recent"])
    assert len(board["recent"]) == 3
    for name in ("Sam", "Zo", "Noor", "\\u00eb"):
        assert name not in response.text


def test_standings_avatar_only_order_does_not_follow_names(
    teacher: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/boards/{school.board}", json={"name_display": "avatar_only"})
    ids = [child["child_id"] for child in standings(teacher)["children"]]
    assert ids == sorted(ids)


def test_standings_voided_coins_do_not_count(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    kept = give(logger, sam, amount=2)
    undone = give(logger, sam, amount=3)
    logger.post(f"/api/v1/coins/{undone['id']}/void")
    board = standings(teacher)
    assert {c["child_id"]: c["coins"] for c in board["children"]}[sam] == 2
    assert [coin["coin_id"] for coin in board["recent"]] == [kept["id"]]
    groep_5 = next(group for group in board["groups"] if group["name"] == "Groep 5")
    assert groep_5["coins"] == 2


def test_standings_leave_out_inactive_children(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    zoe = school.children["Zoë"]
    give(logger, zoe, amount=3)
    give(logger, school.children["Sam"])
    teacher.patch(f"/api/v1/children/{zoe}", json={"active": False})
    board = standings(teacher)
    assert zoe not in [child["child_id"] for child in board["children"]]
    assert all(coin["child_id"] != zoe for coin in board["recent"])
    groep_5 = next(group for group in board["groups"] if group["name"] == "Groep 5")
    assert groep_5["coins"] == 1


def test_standings_default_to_this_week(teacher: TestClient, school: School) -> None:
    assert standings(teacher)["week"] == week_of(datetime.now(UTC))


def test_standings_of_another_week(teacher: TestClient, logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    tapped = datetime.now(UTC) - timedelta(days=8)
    give(logger, sam, amount=2, awarded_at=tapped.isoformat())
    give(logger, school.children["Noor"])
    earlier = standings(teacher, week=week_of(tapped))
    assert earlier["week"] == week_of(tapped)
    assert {c["child_id"]: c["coins"] for c in earlier["children"]} == {
        sam: 2,
        school.children["Zoë"]: 0,
        school.children["Noor"]: 0,
    }
    now = standings(teacher)
    assert {c["child_id"]: c["coins"] for c in now["children"]}[sam] == 0


@pytest.mark.parametrize("week", ["2026-W54", "2026-48", "2021-W53", "2026-W48\n", "volgende"])
def test_standings_bad_week_is_422(teacher: TestClient, school: School, week: str) -> None:
    response = teacher.get(f"/api/v1/boards/{school.board}/standings", params={"week": week})
    assert response.status_code == 422
    assert "2026-W48" in response.json()["detail"] or "does not exist" in response.json()["detail"]


def test_standings_seq_is_the_latest_board_event(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    give(logger, school.children["Sam"])
    give(logger, school.children["Finn"], reason="fiets-wisselen")  # not on this board
    with read_session(app.state.engine) as session:
        latest = session.execute(text("SELECT MAX(seq) FROM board_event")).scalar_one()
    assert latest > 0
    assert standings(teacher)["seq"] == latest


def test_standings_groups_carry_goal_and_coins(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/groups/{school.groups['Groep 5']}", json={"weekly_goal": 20})
    give(logger, school.children["Sam"], amount=2)
    give(logger, school.children["Zoë"], amount=3)
    give(logger, school.children["Noor"])
    assert standings(teacher)["groups"] == [
        {"group_id": school.groups["Groep 5"], "name": "Groep 5", "coins": 5, "goal": 20},
        {"group_id": school.groups["Groep 6"], "name": "Groep 6", "coins": 1, "goal": None},
    ]


def test_standings_say_which_board(teacher: TestClient, school: School) -> None:
    assert standings(teacher)["board"] == {
        "slug": school.board,
        "title": "Schoolplein",
        "name_display": "first_name_initial",
        "display_mode": "ranking",
        "screen_hours": None,
        "timezone": "Europe/Amsterdam",
    }
    assert standings(teacher)["last_winner"] is None


def test_standings_kiosk_link_of_one_board_is_403_on_another(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    created(teacher.post("/api/v1/boards", json=board_body("peuters", [school.groups["Peuters"]])))
    response = kiosk.get("/api/v1/boards/peuters/standings")
    assert response.status_code == 403
    assert "Finn" not in response.text


def test_standings_kiosk_link_on_unknown_board_is_403(kiosk: TestClient) -> None:
    assert kiosk.get("/api/v1/boards/nergens/standings").status_code == 403


def test_standings_unknown_token_is_401(client: TestClient, school: School) -> None:
    response = client.get(f"/api/v1/boards/{school.board}/standings", params={"token": "x" * 43})
    assert response.status_code == 401


def test_standings_teacher_sees_every_board(teacher: TestClient, school: School) -> None:
    body = board_body("peuters", [school.groups["Peuters"]], display_mode="alphabetical")
    created(teacher.post("/api/v1/boards", json=body))
    names = {child["name"] for child in standings(teacher, "peuters")["children"]}
    assert names == {"Finn", "Saar"}
    assert len(standings(teacher)["children"]) == 3


def test_standings_unknown_board_for_teacher_is_404(teacher: TestClient) -> None:
    assert teacher.get("/api/v1/boards/nergens/standings").status_code == 404


def test_standings_are_not_for_loggers(logger: TestClient, school: School) -> None:
    response = logger.get(f"/api/v1/boards/{school.board}/standings")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_standings_need_sign_in_or_a_kiosk_link(client: TestClient, school: School) -> None:
    assert client.get(f"/api/v1/boards/{school.board}/standings").status_code == 401

"""The school's own zones: set on the desk's API, offered to the tablet, counted by the tally."""

import uuid

from fastapi.testclient import TestClient

from tests.support.school import School, created


def _tap(client: TestClient, zone: str):  # type: ignore[no-untyped-def]
    body = {"id": str(uuid.uuid4()), "zone": zone, "recess": "morning"}
    return client.post("/api/v1/tallies", json=body)


def test_a_new_school_starts_with_the_usual_zones(logger: TestClient) -> None:
    zones = logger.get("/api/v1/zones").json()
    assert [zone["slug"] for zone in zones] == ["plein", "voetbal", "klimrek", "zandbak", "fietsen"]
    assert zones[1]["name"] == "Voetbalveld"


def test_add_zone_makes_its_slug_from_the_name(teacher: TestClient) -> None:
    zone = created(teacher.post("/api/v1/zones", json={"name": "Achter de gymzaal", "icon": "🏃"}))
    assert (zone["slug"], zone["name"], zone["active"]) == (
        "achter-de-gymzaal",
        "Achter de gymzaal",
        True,
    )


def test_tally_counts_in_a_zone_the_school_added(teacher: TestClient, logger: TestClient) -> None:
    created(teacher.post("/api/v1/zones", json={"name": "Schommels"}))
    assert _tap(logger, "schommels").status_code == 201
    tallies = logger.get("/api/v1/tallies").json()
    assert [(row["zone"], row["conflicts"]) for row in tallies["tallies"]] == [("schommels", 1)]
    assert "schommels" in [zone["slug"] for zone in tallies["zones"]]


def test_renamed_zone_keeps_its_slug_and_its_tallies(
    teacher: TestClient, logger: TestClient
) -> None:
    _tap(logger, "voetbal")
    renamed = teacher.patch("/api/v1/zones/voetbal", json={"name": "Kunstgrasveld", "icon": "🥅"})
    assert (renamed.json()["slug"], renamed.json()["name"]) == ("voetbal", "Kunstgrasveld")
    assert _tap(logger, "voetbal").json()["conflicts"] == 2


def test_switched_off_zone_leaves_the_tablet_but_takes_a_late_tally(
    teacher: TestClient, logger: TestClient
) -> None:
    assert teacher.patch("/api/v1/zones/fietsen", json={"active": False}).status_code == 200
    offered = [zone["slug"] for zone in logger.get("/api/v1/tallies").json()["zones"]]
    assert "fietsen" not in offered
    assert "fietsen" not in [z["slug"] for z in logger.get("/api/v1/zones?active=true").json()]
    assert _tap(logger, "fietsen").status_code == 201  # waited in an outbox since this morning


def test_tally_in_an_unknown_zone_is_422(logger: TestClient) -> None:
    response = _tap(logger, "dak")
    assert (response.status_code, response.json()["code"]) == (422, "unknown_zone")


def test_zone_name_taken_is_409(teacher: TestClient) -> None:
    response = teacher.post("/api/v1/zones", json={"name": "Zandbak"})
    assert (response.status_code, response.json()["code"]) == (409, "zone_exists")


def test_zone_bad_input_is_422(teacher: TestClient) -> None:
    for body in ({"name": "!"}, {"name": ""}, {"name": "x" * 41}, {"name": 3}, {}):
        assert teacher.post("/api/v1/zones", json=body).status_code == 422, body
    assert teacher.patch("/api/v1/zones/plein", json={"name": None}).status_code == 422
    assert teacher.patch("/api/v1/zones/plein", json={"active": "no"}).status_code == 422


def test_unknown_zone_patch_is_404(teacher: TestClient) -> None:
    response = teacher.patch("/api/v1/zones/dak", json={"name": "Dak"})
    assert (response.status_code, response.json()["code"]) == (404, "zone_not_found")


def test_zones_are_set_by_teachers_only(
    logger: TestClient, kiosk: TestClient, school: School
) -> None:
    assert logger.post("/api/v1/zones", json={"name": "Schommels"}).status_code == 403
    assert logger.patch("/api/v1/zones/plein", json={"name": "Plein"}).status_code == 403
    assert kiosk.get("/api/v1/zones").status_code == 403

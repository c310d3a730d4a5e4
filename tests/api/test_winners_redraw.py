"""Redrawing a week (audited, the earlier draw kept) and verifying a stored draw."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import write_session
from app.models import Draw
from tests.api.winners_support import (
    audit_entries,
    draw,
    drawn,
    draws_in_db,
    events,
    give_coins,
    this_week,
)
from tests.support.school import School


def _two_children_with_coins(logger: TestClient, school: School) -> None:
    give_coins(logger, school.children["Sam"], 2)
    give_coins(logger, school.children["Zoë"], 2)


def test_redraw_with_reason_keeps_the_earlier_draw(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    first = drawn(teacher, this_week())
    second = drawn(teacher, this_week(), redraw_reason="Sam was de hele week ziek")
    assert second["id"] != first["id"]
    assert second["redraw_reason"] == "Sam was de hele week ziek"
    assert second["seed"] != first["seed"]
    history = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/draws").json()
    assert [row["id"] for row in history] == [first["id"], second["id"]]
    assert history[0]["superseded_at"] is not None
    assert history[1]["superseded_at"] is None
    current = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner").json()
    assert current["id"] == second["id"]
    assert len(events(app, "winner")) == 2


def test_redraw_is_audited_without_the_free_text(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    first = drawn(teacher, this_week())
    second = drawn(teacher, this_week(), redraw_reason="Zoë is verhuisd")
    [entry] = audit_entries(app, "winner.redraw")
    assert entry.subject == f"draw:{second['id']}"
    assert entry.detail["superseded_draw_id"] == first["id"]
    assert entry.actor.startswith("teacher:")
    assert "Zoë" not in str(entry.detail)
    assert len(audit_entries(app, "winner.draw")) == 1


def test_redraw_without_an_earlier_draw_is_422(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    response = draw(teacher, this_week(), redraw_reason="per ongeluk")
    assert response.status_code == 422
    assert "nothing to redraw" in response.json()["detail"]


def test_redraw_reason_must_say_something(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    drawn(teacher, this_week())
    for reason in ("", "  ", "x" * 501):
        assert draw(teacher, this_week(), redraw_reason=reason).status_code == 422


def test_redraw_that_fails_keeps_the_current_draw(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Sam"], 1)
    first = drawn(teacher, this_week())
    coin = teacher.get("/api/v1/coins", params={"week": this_week()}).json()[0]
    teacher.post(f"/api/v1/coins/{coin['id']}/void")
    response = draw(teacher, this_week(), redraw_reason="munt was een vergissing")
    assert response.status_code == 422
    assert [(row.id, row.superseded_at) for row in draws_in_db(app)] == [(first["id"], None)]


def test_verify_rerun_matches_the_stored_draw(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    stored = drawn(teacher, this_week())
    result = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner/verify").json()
    assert result["matches"] is True
    assert result["ledger_unchanged"] is True
    assert result["draw_id"] == stored["id"]
    assert result["recomputed_winner_child_id"] == stored["winner_child_id"]
    assert result["total_tickets"] == 2  # a tie: one ticket each
    assert result["pick"] in (0, 1)
    assert "sha256" in result["algorithm"]


def test_verify_notices_a_changed_stored_draw(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    stored = drawn(teacher, this_week())
    loser = next(
        c["child_id"] for c in stored["candidates"] if c["child_id"] != stored["winner_child_id"]
    )
    with write_session(app.state.engine) as session:
        row = session.exec(select(Draw)).one()
        row.winner_child_id = loser  # someone "fixed" the winner by hand
        session.add(row)
        session.commit()
    result = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner/verify").json()
    assert result["matches"] is False
    assert result["recomputed_winner_child_id"] == stored["winner_child_id"]


def test_verify_says_when_the_ledger_changed_since_the_draw(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    drawn(teacher, this_week())
    give_coins(logger, school.children["Noor"], 1)  # a late offline coin
    result = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner/verify").json()
    assert (result["matches"], result["ledger_unchanged"]) == (True, False)


def test_verify_an_earlier_draw_by_id(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    _two_children_with_coins(logger, school)
    first = drawn(teacher, this_week())
    drawn(teacher, this_week(), redraw_reason="opnieuw, graag")
    url = f"/api/v1/boards/plein/weeks/{this_week()}/winner/verify"
    result = teacher.get(url, params={"draw_id": first["id"]}).json()
    assert (result["draw_id"], result["matches"]) == (first["id"], True)
    assert teacher.get(url, params={"draw_id": 999}).status_code == 404


def test_verify_without_a_draw_is_404(teacher: TestClient, school: School) -> None:
    response = teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner/verify")
    assert response.status_code == 404
    assert "no winner yet" in response.json()["detail"]

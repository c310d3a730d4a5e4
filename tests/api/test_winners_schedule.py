"""The automatic draw (PLEINMUNT_DRAW_AT) and the batch behind `pleinmunt draw`."""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.domain.actors import SYSTEM_CLI, SYSTEM_SCHEDULE
from app.domain.errors import Invalid, NotFound
from app.main import create_app
from app.services.winners.scheduler import draw_missing
from tests.api.winners_support import drawn, draws_in_db, events, give_coins, this_week
from tests.conftest import make_settings
from tests.support.school import School, created


def _peuters_board(teacher: TestClient, school: School) -> None:
    body = {"slug": "peuters", "title": "Peuters", "group_ids": [school.groups["Peuters"]]}
    created(teacher.post("/api/v1/boards", json=body))


def _wait_for(found: Callable[[], Any], seconds: float = 10) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := found():
            return result
        time.sleep(0.05)
    raise AssertionError("the automatic draw did not happen in time")


def test_automatic_draw_draws_every_board_without_a_winner(
    app: FastAPI,
    teacher: TestClient,
    logger: TestClient,
    school: School,
    tmp_path: Path,
    database_url: str,
) -> None:
    _peuters_board(teacher, school)
    give_coins(logger, school.children["Finn"], 2)
    give_coins(logger, school.children["Noor"], 3)
    teacher_draw = drawn(teacher, this_week(), board="peuters")
    # "mon 00:00" has always passed: this week is due as soon as the app starts.
    scheduled = create_app(make_settings(tmp_path, database_url, draw_at="mon 00:00"))
    with TestClient(scheduled):
        # Boards are drawn in slug order: once "plein" is drawn, "peuters" was looked at.
        plein = _wait_for(lambda: [d for d in draws_in_db(app) if d.drawn_by == "system:schedule"])
    scheduled.state.engine.dispose()
    assert [(d.week, d.winner_child_id) for d in plein] == [(this_week(), school.children["Noor"])]
    assert [d.id for d in draws_in_db(app) if d.drawn_by != SYSTEM_SCHEDULE.label] == [
        teacher_draw["id"]
    ]
    assert len(events(app, "winner")) == 2


def test_automatic_draw_skips_boards_without_coins(
    app: FastAPI, teacher: TestClient, school: School, tmp_path: Path, database_url: str
) -> None:
    scheduled = create_app(make_settings(tmp_path, database_url, draw_at="mon 00:00"))
    with TestClient(scheduled) as client:
        time.sleep(0.5)
        assert client.get("/healthz").status_code == 200  # the app serves on
    scheduled.state.engine.dispose()
    assert draws_in_db(app) == []


def test_automatic_draw_with_an_unreadable_time_refuses_to_start(
    tmp_path: Path, database_url: str
) -> None:
    broken = create_app(make_settings(tmp_path, database_url, draw_at="someday"))
    with pytest.raises(Invalid, match="fri 14:30"), TestClient(broken):
        pass
    broken.state.engine.dispose()


def test_draw_missing_reports_each_board(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    _peuters_board(teacher, school)
    give_coins(logger, school.children["Sam"], 2)
    first = draw_missing(app.state.engine, week=this_week(), by=SYSTEM_CLI)
    assert [(a.board, a.outcome) for a in first] == [
        ("peuters", "not_drawable"),
        ("plein", "drawn"),
    ]
    assert "no child on this board has a coin" in first[0].detail
    assert (first[1].child_id, first[1].coins) == (school.children["Sam"], 2)
    again = draw_missing(app.state.engine, week=this_week(), by=SYSTEM_CLI, board="plein")
    assert [(a.outcome, a.draw_id) for a in again] == [("already_drawn", first[1].draw_id)]
    with pytest.raises(NotFound):
        draw_missing(app.state.engine, week=this_week(), by=SYSTEM_CLI, board="nergens")

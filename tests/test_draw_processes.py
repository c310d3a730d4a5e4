"""Two `pleinmunt draw` processes for the same week at the same time: exactly one draw.

PostgreSQL: the test holds the writers' advisory lock while both processes start, so both
wait for it at the same moment and then run one after the other; the second finds the draw.
SQLite: the test holds the write lock while both start, so they queue behind it and then
behind each other. (A unique index on the current draw per board and week backs this up.)
Also: `pleinmunt export` writes files that parse back.
"""

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from openpyxl import load_workbook

from app.db import EVENT_LOCK_KEY
from app.main import create_app
from app.settings import Settings
from tests.conftest import create_pg_database, drop_pg_database, make_settings, pg_url
from tests.servers import PLEINMUNT
from tests.support.school import coin_body, created, sign_in_teacher

pytestmark = pytest.mark.slow


def _school(settings: Settings) -> str:
    """One board "plein" where Sam has 3 coins and Zoë 1 this week; returns the week."""
    app = create_app(settings)
    with sign_in_teacher(app, settings) as teacher:
        group = created(teacher.post("/api/v1/groups", json={"name": "Groep 5"}))["id"]
        ids = [
            created(teacher.post("/api/v1/children", json={"first_name": n, "group_id": group}))[
                "id"
            ]
            for n in ("Sam", "Zoë")
        ]
        board = {"slug": "plein", "title": "Schoolplein", "group_ids": [group]}
        created(teacher.post("/api/v1/boards", json=board))
        week = created(teacher.post("/api/v1/coins", json=coin_body(ids[0], amount=3)))["week"]
        created(teacher.post("/api/v1/coins", json=coin_body(ids[1])))
    app.state.engine.dispose()
    return str(week)


def _start(data_dir: Path, url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PLEINMUNT_DATA_DIR": str(data_dir), "PLEINMUNT_DATABASE_URL": url}
    return subprocess.Popen(
        [PLEINMUNT, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def _outcomes(outputs: list[str]) -> list[str]:
    return sorted(
        "already drawn" if "already drawn" in out else out.split(": ")[1] for out in outputs
    )


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[str]:
    name = create_pg_database(template=pg_template)
    yield name
    drop_pg_database(name)


def _wait_for_waiting_writers(admin: psycopg.Connection, count: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        waiting = admin.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
        if waiting and waiting[0] >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the draw processes never queued for the writers' lock")


def test_two_processes_drawing_on_postgresql_make_one_draw(
    tmp_path: Path, pg_database: str
) -> None:
    url = pg_url(pg_database)
    week = _school(make_settings(tmp_path, url))
    direct = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(direct) as gate, psycopg.connect(direct, autocommit=True) as admin:
        gate.execute("SELECT pg_advisory_xact_lock(%s)", (EVENT_LOCK_KEY,))
        processes = [_start(tmp_path, url, "draw", "--week", week) for _ in range(2)]
        _wait_for_waiting_writers(admin, 2)
        gate.commit()
        outputs = [_finish(process) for process in processes]
        draws = admin.execute("SELECT count(*), count(superseded_at) FROM draw").fetchone()
        winner_events = admin.execute(
            "SELECT count(*) FROM board_event WHERE kind = 'winner'"
        ).fetchone()
    assert _outcomes(outputs) == ["already drawn", "drawn (draw 1)"], outputs
    assert draws == (1, 0)
    assert winner_events == (1,)


def test_two_processes_drawing_on_sqlite_make_one_draw(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "db" / "pleinmunt.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    week = _school(make_settings(tmp_path, url))
    gate = sqlite3.connect(path, isolation_level=None)
    gate.execute("BEGIN IMMEDIATE")  # both processes start and queue for the write lock
    processes = [
        _start(tmp_path, url, "draw", "--board", "plein", "--week", week) for _ in range(2)
    ]
    time.sleep(3)
    gate.execute("COMMIT")
    outputs = [_finish(process) for process in processes]
    draws = gate.execute("SELECT count(*), count(superseded_at) FROM draw").fetchone()
    winner_events = gate.execute(
        "SELECT count(*) FROM board_event WHERE kind = 'winner'"
    ).fetchone()
    gate.close()
    assert _outcomes(outputs) == ["already drawn", "drawn (draw 1)"], outputs
    assert draws == (1, 0)
    assert winner_events == (1,)


def test_export_command_writes_csv_and_xlsx(tmp_path: Path, database_url: str) -> None:
    week = _school(make_settings(tmp_path, database_url))
    assert "drawn (draw 1)" in _finish(_start(tmp_path, database_url, "draw"))
    out = _finish(_start(tmp_path, database_url, "export", str(tmp_path / "w.csv")))
    assert "Wrote 1 winner(s)" in out
    text = (tmp_path / "w.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][:5] == [week, "Schoolplein", "Sam", "Groep 5", "3"]
    _finish(_start(tmp_path, database_url, "export", "--lang", "en", str(tmp_path / "w.xlsx")))
    sheet = load_workbook(tmp_path / "w.xlsx").active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]][:3] == ["Week", "Board", "Child"]
    assert sheet.cell(row=2, column=3).value == "Sam"


def test_draw_command_refuses_a_bad_week_and_an_unknown_board(
    tmp_path: Path, database_url: str
) -> None:
    _school(make_settings(tmp_path, database_url))
    for args in (("--week", "2026-W77"), ("--board", "nergens")):
        process = _start(tmp_path, database_url, "draw", *args)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 1
        assert "2026-W77" in err or "nergens" in err

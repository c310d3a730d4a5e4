"""The end of the school year on both databases: the archive, then the purge of every
deactivated child (desk button and `pleinmunt purge`), leaving nothing of them behind."""

import io
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import select

from app.db import read_session
from app.models import AuditEntry, BoardEvent, Coin, Draw
from app.services.year_end import purge_plan
from tests.servers import PLEINMUNT
from tests.support.desk import submit
from tests.support.school import School, coin_body

PAGE = "/teacher/year-end"


@pytest.fixture
def leavers(teacher: TestClient, school: School) -> School:
    """Noor (3 coins, last drawn winner of the board) and Finn (1 coin) leave; Sam stays."""
    for child, amount in (("Noor", 3), ("Finn", 1), ("Sam", 1)):
        body = coin_body(school.children[child], amount=amount)
        assert teacher.post("/api/v1/coins", json=body).status_code == 201
    week = teacher.get(f"/api/v1/boards/{school.board}/standings").json()["week"]
    drawn = teacher.post(f"/api/v1/boards/{school.board}/weeks/{week}/winner")
    assert drawn.json()["winner_name"] == "Noor K."
    for child in ("Noor", "Finn"):
        teacher.patch(f"/api/v1/children/{school.children[child]}", json={"active": False})
    return school


def _names(client: TestClient) -> set[str]:
    return {child["first_name"] for child in client.get("/api/v1/children").json()}


def test_page_says_who_counts_as_left_and_what_goes(teacher: TestClient, leavers: School) -> None:
    html = teacher.get(PAGE).text
    assert "Vertrokken = elk gedeactiveerd kind." in html
    assert "Wordt gewist: 2 kinderen met samen 4 munten." in html
    names = html.split('id="purge-names"')[1].split("</div>")[0]
    assert re.findall(r"<h3>([^<]+?) <span", names) == ["Groep 6", "Peuters"]
    assert re.findall(r"<li>([^<]+)</li>", names) == ["Noor K.", "Finn D."]
    assert 'id="archive-again" href="/teacher/year-end/archive.xlsx"' in html


def test_purge_needs_the_confirmation_word(teacher: TestClient, leavers: School) -> None:
    shown = submit(teacher, "/teacher/year-end/purge", {"word": "ja", "expected": "2"}, page=PAGE)
    assert shown == "Typ het bevestigingswoord precies zoals het er staat."
    assert {"Noor", "Finn"} <= _names(teacher)


def test_purge_refuses_when_the_children_changed_meanwhile(
    teacher: TestClient, leavers: School
) -> None:
    shown = submit(
        teacher, "/teacher/year-end/purge", {"word": "WISSEN", "expected": "1"}, page=PAGE
    )
    assert shown == (
        "De kinderen die gewist worden zijn veranderd sinds deze pagina opende; "
        "kijk het opnieuw na."
    )
    assert {"Noor", "Finn"} <= _names(teacher)


def test_purge_erases_the_children_who_left_and_everything_about_them(
    teacher: TestClient, app: FastAPI, leavers: School
) -> None:
    shown = submit(
        teacher, "/teacher/year-end/purge", {"word": "wissen", "expected": "2"}, page=PAGE
    )
    assert shown == "Gewist: 2 kinderen en 4 munten."
    assert _names(teacher) == {"Sam", "Zoë", "Saar"}
    gone = {leavers.children["Noor"], leavers.children["Finn"]}
    with read_session(app.state.engine) as session:
        assert not session.exec(select(Coin).where(Coin.child_id.in_(gone))).all()  # type: ignore[attr-defined]
        (draw,) = session.exec(select(Draw)).all()
        assert draw.winner_name == "erased"
        assert "Noor" not in str(draw.candidates)
        assert not any("Noor" in str(e.payload) for e in session.exec(select(BoardEvent)).all())
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "roster.purge")).one()
        assert entry.detail["child_ids"] == sorted(gone)
        assert entry.detail["coins"] == 4
        assert purge_plan(session).children == 0


def test_purge_accepts_the_english_word(teacher: TestClient, leavers: School) -> None:
    page = PAGE + "?lang=en"
    teacher.get(page)
    shown = submit(
        teacher, "/teacher/year-end/purge", {"word": "ERASE", "expected": "2"}, page=page
    )
    assert shown == "Erased: 2 children and 4 coins."


def test_archive_holds_every_coin_and_winner(teacher: TestClient, leavers: School) -> None:
    teacher.post(f"/api/v1/coins/{_a_coin_of(teacher, leavers, 'Sam')}/void")
    response = teacher.get("/teacher/year-end/archive.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Munten", "Winnaars"]
    coins = [[cell.value for cell in row] for row in book["Munten"].iter_rows()]
    assert coins[0] == [
        "Week",
        "Gegeven op",
        "Kind",
        "Groep",
        "Reden",
        "Munten",
        "Gegeven door",
        "Ongedaan gemaakt",
    ]
    by_child = {row[2]: row for row in coins[1:]}
    assert set(by_child) == {"Noor K.", "Finn D.", "Sam B."}
    assert by_child["Noor K."][5] == 3
    assert by_child["Sam B."][7] == "✓"
    assert by_child["Noor K."][6] == "juf"
    winners = [[cell.value for cell in row] for row in book["Winnaars"].iter_rows()]
    assert winners[1][2] == "Noor K."


def _a_coin_of(client: TestClient, school: School, name: str) -> str:
    coins = client.get("/api/v1/coins", params={"child_id": school.children[name]}).json()
    return str(coins[0]["id"])


def _cli(tmp_path: Path, database_url: str, *args: str, stdin: str = "") -> Any:
    env = {
        **os.environ,
        "PLEINMUNT_DATA_DIR": str(tmp_path),
        "PLEINMUNT_DATABASE_URL": database_url,
    }
    return subprocess.run(
        [PLEINMUNT, "purge", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_dry_run_only_counts(
    teacher: TestClient, leavers: School, tmp_path: Path, database_url: str
) -> None:
    done = _cli(tmp_path, database_url, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "2 deactivated child(ren) with 4 coin(s) would be erased" in done.stdout
    assert {"Noor", "Finn"} <= _names(teacher)


def test_cli_asks_before_erasing(
    teacher: TestClient, leavers: School, tmp_path: Path, database_url: str
) -> None:
    done = _cli(tmp_path, database_url, stdin="n\n")
    assert done.returncode == 1
    assert {"Noor", "Finn"} <= _names(teacher)


def test_cli_purges_with_yes(
    teacher: TestClient, leavers: School, tmp_path: Path, database_url: str
) -> None:
    done = _cli(tmp_path, database_url, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Erased 2 child(ren) and 4 coin(s)." in done.stdout
    assert "Noor" not in done.stdout  # names never leave in command output
    assert _names(teacher) == {"Sam", "Zoë", "Saar"}

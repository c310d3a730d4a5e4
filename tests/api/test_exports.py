"""Winners exports, parsed back: CSV for Dutch Excel (BOM, ';', CRLF) and xlsx (openpyxl)."""

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School, created

HEADER_NL = ["Week", "Bord", "Kind", "Groep", "Munten", "Manier van kiezen", "Seed (controle)"]


@pytest.fixture
def winners(teacher: TestClient, logger: TestClient, school: School) -> dict[str, Any]:
    """Last week Zoë won "plein"; this week Sam won "plein" and Finn won "peuters"."""
    created(
        teacher.post(
            "/api/v1/boards",
            json={
                "slug": "peuters",
                "title": "Peuters Zonnetje",
                "group_ids": [school.groups["Peuters"]],
                "winner_policy": "weighted_draw",
            },
        )
    )
    give_coins(logger, school.children["Zoë"], 4, weeks_ago=1)
    give_coins(logger, school.children["Sam"], 5)
    give_coins(logger, school.children["Finn"], 2)
    return {
        "zoe": drawn(teacher, this_week(1), reward="Mag het spel kiezen"),
        "sam": drawn(teacher, this_week()),
        "finn": drawn(teacher, this_week(), board="peuters"),
    }


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.count("\r\n") == text.count("\n")  # CRLF everywhere
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_export_csv_opens_in_dutch_excel(teacher: TestClient, winners: dict[str, Any]) -> None:
    response = teacher.get("/api/v1/winners.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="pleinmunt-winnaars.csv"' in response.headers["content-disposition"]
    rows = _csv(response)
    assert rows[0][:7] == HEADER_NL
    assert rows[0][7:] == ["Beloning", "Status"]
    assert rows[1] == [
        this_week(1),
        "Schoolplein",
        "Zoë D.",
        "Groep 5",
        "4",
        "Meeste munten",
        winners["zoe"]["seed"],
        "Mag het spel kiezen",
        "Nog geven",
    ]
    # This week: boards by title.
    assert [(row[0], row[1], row[2]) for row in rows[2:]] == [
        (this_week(), "Peuters Zonnetje", "Finn D."),
        (this_week(), "Schoolplein", "Sam B."),
    ]
    assert rows[2][5] == "Loting (munt = lot)"


def test_export_csv_filters_weeks_and_board(teacher: TestClient, winners: dict[str, Any]) -> None:
    only_last = _csv(teacher.get("/api/v1/winners.csv", params={"to": this_week(1)}))
    assert [row[2] for row in only_last[1:]] == ["Zoë D."]
    this = _csv(teacher.get("/api/v1/winners.csv", params={"from": this_week(), "board": "plein"}))
    assert [row[2] for row in this[1:]] == ["Sam B."]
    weeks = {"from": this_week(1), "to": this_week()}
    both = _csv(teacher.get("/api/v1/winners.csv", params=weeks))
    assert len(both) == 4


def test_export_csv_in_english(teacher: TestClient, winners: dict[str, Any]) -> None:
    rows = _csv(teacher.get("/api/v1/winners.csv", params={"lang": "en"}))
    assert rows[0] == [
        *["Week", "Board", "Child", "Group", "Coins", "Policy", "Seed (to verify)"],
        *["Reward", "Status"],
    ]
    assert rows[1][-1] == "To give"


def test_export_csv_never_runs_a_formula(teacher: TestClient, winners: dict[str, Any]) -> None:
    evil = '=HYPERLINK("http://example.invalid","klik")'
    teacher.patch(f"/api/v1/winners/{winners['sam']['id']}", json={"reward": evil})
    rows = _csv(teacher.get("/api/v1/winners.csv", params={"board": "plein"}))
    assert rows[2][7] == "'" + evil


def test_export_xlsx_has_header_widths_and_frozen_header(
    teacher: TestClient, winners: dict[str, Any]
) -> None:
    evil = "=1+1"
    teacher.patch(
        f"/api/v1/winners/{winners['sam']['id']}", json={"reward": evil, "reward_status": "given"}
    )
    response = teacher.get("/api/v1/winners.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "Winnaars"
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:7] == HEADER_NL
    assert all(cell.font.bold for cell in sheet[1])
    assert rows[1][:5] == [this_week(1), "Schoolplein", "Zoë D.", "Groep 5", 4]
    assert rows[3][2:5] == ["Sam B.", "Groep 5", 5]
    assert rows[3][7:] == [evil, "Gegeven"]
    assert sheet.cell(row=4, column=8).data_type == "s"  # text, not a formula
    assert sheet.column_dimensions["C"].width >= 20
    assert sheet.column_dimensions["G"].width >= 32  # the seed fits


def test_export_shows_an_erased_winner_as_erased(
    teacher: TestClient, winners: dict[str, Any], school: School
) -> None:
    assert teacher.delete(f"/api/v1/children/{school.children['Zoë']}").status_code == 204
    rows = _csv(teacher.get("/api/v1/winners.csv", params={"to": this_week(1)}))
    assert rows[1][2] == "erased"
    assert "Zoë" not in teacher.get("/api/v1/winners.csv").content.decode("utf-8-sig")


def test_winners_list_filters_and_orders(teacher: TestClient, winners: dict[str, Any]) -> None:
    listed = teacher.get("/api/v1/winners", params={"from": this_week()}).json()
    assert [(row["board"], row["winner_name"]) for row in listed] == [
        ("peuters", "Finn D."),
        ("plein", "Sam B."),
    ]
    assert listed[1]["board_title"] == "Schoolplein"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"from": "2026-W50", "to": "2026-W40"}, 422),
        ({"from": "week 40"}, 422),
        ({"to": "2026-W54"}, 422),
        ({"board": "nergens"}, 404),
    ],
)
def test_winners_bad_filters_are_refused(
    teacher: TestClient, params: dict[str, str], status: int
) -> None:
    for url in ("/api/v1/winners", "/api/v1/winners.csv", "/api/v1/winners.xlsx"):
        response = teacher.get(url, params=params)
        assert response.status_code == status, (url, params)
        assert response.json()["detail"]

"""The week overview on the desk: standings of any week, the draw, a redraw with a reason, the
reward, and the export links, on both databases."""

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from app.domain.weeks import shift_week, week_of
from app.settings import Settings
from tests.support.desk import submit
from tests.support.school import School, coin_body


def _give(client: TestClient, child_id: int, *, amount: int = 1, days_ago: int = 0) -> None:
    at = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
    response = client.post("/api/v1/coins", json=coin_body(child_id, amount=amount, awarded_at=at))
    assert response.status_code == 201, response.text


def _week_page(client: TestClient, school: School, week: str) -> str:
    response = client.get(f"/teacher/weeks?board={school.board}&week={week}")
    assert response.status_code == 200
    return response.text


def _this_week(settings: Settings) -> str:
    return week_of(datetime.now(UTC), settings.tz)


def test_standings_list_every_child_with_coins_first(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"], amount=3)
    _give(teacher, school.children["Sam"])
    html = _week_page(teacher, school, _this_week(settings))
    table = html.split('id="standings"')[1].split("</table>")[0]
    names = re.findall(r"<td>([^<]+ [A-Z]\.)", table)
    assert names == ["Noor K.", "Sam B.", "Zoë D."]
    assert "4 munten" in html
    assert "nog zonder munt: 1" in html


def test_earlier_week_shows_its_own_coins(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Zoë"], amount=2, days_ago=7)
    last_week = shift_week(_this_week(settings), -1)
    table = _week_page(teacher, school, last_week).split('id="standings"')[1]
    assert re.search(
        r"Zoë D\.</td>\s*<td>Groep 5</td>\s*<td class=\"num\"><strong>2</strong>", table
    )


def test_week_picker_lists_this_week_and_the_ones_before(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    html = _week_page(teacher, school, _this_week(settings))
    picker = html.split('name="week"')[1].split("</select>")[0]
    weeks = re.findall(r'<option value="(\d{4}-W\d{2})"', picker)
    assert weeks[0] == _this_week(settings)
    assert weeks[1] == shift_week(_this_week(settings), -1)
    assert len(weeks) == 16


def test_a_week_that_does_not_exist_is_a_page_not_a_500(
    teacher: TestClient, school: School
) -> None:
    response = teacher.get(f"/teacher/weeks?board={school.board}&week=2026-W60")
    assert response.status_code == 422
    assert "Dat is geen bestaande week; schrijf hem als 2026-W48." in response.text


def test_draw_then_reward_then_given(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"], amount=3)
    week = _this_week(settings)
    page = f"/teacher/weeks?board={school.board}&week={week}"
    assert submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page) == (
        "De winnaar is getrokken."
    )
    html = teacher.get(page).text
    assert re.search(r'id="winner-name">🏆 Noor K\.</p>', html)
    draw_id = re.search(r"/teacher/winners/(\d+)/certificate", html)
    assert draw_id
    winner = f"/teacher/winners/{draw_id.group(1)}"
    submit(teacher, f"{winner}/reward", {"reward": "Mag het spel kiezen"}, page=page)
    shown = submit(teacher, f"{winner}/status", {"status": "given"}, page=page)
    assert shown == "De beloning staat op gegeven."
    stored = teacher.get(f"/api/v1/boards/{school.board}/weeks/{week}/winner").json()
    assert (stored["reward"], stored["reward_status"]) == ("Mag het spel kiezen", "given")
    assert "Beloning gegeven (" in teacher.get(page).text


def test_draw_with_no_coins_says_there_is_no_one(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    week = _this_week(settings)
    page = f"/teacher/weeks?board={school.board}&week={week}"
    shown = submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    assert shown == (
        "Geen kind op dit bord heeft deze week een munt, dus er is niemand om uit te loten."
    )


def test_redraw_needs_a_reason_and_keeps_the_history(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"], amount=2)
    _give(teacher, school.children["Sam"], amount=2)
    week = _this_week(settings)
    page = f"/teacher/weeks?board={school.board}&week={week}"
    submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    redraw = f"/teacher/weeks/{school.board}/{week}/redraw"
    shown = submit(teacher, redraw, {"reason": ""}, page=page)
    assert shown == "Geef een reden van minstens 3 tekens voor opnieuw loten (die wordt bewaard)."
    assert submit(teacher, redraw, {"reason": "Noor was ziek"}, page=page).startswith(
        "Opnieuw getrokken"
    )
    html = teacher.get(page).text
    assert "Eerdere trekkingen (1)" in html
    assert "Noor was ziek" in html
    draws = teacher.get(f"/api/v1/boards/{school.board}/weeks/{week}/draws").json()
    assert [d["redraw_reason"] for d in draws] == [None, "Noor was ziek"]


def test_drawing_twice_is_a_message(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"])
    week = _this_week(settings)
    page = f"/teacher/weeks?board={school.board}&week={week}"
    submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    shown = submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    assert shown == "Deze week is al geloot."


def test_export_form_downloads_this_boards_winners(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"])
    week = _this_week(settings)
    page = f"/teacher/weeks?board={school.board}&week={week}"
    submit(teacher, f"/teacher/weeks/{school.board}/{week}/draw", page=page)
    html = teacher.get(page).text
    assert 'action="/api/v1/winners.csv"' in html
    assert 'formaction="/api/v1/winners.xlsx"' in html
    first = re.search(r'name="from" value="([^"]+)"', html)
    assert first
    response = teacher.get(
        "/api/v1/winners.csv", params={"board": school.board, "from": first.group(1), "to": week}
    )
    assert response.status_code == 200
    assert "Noor K." in response.content.decode("utf-8-sig")


def test_counts_read_naturally_in_the_singular(
    teacher: TestClient, school: School, settings: Settings
) -> None:
    _give(teacher, school.children["Noor"])
    teacher.patch(f"/api/v1/boards/{school.board}", json={"exclude_recent_weeks": 1})
    html = _week_page(teacher, school, _this_week(settings))
    assert "1 munt ·" in html
    assert "1 munten" not in html
    assert "Wie vorige week won, doet niet mee." in html
    assert "laatste 1 weken" not in html

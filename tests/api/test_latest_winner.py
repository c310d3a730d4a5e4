"""The board's winner card: this week's winner once drawn, else last week's."""

from fastapi.testclient import TestClient

from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School


def _card(client: TestClient) -> dict | None:  # type: ignore[type-arg]
    return client.get("/api/v1/boards/plein/standings").json()["last_winner"]


def test_board_shows_last_weeks_winner_until_this_week_is_drawn(
    teacher: TestClient, kiosk: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Sam"], 3, weeks_ago=1)
    give_coins(teacher, school.children["Noor"], 2)
    assert _card(kiosk) is None
    drawn(teacher, this_week(1))
    assert _card(kiosk)["week"] == this_week(1)
    assert _card(kiosk)["name"] == "Sam B."
    drawn(teacher, this_week())
    # A kiosk that reconnects after Friday's reveal keeps showing the new winner.
    assert _card(kiosk)["week"] == this_week()
    assert _card(kiosk)["name"] == "Noor K."

"""The wall display against a real server: what a board may not show never reaches the page
(groups mode, a child without consent), screen hours blank it and bring it back without a
reload, and a revoked link leaves no child on it."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.browser.kiosk_boards import BigBoard, make_board, teacher_client
from tests.servers import LiveServer


class Wall:
    def __init__(self, server: LiveServer, client: httpx.Client) -> None:
        self.server, self.client = server, client
        self.board = make_board(client, "privacy16", 16)


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wall]:
    server = LiveServer(tmp_path_factory.mktemp("privacy"))
    server.start(timeout=120)
    client = teacher_client(server)
    yield Wall(server, client)
    client.close()
    server.stop()


@pytest.fixture
def board(wall: Wall) -> Iterator[BigBoard]:
    """The board as a school starts it; each test's changes are undone afterwards."""
    yield wall.board
    patch(wall, display_mode="ranking", screen_hours=None)
    for child in wall.board.children:
        wall.client.patch(f"/api/v1/children/{child['id']}", json={"show_on_board": True})


def patch(wall: Wall, **fields: object) -> None:
    response = wall.client.patch(f"/api/v1/boards/{wall.board.slug}", json=fields)
    assert response.status_code == 200, response.text


def give(wall: Wall, child: dict) -> None:
    body = {"id": str(uuid.uuid4()), "child_id": child["id"], "reason": "helpen"}
    assert wall.client.post("/api/v1/coins", json=body).status_code == 201


def open_wall(page: Page, wall: Wall) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(wall.server.url + wall.board.kiosk_path)
    expect(page.locator("#status")).to_have_attribute("data-state", "live", timeout=20_000)


def names_on_page(page: Page, board: BigBoard) -> set[str]:
    text = page.locator("body").inner_text()
    return {child["first_name"] for child in board.children if child["first_name"] in text}


def test_groups_mode_page_shows_no_child(page: Page, wall: Wall, board: BigBoard) -> None:
    patch(wall, display_mode="groups")
    give(wall, board.children[0])
    open_wall(page, wall)
    expect(page.locator(".tube").first).to_be_visible()
    expect(page.locator(".tick").first).to_contain_text("Iemand helpen")
    give(wall, board.children[1])  # a live coin too
    expect(page.locator(".tick .tick-amount").first).to_have_text("+2", timeout=10_000)
    expect(page.locator(".card")).to_have_count(0)
    assert names_on_page(page, board) == set()
    assert page.locator(".tick .avatar").count() == 0
    screenshot(page, "kiosk-groups-live-16-1920x1080")


def test_child_without_consent_is_not_on_the_page(page: Page, wall: Wall, board: BigBoard) -> None:
    hidden = board.children[2]  # Anne-Sophie
    answer = wall.client.patch(f"/api/v1/children/{hidden['id']}", json={"show_on_board": False})
    assert answer.status_code == 200, answer.text
    open_wall(page, wall)
    expect(page.locator(".card")).to_have_count(15)
    give(wall, hidden)
    expect(page.locator(".tick").first).to_contain_text("Iemand helpen", timeout=10_000)
    assert hidden["first_name"] not in page.locator("body").inner_text()
    assert page.locator(f'.card[data-child="{hidden["id"]}"]').count() == 0
    assert len(names_on_page(page, board)) > 5  # the others are still named


def test_screen_hours_excluding_now_blank_the_page_and_it_comes_back(
    page: Page, wall: Wall, board: BigBoard
) -> None:
    open_wall(page, wall)
    expect(page.locator(".card")).to_have_count(16)
    page.evaluate("window.stillTheSamePage = true")
    now = datetime.now(UTC).astimezone(ZoneInfo("Europe/Amsterdam"))
    later = {  # two hours that start in an hour: not now
        "days": [1, 2, 3, 4, 5, 6, 7],
        "start": (now + timedelta(hours=1)).strftime("%H:%M"),
        "end": (now + timedelta(hours=3)).strftime("%H:%M"),
    }
    patch(wall, screen_hours=later)
    expect(page.locator(".card")).to_have_count(0, timeout=10_000)
    expect(page.locator("#blank")).to_be_visible()
    assert names_on_page(page, board) == set()
    patch(wall, screen_hours=None)
    expect(page.locator(".card")).to_have_count(16, timeout=30_000)
    assert page.evaluate("window.stillTheSamePage") is True


def test_revoked_link_page_shows_no_child_within_5_s(
    page: Page, wall: Wall, board: BigBoard
) -> None:
    link = wall.client.post(f"/api/v1/boards/{board.slug}/kiosk-links", json={"label": "weg"})
    assert link.status_code == 201
    url = link.json()["url"]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(wall.server.url + url[url.index("/kiosk/") :])
    expect(page.locator(".card").first).to_be_visible(timeout=20_000)
    gone = wall.client.delete(f"/api/v1/boards/{board.slug}/kiosk-links/{link.json()['id']}")
    assert gone.status_code == 204
    expect(page.locator(".card")).to_have_count(0, timeout=5_000)
    assert names_on_page(page, board) == set()
    token = url.split("token=")[1]
    refused = httpx.get(  # the link alone, as the screen has it: no teacher cookie
        f"{wall.server.url}/api/v1/boards/{board.slug}/standings", params={"token": token}
    )
    assert refused.status_code == 401, refused.text

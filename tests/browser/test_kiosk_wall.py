"""The wall display at real sizes and unattended: boards of 16, 56 and 120 children with long
names at 1920x1080 and 1280x720, display modes, screen hours and blank screens.

Boards are made through the API of a real server. Where a test needs a board state the server
cannot be asked for directly (a mode, screen hours, a server that does not answer), the page
still comes from the server but its socket is answered by the test (Playwright's
route_web_socket) with the messages app/realtime/protocol.py sends.
"""

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.conftest import screenshot
from tests.browser.kiosk_boards import BigBoard, make_board, teacher_client
from tests.servers import LiveServer

SIZES = {1080: (1920, 1080), 720: (1280, 720)}
MIN_NAME_PX = {1080: 40, 720: 26}


class Wall:
    def __init__(self, server: LiveServer, client: httpx.Client) -> None:
        self.server = server
        self.client = client
        self.boards = {count: make_board(client, f"plein{count}", count) for count in (16, 56, 120)}


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wall]:
    server = LiveServer(tmp_path_factory.mktemp("wall"))
    server.start(timeout=120)
    client = teacher_client(server)
    yield Wall(server, client)
    client.close()
    server.stop()


def open_board(page: Page, wall: Wall, board: BigBoard, height: int, query: str = "") -> None:
    width, height = SIZES[height]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(wall.server.url + board.kiosk_path + query)
    expect(page.locator("#status")).to_have_attribute("data-state", "live", timeout=20_000)
    expect(page.locator(".card").first).to_be_visible()


CARDS = """() => [...document.querySelectorAll(".card")].map((card) => {
  const name = card.querySelector(".name"), coins = card.querySelector(".coins");
  const box = card.getBoundingClientRect(), text = name.getBoundingClientRect();
  return {
    id: Number(card.dataset.child),
    name: name.textContent,
    namePx: parseFloat(getComputedStyle(name).fontSize),
    coinsPx: parseFloat(getComputedStyle(coins).fontSize),
    clipped: name.scrollWidth > name.clientWidth || coins.scrollWidth > coins.clientWidth
      || text.right > box.right || coins.getBoundingClientRect().right > box.right,
    inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
  };
})"""


@pytest.mark.parametrize("height", [1080, 720])
@pytest.mark.parametrize("count", [16, 56, 120])
def test_every_name_whole_and_big_within_one_cycle(
    page: Page, wall: Wall, count: int, height: int
) -> None:
    board = wall.boards[count]
    open_board(page, wall, board, height, "&page_seconds=1.5")
    pages = page.locator("#pages")
    total = int(pages.get_attribute("data-pages") or 1) if pages.is_visible() else 1
    seen: dict[int, str] = {}
    for number in range(1, total + 1):
        if total > 1:
            expect(pages).to_have_attribute("data-page", str(number), timeout=10_000)
        cards = page.evaluate(CARDS)
        if number == 1:
            screenshot(page, f"kiosk-wall-{count}-{SIZES[height][0]}x{height}")
        for card in cards:
            assert not card["clipped"], card
            assert card["inside"], card
            assert card["namePx"] >= MIN_NAME_PX[height], card
            assert card["coinsPx"] >= card["namePx"], card
            seen[card["id"]] = card["name"]
    assert set(seen) == {child["id"] for child in board.children}  # everyone within a cycle
    ticker_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ticker')).fontSize)"
    )
    assert ticker_px < MIN_NAME_PX[height]


def test_order_stays_put_while_a_page_shows(page: Page, wall: Wall) -> None:
    board = wall.boards[56]
    open_board(page, wall, board, 1080, "&page_seconds=6")
    expect(page.locator("#pages")).to_have_attribute("data-page", "1")
    first = [card["id"] for card in page.evaluate(CARDS)]
    last = next(c for c in board.children if c["id"] not in first)
    for _ in range(3):  # a child from another page jumps to the top of the standings
        give(wall, last)
    page.wait_for_timeout(1000)
    assert [card["id"] for card in page.evaluate(CARDS)] == first


def give(wall: Wall, child: dict[str, Any]) -> str:
    coin_id = str(uuid.uuid4())
    body = {"id": coin_id, "child_id": child["id"], "reason": "helpen"}
    response = wall.client.post("/api/v1/coins", json=body)
    assert response.status_code == 201, response.text
    return coin_id


def test_goal_toast_never_covers_the_title(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    open_board(page, wall, board, 720)
    give(wall, board.children[3])
    toast = page.locator("#toast")
    expect(toast).to_be_visible()
    a, b = toast.bounding_box(), page.locator(".title").bounding_box()
    assert a is not None
    assert b is not None
    assert a["y"] >= b["y"] + b["height"] or a["x"] >= b["x"] + b["width"]


def test_avatars_and_icons_are_pictures_not_text(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    open_board(page, wall, board, 1080)
    give(wall, board.children[0])
    expect(page.locator(".tick").first).to_be_visible()
    pictures = page.evaluate(
        """() => [...document.querySelectorAll(".card .avatar, .tick .avatar, .tick-reason")]
          .map((node) => node.querySelector("img"))
          .map((img) => img && [img.getAttribute("src"), img.hasAttribute("alt")])"""
    )
    assert pictures
    assert all(p and p[0].startswith("/static/emoji/") and p[1] for p in pictures)
    text = page.evaluate(
        "['#children', '#ticker'].map((s) => document.querySelector(s).innerText).join(' ')"
    )
    assert not re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", text)


def test_revoked_link_leaves_no_child_on_screen(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    link = wall.client.post(f"/api/v1/boards/{board.slug}/kiosk-links", json={"label": "weg"})
    assert link.status_code == 201
    url = link.json()["url"]
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(wall.server.url + url[url.index("/kiosk/") :])
    expect(page.locator(".card").first).to_be_visible(timeout=20_000)
    gone = wall.client.delete(f"/api/v1/boards/{board.slug}/kiosk-links/{link.json()['id']}")
    assert gone.status_code == 204
    expect(page.locator(".card")).to_have_count(0, timeout=5_000)
    expect(page.locator("#blank-title")).to_have_text("Dit scherm is niet meer gekoppeld")
    expect(page.locator("#blank-body")).to_contain_text("kiosklink")
    for child in board.children:
        assert child["first_name"] not in page.locator("body").inner_text()
    screenshot(page, "kiosk-revoked-1920x1080")


# --- the socket answered by the test -------------------------------------------------------


def snapshot(board: BigBoard, **board_fields: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    mode = board_fields.get("display_mode", "ranking")
    children = [
        {
            "child_id": child["id"],
            "name": child["first_name"],
            "avatar": child["avatar"],
            "group": "",
            "coins": index % 5,
        }
        for index, child in enumerate(board.children)
    ]
    omer = next(c for c in board.children if c["first_name"] == "Ömer")
    recent = [
        {
            "coin_id": f"t{i}",
            "child_id": omer["id"],
            "name": "Ömer",
            "avatar": omer["avatar"],
            "group_id": omer["group_id"],
            "reason": "helpen",
            "icon": "🤝",
            "amount": 1,
            "awarded_at": (now - timedelta(minutes=i)).isoformat(),
        }
        for i in range(4)
    ]
    recent.append({**recent[0], "coin_id": "old", "child_id": board.children[0]["id"],
                   "name": board.children[0]["first_name"],
                   "awarded_at": (now - timedelta(days=2)).isoformat()})  # fmt: skip
    if mode == "groups":
        children = []
        recent = [
            {k: v for k, v in row.items() if k not in ("child_id", "name", "avatar")}
            for row in recent
        ]
    return {
        "type": "snapshot",
        "seq": 100,
        "week": datetime.now(UTC).strftime("%G-W%V"),
        "board": {
            "slug": board.slug,
            "title": "Plein",
            "name_display": "first_name",
            "timezone": "Europe/Amsterdam",
            **board_fields,
        },  # fmt: skip
        "children": children,
        "groups": [
            {"group_id": gid, "name": f"Groep {5 + i}", "coins": 12 + i, "goal": 40}
            for i, gid in enumerate(board.group_ids)
        ],
        "recent": recent,
        "last_winner": None,
        "bikes": [],
    }


class Answers:
    """What the next kiosk socket gets: ``messages``, or (None) it is closed at once."""

    def __init__(self, messages: list[dict[str, Any]] | None) -> None:
        self.messages = messages
        self.sockets: list[WebSocketRoute] = []

    def __call__(self, ws: WebSocketRoute) -> None:
        self.sockets.append(ws)
        if self.messages is None:
            ws.close(code=1011)  # the page cannot tell "away" from "refused"
            return
        for message in self.messages:
            ws.send(json.dumps(message))


def answer_socket(page: Page, messages: list[dict[str, Any]] | None) -> Answers:
    answers = Answers(messages)
    page.route_web_socket(re.compile(r"/ws/boards/"), answers)
    return answers


def open_answered(page: Page, wall: Wall, board: BigBoard, height: int = 1080) -> None:
    width, height = SIZES[height]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(wall.server.url + board.kiosk_path)


def test_alphabetical_mode_lists_children_by_name(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    answer_socket(page, [snapshot(board, display_mode="alphabetical")])
    open_answered(page, wall, board)
    expect(page.locator(".card")).to_have_count(16)
    names = [card["name"] for card in page.evaluate(CARDS)]
    assert names == sorted(names, key=lambda name: name.casefold().replace("ö", "o"))
    screenshot(page, "kiosk-alphabetical-16-1920x1080")


@pytest.mark.parametrize("height", [1080, 720])
def test_groups_mode_shows_tubes_and_anonymous_moments(page: Page, wall: Wall, height: int) -> None:
    board = wall.boards[56]
    answer_socket(page, [snapshot(board, display_mode="groups")])
    open_answered(page, wall, board, height)
    expect(page.locator(".tube")).to_have_count(2)
    expect(page.locator(".card")).to_have_count(0)
    expect(page.locator(".tick").first).to_contain_text(re.compile(r"Groep \d"))
    expect(page.locator(".tick").first).to_contain_text("Iemand helpen")
    body = page.locator("body").inner_text()
    assert not any(child["first_name"] in body for child in board.children)
    screenshot(page, f"kiosk-groups-56-{SIZES[height][0]}x{height}")


def test_ticker_shows_today_only_and_folds_repeats(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    answer_socket(page, [snapshot(board)])
    open_answered(page, wall, board)
    ticks = page.locator(".tick")
    expect(ticks).to_have_count(1)  # four of Ömer today, one of two days ago not at all
    expect(ticks.first).to_contain_text("Ömer")
    expect(ticks.first.locator(".tick-amount")).to_have_text("+4")


def test_outside_screen_hours_dark_then_back_without_reload(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    page.clock.install(time=datetime(2026, 12, 2, 6, 58, tzinfo=UTC))  # 07:58 in Amsterdam
    hours = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "16:00"}
    answers = answer_socket(page, [snapshot(board, screen_hours=hours)])
    open_answered(page, wall, board)
    expect(page.locator("#blank")).to_be_visible()
    expect(page.locator("#blank-clock")).to_have_text("07:58")
    expect(page.locator(".card")).to_have_count(0)
    screenshot(page, "kiosk-dark-1920x1080")
    page.evaluate("window.stillTheSamePage = true")
    page.clock.fast_forward("03:00")
    expect(page.locator(".card")).to_have_count(16, timeout=10_000)
    expect(page.locator("#blank")).to_be_hidden()
    assert page.evaluate("window.stillTheSamePage") is True
    assert len(answers.sockets) >= 2  # it asked for a fresh snapshot


def test_server_away_at_boot_shows_waiting_then_connects(page: Page, wall: Wall) -> None:
    board = wall.boards[16]
    answers = answer_socket(page, None)
    open_answered(page, wall, board, 720)
    expect(page.locator("#blank-title")).to_have_text("Wachten op de server…", timeout=10_000)
    expect(page.locator(".card")).to_have_count(0)
    screenshot(page, "kiosk-waiting-1280x720")
    answers.messages = [snapshot(board)]  # the server is up
    expect(page.locator(".card")).to_have_count(16, timeout=30_000)


def test_cached_page_comes_up_while_offline(page: Page, wall: Wall) -> None:
    """A screen booting before the server: the service worker's copy, never an error page."""
    board = wall.boards[16]
    open_board(page, wall, board, 1080)
    page.wait_for_function(
        "navigator.serviceWorker && navigator.serviceWorker.controller", timeout=20_000
    )
    page.wait_for_function(
        "caches.open('pleinmunt-kiosk').then((c) => c.match(location.href)).then(Boolean)"
    )
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#blank-title")).to_have_text("Wachten op de server…", timeout=20_000)
    page.context.set_offline(False)
    expect(page.locator(".card").first).to_be_visible(timeout=60_000)

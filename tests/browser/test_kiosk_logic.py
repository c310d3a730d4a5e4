"""The kiosk page's own logic in Chromium: replays never count twice, backoff, silent servers."""

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DemoServer
from tests.browser.kiosk_helpers import open_kiosk
from tests.servers import LiveServer

SNAPSHOT = {
    "type": "snapshot",
    "seq": 10,
    "week": "2026-W48",
    "board": {"slug": "plein", "title": "Plein", "name_display": "first_name"},
    "children": [
        {"child_id": 1, "name": "Sam", "avatar": "fox:red", "group": "Groep 5", "coins": 2},
        {"child_id": 2, "name": "Zoë", "avatar": "cat:blue", "group": "Groep 5", "coins": 1},
    ],
    "groups": [{"group_id": 5, "name": "Groep 5", "coins": 3, "goal": 10}],
    "recent": [],
    "last_winner": None,
    "bikes": [],
}


def coin(seq: int, child_id: int, week: str = "2026-W48") -> dict[str, Any]:
    return {
        "type": "coin",
        "seq": seq,
        "coin_id": f"c{seq}",
        "child_id": child_id,
        "group_id": 5,
        "amount": 1,
        "week": week,
        "avatar": "fox:red",
        "reason": "helpen",
        "icon": "🤝",
        "awarded_at": "2026-11-25T10:00:00Z",
    }


def run_board(page: Page, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Feed messages through kiosk/board.js in the page; return the board it ends with."""
    return page.evaluate(
        """async (messages) => {
          const { fromSnapshot, applyEvent } = await import("/kiosk-assets/board.js");
          let board = null;
          for (const message of messages) {
            if (message.type === "snapshot") board = fromSnapshot(message);
            else applyEvent(board, message);
          }
          return board;
        }""",
        messages,
    )


def test_replayed_events_never_count_twice(page: Page, demo_server: DemoServer) -> None:
    open_kiosk(page, demo_server, "schoolplein")
    board = run_board(page, [SNAPSHOT, coin(11, 1), coin(12, 2), coin(11, 1), coin(12, 2)])
    assert board["seq"] == 12
    assert {c["child_id"]: c["coins"] for c in board["children"]} == {1: 3, 2: 2}
    assert board["groups"][0]["coins"] == 5
    assert [c["coin_id"] for c in board["recent"]] == ["c12", "c11"]


def test_coin_older_than_snapshot_or_of_another_week_is_ignored(
    page: Page, demo_server: DemoServer
) -> None:
    open_kiosk(page, demo_server, "schoolplein")
    board = run_board(page, [SNAPSHOT, coin(9, 1), coin(13, 1, week="2026-W47")])
    assert board["seq"] == 13
    assert {c["child_id"]: c["coins"] for c in board["children"]} == {1: 2, 2: 1}


def test_backoff_grows_to_thirty_seconds_with_jitter(page: Page, demo_server: DemoServer) -> None:
    open_kiosk(page, demo_server, "schoolplein")
    delays = page.evaluate(
        """async () => {
          const { backoffDelay } = await import("/kiosk-assets/socket.js");
          const low = [], high = [];
          for (let attempt = 0; attempt < 12; attempt += 1) {
            low.push(backoffDelay(attempt, () => 0));
            high.push(backoffDelay(attempt, () => 0.999999));
          }
          return { low, high };
        }"""
    )
    assert delays["high"][0] == pytest.approx(500, abs=1)
    assert delays["low"][0] == 250
    assert delays["high"][-1] == pytest.approx(30_000, abs=1)
    assert delays["low"][-1] == 15_000  # jitter spreads kiosks over half the wait
    assert delays["high"] == sorted(delays["high"])


@pytest.fixture
def quick_server(tmp_path: Path) -> Iterator[DemoServer]:
    """A demo server whose heartbeat is 1 s, so "silent for 2.5 s" is quick to see."""
    server = LiveServer(tmp_path, PLEINMUNT_KIOSK_HEARTBEAT_SECONDS="1")
    printed = server.command("demo", "--base-url", server.url)
    path = next(line.split()[1] for line in printed.splitlines() if "/kiosk/schoolplein" in line)
    server.start()
    yield DemoServer(server=server, kiosk_paths={"schoolplein": path.replace(server.url, "")})
    if server.process is not None:
        server.process.send_signal(signal.SIGCONT)
    server.stop()


def test_kiosk_notices_a_silent_server_and_recovers(page: Page, quick_server: DemoServer) -> None:
    """A frozen server (a half-open connection) sends nothing; the page must not wait for a
    close that never comes."""
    open_kiosk(page, quick_server, "schoolplein")
    process = quick_server.server.process
    assert process is not None
    process.send_signal(signal.SIGSTOP)
    status = page.locator("#status")
    expect(status).to_have_attribute("data-state", "reconnecting", timeout=10_000)
    process.send_signal(signal.SIGCONT)
    expect(status).to_have_attribute("data-state", "live", timeout=30_000)

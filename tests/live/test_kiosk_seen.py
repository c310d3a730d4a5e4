"""The desk sees each kiosk link's screens: ``connected`` and ``last_seen_at`` (real uvicorn)."""

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tests.live.conftest import LiveSchool
from tests.support.sockets import open_socket, receive


def link(school: LiveSchool) -> dict[str, Any]:
    links = school.teacher.get(f"/api/v1/boards/{school.board}/kiosk-links")
    assert links.status_code == 200, links.text
    return next(row for row in links.json() if row["id"] == school.link_id)


def wait_for(school: LiveSchool, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The link once ``test`` holds for it (or as it is after a generous wait)."""
    deadline = time.monotonic() + 15
    while not test(row := link(school)) and time.monotonic() < deadline:
        time.sleep(0.3)
    return row


def test_kiosk_links_show_connected_screens_and_last_seen(school: LiveSchool) -> None:
    before = link(school)
    assert (before["connected"], before["last_seen_at"]) == (0, None)

    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        async with open_socket(school.ws_url()) as one, open_socket(school.ws_url()) as two:
            await receive(one)
            await receive(two)
            now = await asyncio.to_thread(link, school)
            seen = await asyncio.to_thread(
                wait_for, school, lambda row: row["last_seen_at"] is not None
            )
        return now, seen

    connected, seen = asyncio.run(scenario())
    assert connected["connected"] == 2
    assert seen["last_seen_at"] is not None
    first_seen = datetime.fromisoformat(seen["last_seen_at"])
    after = wait_for(school, lambda row: row["last_seen_at"] != seen["last_seen_at"])
    assert after["connected"] == 0
    assert datetime.fromisoformat(after["last_seen_at"]) >= first_seen  # noted when they left

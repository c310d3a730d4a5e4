"""What a kiosk socket carries about children, frame by frame (real uvicorn, both databases):
in ``groups`` mode no child at all; a child without consent (show_on_board false) never by name,
avatar or id, while their coins fill their group's tube and they can still win."""

import asyncio
import json
from typing import Any
from zoneinfo import ZoneInfo

from websockets.asyncio.client import ClientConnection

from app.domain.weeks import week_of
from app.models.types import utcnow
from tests.live.conftest import LiveSchool
from tests.support.sockets import WAIT, open_socket

CHILD_KEYS = ('"child_id"', '"avatar"')  # as JSON keys; "name" is also a group's


async def frames_until(socket: ClientConnection, done: str) -> list[str]:
    """Every frame (raw text, heartbeats left out) up to the first that contains ``done``."""
    frames = []
    while True:
        frame = str(await asyncio.wait_for(socket.recv(), WAIT))
        if '"type":"heartbeat"' in frame:
            continue
        frames.append(frame)
        if done in frame:
            return frames


def draw_winner(school: LiveSchool) -> dict[str, Any]:
    week = week_of(utcnow(), ZoneInfo("Europe/Amsterdam"))
    response = school.teacher.post(f"/api/v1/boards/{school.board}/weeks/{week}/winner")
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_groups_mode_frames_carry_no_child(school: LiveSchool) -> None:
    changed = school.teacher.patch("/api/v1/boards/plein", json={"display_mode": "groups"})
    assert changed.status_code == 200, changed.text
    school.award("Noor")

    async def scenario() -> list[str]:
        async with open_socket(school.ws_url()) as socket:
            frames = await frames_until(socket, '"type":"snapshot"')
            for name in ("Sam", "Zoë", "Zoë"):
                await asyncio.to_thread(school.award, name)
            frames += await frames_until(socket, '"amount"')
            frames += await frames_until(socket, '"amount"')
            coin = await asyncio.to_thread(school.award, "Sam")
            frames += await frames_until(socket, coin["id"])
            winner = await asyncio.to_thread(draw_winner, school)
            frames += await frames_until(socket, '"type":"winner"')
            since = json.loads(frames[0])["seq"]
        async with open_socket(school.ws_url(since=since)) as replay:  # what a reconnect gets
            frames += await frames_until(replay, '"type":"winner"')
        assert winner["winner_child_id"] in school.children.values()
        return frames

    frames = asyncio.run(scenario())
    snapshot = json.loads(frames[0])
    assert snapshot["children"] == []
    assert snapshot["board"]["display_mode"] == "groups"
    assert {row["name"]: row["coins"] for row in snapshot["groups"]} == {"Groep 5": 0, "Groep 6": 1}
    for frame in frames:
        for word in ("Sam", "Zoë", "Zo\\u00eb", "Noor", "fox:orange", *CHILD_KEYS):
            assert word not in frame, frame
        message = json.loads(frame)
        assert "name" not in message
        assert all("name" not in row for row in message.get("recent", []))
    winner = json.loads(frames[-1])
    assert winner["group"] == "Groep 5"


def test_child_without_consent_never_in_a_frame_but_counts_and_wins(school: LiveSchool) -> None:
    zoe = school.children["Zoë"]

    async def scenario() -> tuple[list[str], list[str]]:
        async with open_socket(school.ws_url()) as socket:
            before = await frames_until(socket, '"type":"snapshot"')
            assert "Zoë" in before[0]  # shown until her consent is withdrawn
            changed = await asyncio.to_thread(
                school.teacher.patch, f"/api/v1/children/{zoe}", json={"show_on_board": False}
            )
            assert changed.status_code == 200, changed.text
            frames = await frames_until(socket, '"type":"snapshot"')
            for _ in range(3):
                await asyncio.to_thread(school.award, "Zoë")
            coin = await asyncio.to_thread(school.award, "Sam")
            frames += await frames_until(socket, coin["id"])
            winner = await asyncio.to_thread(draw_winner, school)
            assert winner["winner_child_id"] == zoe  # she can still win
            frames += await frames_until(socket, '"type":"winner"')
            since = json.loads(frames[0])["seq"]
        async with open_socket(school.ws_url(since=since)) as replay:
            replayed = await frames_until(replay, '"type":"winner"')
        return frames, replayed

    frames, replayed = asyncio.run(scenario())
    for frame in [*frames, *replayed]:
        assert "Zoë" not in frame
        assert "Zo\\u00eb" not in frame
        message = json.loads(frame)
        rows = [message, *message.get("children", []), *message.get("recent", [])]
        assert all(row.get("child_id") != zoe for row in rows), frame
        assert "fox:orange" not in frame or message.get("child_id") == school.children["Sam"] \
            or message["type"] == "snapshot"  # fmt: skip
    snapshot = json.loads(frames[0])
    assert zoe not in [row["child_id"] for row in snapshot["children"]]
    coins = [json.loads(frame) for frame in frames if '"type":"coin"' in frame]
    assert len(coins) == 4
    assert [c.get("child_id") for c in coins] == [None, None, None, school.children["Sam"]]
    assert all(c["group_id"] == school.groups["Groep 5"] for c in coins)
    winner = json.loads(frames[-1])
    assert (winner["group"], "child_id" in winner) == ("Groep 5", False)

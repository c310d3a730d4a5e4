"""The kiosk socket against a real server: snapshot, live coins, resume, masking, board changes."""

import asyncio

from sqlmodel import select

from app.db import make_engine, write_session
from app.models import Board
from app.services.events import record_event
from tests.live.conftest import LiveSchool
from tests.support.sockets import open_socket, receive, receive_until


def test_socket_sends_snapshot_then_live_coin(school: LiveSchool) -> None:
    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            snapshot = await receive(socket)
            assert snapshot["type"] == "snapshot"
            assert snapshot["board"]["slug"] == "plein"
            assert {row["name"] for row in snapshot["children"]} == {"Sam B.", "Zoë D.", "Noor K."}
            coin = await asyncio.to_thread(school.award, "Sam", amount=2)
            event = await receive(socket)
            assert event["type"] == "coin"
            assert event["coin_id"] == coin["id"]
            assert event["seq"] > snapshot["seq"]
            assert (event["name"], event["amount"]) == ("Sam B.", 2)
            assert event["child_id"] == coin["child_id"]
            assert "first_name" not in event
            assert "last_initial" not in event

    asyncio.run(scenario())


def test_socket_skips_coins_of_other_boards(school: LiveSchool) -> None:
    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            await asyncio.to_thread(school.award, "Finn")  # Peuters: not on this board
            noor = await asyncio.to_thread(school.award, "Noor")
            event = await receive(socket)
            assert event["coin_id"] == noor["id"]

    asyncio.run(scenario())


def test_socket_resumes_with_since_without_repeating(school: LiveSchool) -> None:
    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            snapshot = await receive(socket)
            first = await asyncio.to_thread(school.award, "Sam")
            seen = await receive(socket)
            assert seen["coin_id"] == first["id"]
        missed = [await asyncio.to_thread(school.award, name) for name in ("Zoë", "Noor", "Sam")]
        async with open_socket(school.ws_url(since=seen["seq"])) as socket:
            replayed = [await receive(socket) for _ in missed]
            assert [event["type"] for event in replayed] == ["coin"] * 3
            assert [event["coin_id"] for event in replayed] == [coin["id"] for coin in missed]
            seqs = [event["seq"] for event in replayed]
            assert seqs == sorted(seqs)
            assert seqs[0] > seen["seq"] > snapshot["seq"]
            live = await asyncio.to_thread(school.award, "Zoë")
            event = await receive(socket)
            assert (event["coin_id"], event["seq"] > seqs[-1]) == (live["id"], True)

    asyncio.run(scenario())


def test_socket_since_unknown_seq_sends_snapshot(school: LiveSchool) -> None:
    async def scenario() -> None:
        await asyncio.to_thread(school.award, "Sam")
        async with open_socket(school.ws_url(since=987_654)) as socket:
            first = await receive(socket)
            assert first["type"] == "snapshot"
            assert next(row for row in first["children"] if row["name"] == "Sam B.")["coins"] == 1

    asyncio.run(scenario())


def test_socket_board_change_sends_fresh_snapshot(school: LiveSchool) -> None:
    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            before = await receive(socket)
            response = await asyncio.to_thread(
                school.teacher.patch, "/api/v1/boards/plein", json={"name_display": "first_name"}
            )
            assert response.status_code == 200
            after = await receive(socket)
            assert after["type"] == "snapshot"
            assert after["seq"] > before["seq"]
            assert {row["name"] for row in after["children"]} == {"Sam", "Zoë", "Noor"}
            coin = await asyncio.to_thread(school.award, "Sam")
            event = await receive(socket)
            assert (event["coin_id"], event["name"]) == (coin["id"], "Sam")

    asyncio.run(scenario())


def test_avatar_only_board_receives_no_names(school: LiveSchool) -> None:
    response = school.teacher.patch("/api/v1/boards/plein", json={"name_display": "avatar_only"})
    assert response.status_code == 200

    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            snapshot = await receive(socket)
            await asyncio.to_thread(school.award, "Sam")
            event = await receive(socket)
        rows = [*snapshot["children"], *snapshot["recent"], event]
        assert rows
        assert all("name" not in row for row in rows)
        for text in ("Sam", "Zoë", "Noor", "first_name"):
            assert text not in str(snapshot)
            assert text not in str(event)

    asyncio.run(scenario())


def test_socket_seqs_strictly_increase_under_bursts(school: LiveSchool) -> None:
    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            snapshot = await receive(socket)

            def burst() -> list[str]:
                return [school.award(name)["id"] for name in ("Sam", "Zoë", "Noor") * 5]

            coin_ids = await asyncio.to_thread(burst)
            events = await receive_until(socket, lambda m: m.get("coin_id") == coin_ids[-1])
        coins = [event for event in events if event["type"] == "coin"]
        assert [event["coin_id"] for event in coins] == coin_ids
        seqs = [snapshot["seq"], *(event["seq"] for event in events)]
        assert all(a < b for a, b in zip(seqs, seqs[1:], strict=False))

    asyncio.run(scenario())


def test_winner_event_reaches_its_board_with_the_name_it_allows(school: LiveSchool) -> None:
    """The draw (another part of Pleinmunt) records a ``winner`` event; the board shows it."""
    engine = make_engine(school.database_url)

    def draw() -> int:
        with write_session(engine) as session:
            board = session.exec(select(Board).where(Board.slug == "plein")).one()
            seq = record_event(
                session,
                kind="winner",
                board_id=board.id,
                child_id=school.children["Zoë"],
                payload={
                    "board": "plein",
                    "week": "2026-W47",
                    "draw_id": 1,
                    "child_id": school.children["Zoë"],
                    "first_name": "Zoë",
                    "last_initial": "D",
                    "avatar": "fox:orange",
                    "group": "Groep 5",
                    "coins": 9,
                    "reward": "kiest het spel",
                    "policy": "most_coins",
                },
            )
            session.commit()
            return seq

    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            seq = await asyncio.to_thread(draw)
            winner = await receive(socket)
            assert (winner["type"], winner["seq"]) == ("winner", seq)
            assert (winner["name"], winner["reward"], winner["week"]) == (
                "Zoë D.",
                "kiest het spel",
                "2026-W47",
            )
            assert "first_name" not in winner

    asyncio.run(scenario())
    engine.dispose()

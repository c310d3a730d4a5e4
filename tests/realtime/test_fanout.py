"""Turning a read of events into what each board's kiosks get, and getting it to them."""

import asyncio
import json

from app.domain.masking import NameDisplay
from app.realtime.connection import Batch
from app.realtime.fanout import board_steps, fan_out
from app.realtime.protocol import BoardRoute
from tests.realtime.test_connection import FakeSocket, FakeWriter, connection, settle, unframe
from tests.realtime.test_protocol import COIN, event

PLEIN = BoardRoute(1, "plein", NameDisplay.first_name_initial, frozenset({3}))


def seqs(step: Batch | None) -> list[int] | None:
    return None if step is None else [message.seq for message in step.messages]


def test_board_steps_batch_runs_and_turn_board_changes_into_snapshots() -> None:
    events = [
        event(5, group_id=3),
        event(6, group_id=8),  # another board's group
        event(7, "board", {"board": "plein"}, board_id=1),
        event(8, group_id=3),
        event(9, "winner", {"first_name": "Sam"}, board_id=1),
        event(10, "winner", {"first_name": "Noor"}, board_id=2),
    ]
    assert [seqs(step) for step in board_steps(events, PLEIN)] == [[5], None, [8, 9]]


def test_batch_frames_every_message_back_to_back() -> None:
    (batch,) = board_steps([event(5, group_id=3), event(6, group_id=3)], PLEIN)
    assert batch is not None
    texts = [json.loads(text) for text in unframe(batch.frame)]
    assert [(m["seq"], m["name"]) for m in texts] == [(5, "Sam B."), (6, "Sam B.")]
    assert COIN["first_name"] not in [m.get("first_name") for m in texts]


def test_fan_out_writes_a_run_once_per_idle_socket() -> None:
    async def scenario() -> list[tuple[int, list[int]]]:
        sockets = [FakeSocket() for _ in range(3)]
        writers = [FakeWriter(socket) for socket in sockets]
        kiosks = [
            connection(socket, writer=writer)
            for socket, writer in zip(sockets, writers, strict=True)
        ]
        pumps = [asyncio.create_task(kiosk.pump(_no_snapshot)) for kiosk in kiosks]
        await settle()
        events = [event(seq, group_id=3) for seq in (5, 6, 7)]
        await fan_out(events, {1: PLEIN}, {1: set(kiosks)})
        for pump in pumps:
            pump.cancel()
        return [
            (writer.writes, [json.loads(m["text"])["seq"] for m in socket.sent])
            for writer, socket in zip(writers, sockets, strict=True)
        ]

    assert asyncio.run(scenario()) == [(1, [5, 6, 7])] * 3  # three events, one write each


async def _no_snapshot(_board_id: int) -> tuple[int, str]:
    raise AssertionError("no snapshot expected")

"""Fan-out: the events of one read, turned into one batch per board and offered to its kiosks.

Each board's message for an event is built once (names masked for that board), and runs of
consecutive events are framed once, so an idle kiosk gets a whole run in one write. A ``board``
event becomes a fresh snapshot for that board's kiosks. The loop is yielded to between groups
of sockets, so that a thousand kiosks never hold up an HTTP request for long.
"""

import asyncio
from collections.abc import Iterable

from app.realtime.connection import Batch, KioskConnection, Prepared
from app.realtime.protocol import BoardRoute, StoredEvent, concerns, encode, kiosk_message

# Sockets served between two yields to the event loop.
YIELD_EVERY = 200


async def fan_out(
    events: list[StoredEvent],
    routes: dict[int, BoardRoute],
    connections: dict[int, set[KioskConnection]],
) -> None:
    served = 0
    for board_id, sockets in list(connections.items()):
        route = routes.get(board_id)
        if route is None:
            continue
        for step in board_steps(events, route):
            for connection in list(sockets):
                if step is None:
                    connection.resync()
                else:
                    connection.offer(step)
                served += 1
                if served % YIELD_EVERY == 0:
                    await asyncio.sleep(0)


def board_steps(events: Iterable[StoredEvent], route: BoardRoute) -> list[Batch | None]:
    """What one board's kiosks get, in order: batches of events, None for "send a snapshot"."""
    steps: list[Batch | None] = []
    run: list[Prepared] = []
    for event in events:
        if not concerns(event, route):
            continue
        if event.kind == "board":
            if run:
                steps.append(Batch.of(run))
                run = []
            steps.append(None)
        else:
            run.append(Prepared(event.seq, encode(kiosk_message(event, route))))
    if run:
        steps.append(Batch.of(run))
    return steps

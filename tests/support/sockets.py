"""Talking to a board socket of a real server: open it, and read what is not a heartbeat."""

import asyncio
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

# Generous bounds: the machine running the tests may be busy; precise latency is the bench's.
WAIT = 15.0


async def receive(
    socket: ClientConnection, *, skip: tuple[str, ...] = ("heartbeat",)
) -> dict[str, Any]:
    """The next message that is not a heartbeat (within the generous wait)."""
    while True:
        message = json.loads(await asyncio.wait_for(socket.recv(), WAIT))
        if message["type"] not in skip:
            return message


async def receive_until(
    socket: ClientConnection, done: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Every non-heartbeat message up to and including the first one for which ``done`` holds."""
    messages = []
    while True:
        message = await receive(socket)
        messages.append(message)
        if done(message):
            return messages


def open_socket(url: str, **kwargs: Any) -> Any:
    return connect(url, open_timeout=WAIT, **kwargs)

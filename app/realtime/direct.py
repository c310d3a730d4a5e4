"""The fast path for fan-out: one prepared frame, written straight to each idle kiosk socket.

Every kiosk of a board receives the same bytes for an event, so the frame is built once per
board and, for a socket with nothing queued, handed to its transport directly. That skips an
ASGI round trip, a task wake-up and a framing per socket, which is what lets one process feed
a thousand kiosks. It relies on uvicorn's websocket protocol (its ``send`` is a bound method
of the protocol that owns the transport, with ``writable`` for flow control); with any other
server, or whenever the socket is busy, paused or closing, the connection's outbox and the
plain ASGI ``send`` carry the message instead.
"""

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

RAW_SEND = "pleinmunt.raw_send"


class KeepRawSend:
    """Remembers the server's own ``send`` for websocket scopes (Starlette wraps it later)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            scope[RAW_SEND] = send
        await self.app(scope, receive, send)


def text_frame(text: str) -> bytes:
    """An unmasked, unfragmented server text frame (RFC 6455 section 5.2)."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        head = bytes((0x81, size))
    elif size < 1 << 16:
        head = bytes((0x81, 126)) + size.to_bytes(2, "big")
    else:
        head = bytes((0x81, 127)) + size.to_bytes(8, "big")
    return head + payload


class FrameWriter:
    def __init__(self, protocol: Any) -> None:
        self._protocol = protocol

    @classmethod
    def for_scope(cls, scope: Scope) -> "FrameWriter | None":
        protocol = getattr(scope.get(RAW_SEND), "__self__", None)
        needed = ("transport", "writable", "close_sent", "handshake_complete")
        if protocol is None or not all(hasattr(protocol, name) for name in needed):
            return None
        return cls(protocol)

    def write(self, frame: bytes) -> bool:
        """Write now if the socket takes it without queueing; False means: use the outbox."""
        protocol = self._protocol
        transport = protocol.transport
        if (
            protocol.close_sent
            or getattr(protocol, "disconnected", False)
            or not protocol.handshake_complete
            or not protocol.writable.is_set()
            or transport.is_closing()
        ):
            return False
        transport.write(frame)
        return True

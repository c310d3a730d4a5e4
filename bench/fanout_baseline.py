"""The fan-out baseline: a bare ASGI app that broadcasts each posted coin to every socket.

No database, no auth, no masking, no outbox: ``POST /api/v1/coins`` answers 201 and then
awaits uvicorn's ``send`` for each socket in turn, the plainest fan-out there is. Served with
the same uvicorn options as `pleinmunt serve`, so bench_fanout.py's ratio compares the hub.

    python bench/fanout_baseline.py --port 8002
"""

import argparse
import asyncio
import json
from typing import Any

import uvicorn

SOCKETS: set[Any] = set()
_seq = 0


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "websocket":
        await _socket(receive, send)
    elif scope["type"] == "http":
        await _coin(receive, send, scope["method"])
    elif scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})


async def _socket(receive: Any, send: Any) -> None:
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.send", "text": '{"type":"snapshot","seq":0}'})
    SOCKETS.add(send)
    try:
        while (await receive())["type"] != "websocket.disconnect":
            pass
    finally:
        SOCKETS.discard(send)


async def _coin(receive: Any, send: Any, method: str) -> None:
    global _seq
    if method != "POST":  # the bench asking whether we are up
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    _seq += 1
    coin = {"type": "coin", "seq": _seq, "coin_id": json.loads(body)["id"]}
    await send({"type": "http.response.start", "status": 201, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})
    asyncio.get_running_loop().create_task(_broadcast(json.dumps(coin, separators=(",", ":"))))


async def _broadcast(text: str) -> None:
    message = {"type": "websocket.send", "text": text}
    for send in list(SOCKETS):
        await send(message)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=parser.parse_args().port,
        log_level="warning",
        access_log=False,
        ws_ping_interval=20,
        ws_ping_timeout=20,
        ws_per_message_deflate=False,
    )

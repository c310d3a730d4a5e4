"""Run inside one app container of deploy/compose.yaml: a coin given through one instance
reaches a kiosk socket held by the other (PostgreSQL LISTEN/NOTIFY carries it across).

    python cross_instance.py GIVE_URL WATCH_URL KIOSK_PATH USERNAME PASSWORD

Standard library and the app's own dependencies only (it runs in the image's venv).
"""

import asyncio
import json
import sys
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from urllib.parse import parse_qs, urlsplit

import websockets


def _opener(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    _post(opener, f"{base}/api/v1/session", {"username": username, "password": password})
    return opener


def _post(opener: urllib.request.OpenerDirector, url: str, body: dict[str, object]) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with opener.open(request, timeout=10) as response:
        return int(response.status)


async def _watch_and_give(give: str, watch: str, kiosk: str, username: str, password: str) -> None:
    parts = urlsplit(kiosk)
    slug = parts.path.rstrip("/").rsplit("/", 1)[-1]
    token = parse_qs(parts.query)["token"][0]
    socket_url = f"{watch.replace('http', 'ws', 1)}/ws/boards/{slug}?token={token}"
    async with websockets.connect(socket_url) as socket:
        snapshot = json.loads(await asyncio.wait_for(socket.recv(), 10))
        child = snapshot["children"][0]["child_id"]
        coin = str(uuid.uuid4())
        opener = _opener(give, username, password)
        given_at = time.monotonic()
        status = _post(
            opener, f"{give}/api/v1/coins", {"id": coin, "child_id": child, "reason": "helpen"}
        )
        assert status == 201, status
        while True:
            frame = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if frame.get("coin_id") == coin:
                break
        seen = (time.monotonic() - given_at) * 1000
        sys.stdout.write(
            f"coin given through {give}, on {watch}'s kiosk socket {seen:.0f} ms later\n"
        )


def main() -> None:
    give, watch, kiosk, username, password = sys.argv[1:6]
    asyncio.run(_watch_and_give(give, watch, kiosk, username, password))


if __name__ == "__main__":
    main()

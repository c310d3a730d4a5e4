"""A 413 means nothing was stored, also for a chunked body that crosses the limit late."""

import json
import time
import uuid
from collections.abc import Iterator

from tests.live.conftest import LiveSchool


def _valid_coin_then_padding(coin: dict[str, object]) -> Iterator[bytes]:
    yield json.dumps(coin).encode()  # a whole, valid coin first ...
    time.sleep(0.2)  # ... so the server has it before the rest arrives
    for _ in range(80):
        yield b" " * 1024  # ... then whitespace (still valid JSON) past 64 KiB


def test_chunked_body_crossing_the_limit_stores_nothing(school: LiveSchool) -> None:
    coin = {"id": str(uuid.uuid4()), "child_id": school.children["Sam"], "reason": "helpen"}
    url = f"{school.server.url}/api/v1/coins"
    refused = school.teacher.post(
        url, content=_valid_coin_then_padding(coin), headers={"content-type": "application/json"}
    )
    assert refused.status_code == 413
    assert refused.json()["code"] == "too_large"
    stored = school.teacher.post(url, json=coin)
    assert stored.status_code == 201, stored.text  # not 200: the first attempt stored nothing

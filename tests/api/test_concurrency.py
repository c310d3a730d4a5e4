"""Many requests at once, through a real uvicorn server: nothing doubled, nothing out of order."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import col, select

from app.db import read_session
from app.models import BoardEvent, Coin
from tests.support.school import LOGGER_PIN, School, coin_body


def _signed_in_logger(url: str, school: School) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    response = client.post(
        "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
    )
    assert response.status_code == 204
    return client


def test_award_sixteen_concurrent_posts_of_one_coin_make_one_coin(
    served: str, app: FastAPI, school: School
) -> None:
    body = coin_body(school.children["Sam"])
    clients = [_signed_in_logger(served, school) for _ in range(16)]
    start = threading.Barrier(16)

    def post(client: httpx.Client) -> httpx.Response:
        start.wait()
        return client.post("/api/v1/coins", json=body)

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(post, clients))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 15 + [201]
    assert len({response.text for response in responses}) == 1
    with read_session(app.state.engine) as session:
        assert len(session.exec(select(Coin).where(Coin.id == uuid.UUID(body["id"]))).all()) == 1
        coin_events = session.exec(select(BoardEvent).where(BoardEvent.kind == "coin")).all()
        assert len(coin_events) == 1


def test_award_concurrent_coins_for_one_child_respect_the_cap(
    served: str, app: FastAPI, school: School
) -> None:
    clients = [_signed_in_logger(served, school) for _ in range(12)]
    start = threading.Barrier(12)

    def post(client: httpx.Client) -> int:
        start.wait()
        return client.post("/api/v1/coins", json=coin_body(school.children["Sam"])).status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = sorted(pool.map(post, clients))
    assert statuses == [201] * 10 + [422] * 2


def test_events_become_visible_in_seq_order_under_concurrent_writers(
    served: str, app: FastAPI, teacher: TestClient, school: School
) -> None:
    """A reader polling the ledger never sees seq N and later a smaller seq appear."""
    children = list(school.children.values())[:3]
    writers = [_signed_in_logger(served, school) for _ in range(8)]
    stop = threading.Event()
    seen: list[list[int]] = []

    def read_loop() -> None:
        while not stop.is_set():
            with read_session(app.state.engine) as session:
                seen.append(
                    list(session.exec(select(BoardEvent.seq).order_by(col(BoardEvent.seq))))
                )

    def write(index: int) -> None:
        client = writers[index]
        for round_ in range(6):
            child = children[(index + round_) % len(children)]
            assert client.post("/api/v1/coins", json=coin_body(child)).status_code in (201, 422)

    reader = threading.Thread(target=read_loop)
    reader.start()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(8)))
    stop.set()
    reader.join()
    assert len(seen) > 1
    for earlier, later in zip(seen, seen[1:], strict=False):
        highest = earlier[-1] if earlier else 0
        # Everything visible before stays visible, and nothing new appears below the highest seq.
        assert [seq for seq in later if seq <= highest] == earlier
    final = seen[-1]
    assert final == sorted(set(final))

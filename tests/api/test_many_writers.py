"""Many writers at once, of every kind: nobody ever sees "database is locked" or a 5xx."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.settings import Settings
from tests.conftest import make_settings
from tests.support.school import LOGGER_PIN, TEACHER, School, coin_body


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    # Every worker signs in from 127.0.0.1, which to the throttle looks like one tablet guessing
    # in a burst (each attempt counts until its hash check is done). This test is about the
    # writers' lock, so the sign-in limits step aside; tests/live/test_sign_in_throttle.py
    # holds them.
    return make_settings(
        tmp_path,
        database_url,
        throttle_per_account=10_000,
        throttle_per_account_everywhere=10_000,
        throttle_per_address=10_000,
    )


def _client(url: str, school: School, *, teacher: bool) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=60)
    if teacher:
        client.post("/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]})
    else:
        client.post("/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN})
    return client


def _work(url: str, school: School, index: int, start: threading.Barrier) -> list[httpx.Response]:
    """One of several kinds of write, over and over: taps and undos, roster edits, sign-ins."""
    client = _client(url, school, teacher=index % 3 == 0)
    children = list(school.children.values())
    start.wait()
    responses = []
    for round_ in range(8):
        child = children[(index + round_) % len(children)]
        if index % 3 == 0:
            responses.append(client.patch(f"/api/v1/children/{child}", json={"avatar": "owl:teal"}))
            responses.append(client.post("/api/v1/groups", json={"name": f"G{index}-{round_}"}))
        elif index % 3 == 1:
            body = coin_body(child)
            given = client.post("/api/v1/coins", json=body)
            responses.append(given)
            if given.status_code == 201:
                responses.append(client.post(f"/api/v1/coins/{body['id']}/void"))
        else:
            responses.append(
                client.post(
                    "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
                )
            )
            responses.append(client.post("/api/v1/coins", json=coin_body(child)))
    return responses


def test_many_concurrent_writers_never_see_a_locked_database(
    served: str, app: FastAPI, teacher: TestClient, school: School
) -> None:
    workers = 24
    start = threading.Barrier(workers)
    with ThreadPoolExecutor(workers) as pool:
        batches = list(pool.map(lambda i: _work(served, school, i, start), range(workers)))
    responses = [response for batch in batches for response in batch]
    assert len(responses) > workers * 12
    server_errors = [(r.status_code, r.text) for r in responses if r.status_code >= 500]
    assert server_errors == []
    assert not any("locked" in r.text.lower() for r in responses)
    # Refusals are the daily cap and nothing else.
    refused = {r.json().get("code") for r in responses if r.status_code >= 400}
    assert refused <= {"cap_reached"}

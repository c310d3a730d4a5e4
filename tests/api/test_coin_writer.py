"""The coin writer's group commit: many taps, one transaction, each coin judged on its own."""

import asyncio
import threading
import time
import uuid
from concurrent.futures import Future
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import read_session, write_session
from app.domain.actors import Actor, Role
from app.domain.errors import (
    CapReached,
    CoinConflict,
    InactiveChild,
    Unavailable,
    UnknownChild,
    UnknownReason,
)
from app.models import BoardEvent, Coin
from app.models.ledger import CoinCreate
from app.services.coins import writer as writer_module
from app.services.coins.batch import Awarded, award_coins
from app.services.coins.writer import CoinWriter
from app.settings import Settings
from tests.support.school import School, coin_body


def _coin(child_id: int, **extra: object) -> CoinCreate:
    return CoinCreate.model_validate(
        {"id": str(uuid.uuid4()), "child_id": child_id, "reason": "helpen", **extra}
    )


@pytest.fixture
def writer(app: FastAPI, teacher: TestClient) -> CoinWriter:
    return app.state.coin_writer


@pytest.fixture
def intern(school: School) -> Actor:
    return Actor(role=Role.logger, id=school.logger_id)


def _results(futures: list[Future[Awarded]]) -> list[Awarded | BaseException]:
    return [future.exception(timeout=30) or future.result() for future in futures]


def test_batch_judges_each_coin_on_its_own(
    app: FastAPI, school: School, intern: Actor, teacher: TestClient, settings: Settings
) -> None:
    teacher.patch(f"/api/v1/children/{school.children['Noor']}", json={"active": False})
    good = _coin(school.children["Sam"])
    batch = [
        good,
        _coin(99_999),
        _coin(school.children["Noor"]),
        _coin(school.children["Sam"], reason="rennen"),
        good,  # the same coin again in the batch: a replay of the first
        good.model_copy(update={"amount": 2}),  # same id, other body: a conflict
    ]
    with write_session(app.state.engine) as session:
        outcomes = award_coins(
            session, requests=[(coin, intern) for coin in batch], settings=settings
        )
        session.commit()
    kinds = [type(outcome) for outcome in outcomes]
    assert kinds == [Awarded, UnknownChild, InactiveChild, UnknownReason, Awarded, CoinConflict]
    assert [outcome.created for outcome in outcomes if isinstance(outcome, Awarded)] == [
        True,
        False,
    ]
    with read_session(app.state.engine) as session:
        assert len(session.exec(select(Coin)).all()) == 1
        assert len(session.exec(select(BoardEvent).where(BoardEvent.kind == "coin")).all()) == 1


def test_batch_counts_earlier_coins_towards_the_daily_cap(
    writer: CoinWriter, app: FastAPI, school: School, intern: Actor
) -> None:
    futures = [
        writer.submit(coin=_coin(school.children["Zoë"], amount=3), by=intern) for _ in range(4)
    ]
    outcomes = _results(futures)
    assert [type(outcome) for outcome in outcomes] == [Awarded, Awarded, Awarded, CapReached]


def test_batch_events_follow_the_order_of_the_taps(
    writer: CoinWriter, app: FastAPI, school: School, intern: Actor
) -> None:
    coins = [_coin(school.children[name]) for name in ("Sam", "Zoë", "Noor", "Sam", "Zoë")]
    _results([writer.submit(coin=coin, by=intern) for coin in coins])
    with read_session(app.state.engine) as session:
        events = session.exec(
            select(BoardEvent).where(BoardEvent.kind == "coin").order_by(BoardEvent.seq)
        ).all()
    assert [event.payload["coin_id"] for event in events] == [str(coin.id) for coin in coins]
    assert [event.payload["first_name"] for event in events] == ["Sam", "Zoë", "Noor", "Sam", "Zoë"]


def test_writer_answers_after_a_stop_and_restart(
    writer: CoinWriter, school: School, intern: Actor
) -> None:
    first = writer.submit(coin=_coin(school.children["Sam"]), by=intern).result(timeout=30)
    writer.stop()
    second = writer.submit(coin=_coin(school.children["Sam"]), by=intern).result(timeout=30)
    assert (first.created, second.created) == (True, True)


class _Gate:
    """Holds the writer inside its next batch until opened: the moment a request may be
    cancelled, or a batch may fail, while the writer is busy."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, answer: object = None) -> None:
        self.entered = threading.Event()
        self.opened = threading.Event()
        real = writer_module.award_coins

        def award_coins(session: Any, **kwargs: Any) -> Any:
            monkeypatch.setattr(writer_module, "award_coins", real)  # only this batch
            self.entered.set()
            assert self.opened.wait(timeout=30)
            outcomes = real(session, **kwargs)
            return outcomes if answer is None else answer

        monkeypatch.setattr(writer_module, "award_coins", award_coins)


def _next_tap_answers_201_within_a_second(
    writer: CoinWriter, logger: TestClient, school: School, intern: Actor
) -> None:
    started = time.monotonic()
    writer.submit(coin=_coin(school.children["Zoë"]), by=intern).result(timeout=1)
    response = logger.post("/api/v1/coins", json=coin_body(school.children["Zoë"]))
    assert response.status_code == 201, response.text
    assert time.monotonic() - started < 1


def test_writer_skips_a_cancelled_tap_and_answers_the_next(
    writer: CoinWriter,
    app: FastAPI,
    logger: TestClient,
    school: School,
    intern: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = _Gate(monkeypatch)
    written, waiting = _coin(school.children["Sam"]), _coin(school.children["Noor"])

    async def cancel_awaiting_taps() -> None:
        busy = asyncio.create_task(writer.award(coin=written, by=intern))
        assert await asyncio.to_thread(gate.entered.wait, 30)
        queued = asyncio.create_task(writer.award(coin=waiting, by=intern))
        await asyncio.sleep(0.05)
        for task in (busy, queued):  # the tablet gave up: its request is cancelled
            task.cancel()
        await asyncio.gather(busy, queued, return_exceptions=True)

    asyncio.run(cancel_awaiting_taps())
    gate.opened.set()
    _next_tap_answers_201_within_a_second(writer, logger, school, intern)
    with read_session(app.state.engine) as session:
        stored = {coin.id for coin in session.exec(select(Coin)).all()}
    assert written.id in stored  # it was being written when its request went away
    assert waiting.id not in stored  # still queued: skipped, the tablet retries it


def test_writer_survives_a_failing_batch(
    writer: CoinWriter,
    logger: TestClient,
    school: School,
    intern: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = _Gate(monkeypatch, answer=[])  # a batch whose outcomes do not match its taps
    gate.opened.set()
    failed = writer.submit(coin=_coin(school.children["Sam"]), by=intern)
    assert isinstance(failed.exception(timeout=5), Unavailable)
    _next_tap_answers_201_within_a_second(writer, logger, school, intern)


def test_writer_starts_again_when_its_thread_is_gone(
    writer: CoinWriter, app: FastAPI, logger: TestClient, school: School, intern: Actor
) -> None:
    writer.stop()
    writer._thread = _dead_thread()
    assert logger.get("/healthz").json()["stopped"] == ["coin_writer"]
    _next_tap_answers_201_within_a_second(writer, logger, school, intern)
    assert writer.restarts == 1


def _dead_thread() -> threading.Thread:
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    return thread

"""The coin writer's group commit: many taps, one transaction, each coin judged on its own."""

import uuid
from concurrent.futures import Future

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import read_session, write_session
from app.domain.actors import Actor, Role
from app.domain.errors import CapReached, CoinConflict, InactiveChild, UnknownChild, UnknownReason
from app.models import BoardEvent, Coin
from app.models.ledger import CoinCreate
from app.services.coin_batch import Awarded, award_coins
from app.services.coin_writer import CoinWriter
from app.settings import Settings
from tests.api.conftest import School


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

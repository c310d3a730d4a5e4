"""The writers' lock never makes a request wait for ever: a writer that cannot get it in time
answers 503 with Retry-After, and a write on the event loop's thread fails loudly."""

import asyncio
import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import db
from app.db import write_session
from app.models import Group
from tests.support.school import School


def _hold_the_lock(app: FastAPI, taken: threading.Event, done: threading.Event) -> None:
    with write_session(app.state.engine) as session:
        session.add(Group(name="Bezet", kind="class"))
        session.flush()  # BEGIN IMMEDIATE: the writers' lock is ours until the session ends
        taken.set()
        done.wait(30)
        session.rollback()


def test_write_waiting_too_long_for_the_lock_answers_503(
    app: FastAPI, teacher: TestClient, school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "WRITE_LOCK_TIMEOUT_SECONDS", 0.3)
    taken, done = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_lock, args=(app, taken, done))
    holder.start()
    try:
        assert taken.wait(10)
        response = teacher.post("/api/v1/groups", json={"name": "Groep 7", "kind": "class"})
    finally:
        done.set()
        holder.join()
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"]
    assert "nothing was saved" in response.json()["detail"]
    again = teacher.post("/api/v1/groups", json={"name": "Groep 7", "kind": "class"})
    assert again.status_code == 201, again.text


def test_second_write_transaction_in_one_thread_fails_at_once(
    app: FastAPI, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's advisory lock times out instead (the 503 test)")
    engine = app.state.engine
    with write_session(engine) as outer:
        outer.add(Group(name="Buiten", kind="class"))
        outer.flush()
        with write_session(engine) as inner:
            inner.add(Group(name="Binnen", kind="class"))
            with pytest.raises(RuntimeError, match="second write"):
                inner.flush()
        outer.rollback()


def test_write_on_the_event_loop_thread_fails_loudly(app: FastAPI) -> None:
    async def write_on_the_loop() -> None:
        with write_session(app.state.engine) as session:
            session.add(Group(name="Lus", kind="class"))
            session.commit()

    with pytest.raises(db.WriteOnEventLoop):
        asyncio.run(write_on_the_loop())

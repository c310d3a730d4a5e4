"""Helpers for the winners tests: coins in a given week, draws, and a look at the database."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import col, select

from app.db import read_session
from app.domain.weeks import week_of
from app.models import AuditEntry, BoardEvent, Draw
from tests.support.school import coin_body

TZ = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    return datetime.now(UTC)


def this_week(weeks_ago: int = 0) -> str:
    return week_of(now() - timedelta(weeks=weeks_ago), TZ)


def give_coins(client: TestClient, child_id: int, coins: int, *, weeks_ago: int = 0) -> None:
    """``coins`` coins for a child, tapped ``weeks_ago`` weeks back (at most 3 per coin)."""
    when = (now() - timedelta(weeks=weeks_ago)).isoformat()
    while coins > 0:
        amount = min(3, coins)
        body = coin_body(child_id, amount=amount, awarded_at=when)
        response = client.post("/api/v1/coins", json=body)
        assert response.status_code == 201, response.text
        coins -= amount


def draw(client: TestClient, week: str, board: str = "plein", **body: Any) -> Any:
    return client.post(f"/api/v1/boards/{board}/weeks/{week}/winner", json=body or None)


def drawn(client: TestClient, week: str, board: str = "plein", **body: Any) -> dict[str, Any]:
    response = draw(client, week, board, **body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def events(app: FastAPI, kind: str) -> list[BoardEvent]:
    with read_session(app.state.engine) as session:
        return list(
            session.exec(
                select(BoardEvent).where(BoardEvent.kind == kind).order_by(col(BoardEvent.seq))
            ).all()
        )


def audit_entries(app: FastAPI, action: str) -> list[AuditEntry]:
    with read_session(app.state.engine) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def draws_in_db(app: FastAPI) -> list[Draw]:
    with read_session(app.state.engine) as session:
        return list(session.exec(select(Draw).order_by(col(Draw.id))).all())

"""The dashboard's numbers on both databases: coins per week by group and reason, conflicts per
recess, the spread over children and loggers, and queries bounded by the weeks shown."""

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from app.db import read_session, write_session
from app.domain.weeks import shift_week, week_start
from app.models import Coin, RecessTally
from app.services.dashboard import dashboard
from tests.support.school import School

WEEK = "2026-W10"


def _coin(
    session: Session,
    child_id: int,
    week: str,
    *,
    amount: int = 1,
    reason: str = "helpen",
    by: str = "logger:1",
    voided: bool = False,
) -> None:
    at = datetime.combine(week_start(week) + timedelta(days=1), time(10), tzinfo=UTC)
    session.add(
        Coin(
            id=uuid.uuid4(),
            child_id=child_id,
            reason=reason,
            amount=amount,
            awarded_at=at,
            week=week,
            logged_by=by,
            voided_at=at if voided else None,
            request_hash="test",
        )
    )


@pytest.fixture
def history(app: FastAPI, school: School) -> School:
    """Coins in WEEK and the week before, one voided, one far outside the 12-week window."""
    c = school.children
    with write_session(app.state.engine) as session:
        _coin(session, c["Sam"], WEEK, amount=2)
        _coin(session, c["Zoë"], WEEK, reason="samen-opruimen", by="logger:2")
        _coin(session, c["Noor"], WEEK, voided=True)
        _coin(session, c["Finn"], shift_week(WEEK, -1), reason="fiets-wisselen")
        _coin(session, c["Noor"], shift_week(WEEK, -12), amount=3)  # before the window
        session.commit()
    return school


@pytest.fixture
def read(app: FastAPI) -> Iterator[Session]:
    with read_session(app.state.engine) as session:
        yield session


def test_window_is_twelve_weeks_ending_with_the_week(history: School, read: Session) -> None:
    data = dashboard(read, last_week=WEEK)
    assert data.weeks[0] == shift_week(WEEK, -11)
    assert data.weeks[-1] == WEEK
    assert len(data.weeks) == 12


def test_coins_per_week_by_group_leave_out_voided_and_older(history: School, read: Session) -> None:
    data = dashboard(read, last_week=WEEK)
    by_group = {series.key: series.values for series in data.by_group}
    assert by_group["Groep 5"][-1] == 3  # Sam 2 + Zoë 1
    assert "Groep 6" not in by_group  # Noor's only coin in the window was undone
    assert by_group["Peuters"][-2:] == [1, 0]
    assert sum(data.coins) == 4


def test_coins_per_week_by_reason(history: School, read: Session) -> None:
    data = dashboard(read, last_week=WEEK)
    by_reason = {series.key: series.values[-1] for series in data.by_reason}
    assert by_reason == {"helpen": 2, "samen-opruimen": 1, "fiets-wisselen": 0}
    labels = {series.key: series.label_nl for series in data.by_reason}
    assert all(labels.values())


def test_conflicts_per_recess_by_week(app: FastAPI, read: Session) -> None:
    monday = week_start(WEEK)
    with write_session(app.state.engine) as session:
        for day, recess, zone, conflicts in (
            (monday, "morning", "plein", 2),
            (monday, "lunch", "voetbal", 3),
            (monday + timedelta(days=2), "lunch", "plein", 1),
            (monday - timedelta(days=7), "lunch", "voetbal", 4),
            (monday + timedelta(days=7), "lunch", "voetbal", 9),  # after the window
        ):
            session.add(RecessTally(day=day, recess=recess, zone=zone, conflicts=conflicts))
        session.commit()
    data = dashboard(read, last_week=WEEK)
    conflicts = {series.key: series.values[-2:] for series in data.conflicts}
    assert conflicts == {"morning": [0, 2], "lunch": [4, 4]}


def test_spread_counts_the_children_without_a_coin(
    history: School, app: FastAPI, teacher: TestClient, read: Session
) -> None:
    teacher.patch(f"/api/v1/children/{history.children['Saar']}", json={"active": False})
    data = dashboard(read, last_week=WEEK)
    spread = {bucket.label: bucket.count for bucket in data.spread}
    # Active: Sam 2, Zoë 1, Noor 0 (undone), Finn 0 (last week only); Saar left.
    assert spread == {"0": 2, "1": 1, "2": 1, "3–4": 0, "5–9": 0, "10+": 0}
    assert data.without_coins == 2
    groups = {row.group: (row.children, row.without_coins) for row in data.spread_by_group}
    assert groups == {"Groep 5": (2, 0), "Groep 6": (1, 1), "Peuters": (1, 1)}


def test_coins_per_logger_this_week_and_in_the_window(history: School, read: Session) -> None:
    data = dashboard(read, last_week=WEEK)
    loggers = {row.label: (row.this_week, row.all_weeks) for row in data.loggers}
    assert loggers == {"logger:1": (2, 3), "logger:2": (1, 1)}


def test_coin_queries_are_bounded_by_the_weeks_shown(
    history: School, app: FastAPI, read: Session
) -> None:
    statements: list[str] = []

    def remember(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.lower().split()))

    event.listen(app.state.engine, "before_cursor_execute", remember)
    try:
        dashboard(read, last_week=WEEK)
    finally:
        event.remove(app.state.engine, "before_cursor_execute", remember)
    on_coins = [s for s in statements if "from coin" in s]
    assert len(on_coins) == 2  # the three coin charts in one pass, and the spread
    assert all("coin.week in" in s for s in on_coins), on_coins
    on_tallies = [s for s in statements if "from recess_tally" in s]
    assert all("recess_tally.day >=" in s and "recess_tally.day <" in s for s in on_tallies)


def test_dashboard_page_draws_charts_with_their_numbers(
    history: School, teacher: TestClient
) -> None:
    response = teacher.get(f"/teacher/dashboard?week={WEEK}")
    assert response.status_code == 200
    html = response.text
    assert html.count('<svg class="chart"') == 6
    assert html.count('<table class="table compact numbers"') >= 6
    assert "Weken 51 tot en met 10" in html  # 2025-W51 .. 2026-W10
    # Noor (undone), Finn (last week only) and Saar have no coin this week.
    assert re.search(r'id="tile-none"><strong>3</strong>', html)
    # The numbers under the groups chart: this week's row for Groep 5.
    assert '<th scope="row">wk 10</th><td class="num">3</td>' in html


def test_dashboard_of_a_future_week_shows_this_week(teacher: TestClient, school: School) -> None:
    future = shift_week(WEEK, 52 * 10)
    response = teacher.get(f"/teacher/dashboard?week={future}")
    assert response.status_code == 200
    assert 'rel="next"' not in response.text


def test_dashboard_with_no_data_at_all(teacher: TestClient) -> None:
    response = teacher.get("/teacher/dashboard")
    assert response.status_code == 200
    assert "Nog geen munten in deze weken." in response.text

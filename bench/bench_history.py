"""Does history slow the board? Standings latency with five school years of coins, against the
same school with only this week's coins, measured in the same run.

A 500-child school (20 groups of 25); the board shows three groups. "One week" holds this
week's coins only (25 per child); "five years" adds 2.5 million older coins (200 school weeks).
Each case answers GET /api/v1/boards/{slug}/standings 300 times through the app (in-process
ASGI, so the figure is the app's and the database's cost, not the network's).

    .venv/bin/python bench/bench_history.py                         # SQLite
    .venv/bin/python bench/bench_history.py --database postgresql
"""

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from fastapi.testclient import TestClient

from app.db import write_session
from app.domain.weeks import week_of
from app.main import create_app
from app.schema import upgrade_to_head
from app.services.people import create_teacher
from app.settings import Settings

PG_SERVER = os.environ.get("PLEINMUNT_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
GROUPS, PER_GROUP, HISTORY_COINS, REQUESTS = 20, 25, 2_500_000, 300


def _school(settings: Settings) -> tuple[TestClient, list[int], object]:
    app = create_app(settings)
    with write_session(app.state.engine) as session:
        create_teacher(session, username="bench", password="bench-password", settings=settings)
    client = TestClient(app)
    client.__enter__()
    client.post("/api/v1/session", json={"username": "bench", "password": "bench-password"})
    groups = [
        client.post("/api/v1/groups", json={"name": f"Groep {g}"}).json()["id"]
        for g in range(GROUPS)
    ]
    children = [
        client.post("/api/v1/children", json={"first_name": f"K{g}-{i}", "group_id": group}).json()[
            "id"
        ]
        for g, group in enumerate(groups)
        for i in range(PER_GROUP)
    ]
    client.post("/api/v1/boards", json={"slug": "plein", "title": "Plein", "group_ids": groups[:3]})
    return client, children, app


def _rows(children: list[int], count: int, weeks_back: tuple[int, int], settings: Settings):  # type: ignore[no-untyped-def]
    rng = random.Random(count)
    now = datetime.now(UTC)
    for _ in range(count):
        when = now - timedelta(weeks=rng.uniform(*weeks_back), hours=rng.uniform(0, 6))
        yield (
            uuid.uuid4(),
            rng.choice(children),
            "helpen",
            1,
            when,
            when,
            week_of(when, settings.tz),
            "logger:1",
            None,
            None,
            "0" * 64,
        )


def _fill(settings: Settings, children: list[int], count: int, weeks_back: tuple[int, int]) -> None:
    """Bulk load coins straight into the table (the API would take hours for 2.5 million)."""
    rows = _rows(children, count, weeks_back, settings)
    columns = (
        "id, child_id, reason, amount, awarded_at, recorded_at, week, logged_by, voided_at, "
        "voided_by, request_hash"
    )
    url = settings.resolved_database_url
    if url.startswith("sqlite"):
        import sqlite3

        def sqlite_row(row):  # type: ignore[no-untyped-def]
            cid, child, reason, amount, at, rec, week, by, va, vb, h = row
            fmt = "%Y-%m-%d %H:%M:%S.%f"
            return (
                cid.hex,
                child,
                reason,
                amount,
                at.strftime(fmt),
                rec.strftime(fmt),
                week,
                by,
                va,
                vb,
                h,
            )

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.executemany(
                f"INSERT INTO coin ({columns}) VALUES ({','.join('?' * 11)})",
                (sqlite_row(row) for row in rows),
            )
            db.execute("ANALYZE")
        return
    with psycopg.connect(url.replace("+psycopg", "")) as db:
        with db.cursor().copy(f"COPY coin ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        db.execute("ANALYZE coin")


def _latencies(client: TestClient) -> list[float]:
    for _ in range(20):
        client.get("/api/v1/boards/plein/standings")
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get("/api/v1/boards/plein/standings")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return sorted(times)


def _case(database: str, history: bool, workdir: Path) -> list[float]:
    data = workdir / ("history" if history else "week")
    url, pg_name = None, None
    if database == "postgresql":
        pg_name = f"pleinmunt_hist_{os.getpid()}_{int(history)}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        url = f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{pg_name}"
    settings = Settings(
        data_dir=data,
        database_url=url,
        argon2_time_cost=1,
        argon2_memory_kib=64,
        secret_key="bench",
    )
    upgrade_to_head(settings.resolved_database_url)
    client, children, app = _school(settings)
    try:
        week_start = datetime.now(UTC).astimezone(settings.tz).weekday()
        _fill(settings, children, len(children) * 25, (0, week_start / 7))  # this week
        if history:
            _fill(settings, children, HISTORY_COINS, (2, 260))
        return _latencies(client)
    finally:
        client.__exit__(None, None, None)
        app.state.engine.dispose()  # type: ignore[attr-defined]
        if pg_name:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pleinmunt-history-"))
    try:
        week = _case(args.database, history=False, workdir=workdir)
        years = _case(args.database, history=True, workdir=workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"standings latency ({args.database}, {REQUESTS} requests, board of 75 children)")
    print(f"{'':28}{'p50 ms':>10}{'p99 ms':>10}")
    for name, times in (("one week of coins", week), ("+2.5 million older coins", years)):
        print(f"{name:28}{statistics.median(times):>10.2f}{times[int(len(times) * 0.99)]:>10.2f}")
    ratio = statistics.median(years) / statistics.median(week)
    print(f"ratio five years / one week: p50 {ratio:.2f}x")


if __name__ == "__main__":
    main()

"""The teacher desk with a school year of coins: server time per page, p50 and p95.

A 500-child school (20 classes of 25, two interns, a board over every class) is made through
the API; the demo's history, scaled up, is then bulk loaded: 40 school weeks of coins drawn as
the demo draws them (each child, each school day, 0, 1 or 2 coins, a gentle upward trend),
recess tallies and weekly winners (``ensure_demo_history``), and a school year of audit
entries. Each page is asked through the app in-process (ASGI: the app's and the database's
cost, not the network's), first with this week's coins only (the baseline of the same run),
then with the year added, and printed with the ratio and the target (p95 < 150 ms).

    .venv/bin/python bench/bench_desk.py                         # SQLite
    .venv/bin/python bench/bench_desk.py --database postgresql   # its own database, dropped after
    .venv/bin/python bench/bench_desk.py --profile /teacher/dashboard  # pyinstrument, if installed

The PostgreSQL server is ``PLEINMUNT_TEST_PG`` (default postgresql://postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import psycopg
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.db import write_session  # noqa: E402
from app.domain.weeks import shift_week, week_of  # noqa: E402
from app.main import create_app  # noqa: E402
from app.schema import upgrade_to_head  # noqa: E402
from app.services.demo_history import ensure_demo_history  # noqa: E402
from app.services.people import create_teacher  # noqa: E402
from app.settings import Settings  # noqa: E402

PG_SERVER = os.environ.get("PLEINMUNT_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
GROUPS, PER_GROUP, WEEKS = 20, 25, 40
TARGET_P95_MS = 150
FIRST_NAMES = ("Sam", "Noor", "Levi", "Tess", "Milan", "Fatima", "Daan", "Yara", "Ömer", "Zoë")
AUDIT_ACTIONS = ("coin.void", "child.update", "tally.change", "logger.sign_out", "group.update")


def pages(this_week: str) -> list[tuple[str, str]]:
    return [
        ("week overview (this week)", "/teacher/weeks"),
        ("week overview (a drawn week)", f"/teacher/weeks?week={shift_week(this_week, -5)}"),
        ("dashboard", "/teacher/dashboard"),
        ("roster", "/teacher/roster"),
        ("audit", "/teacher/audit"),
        ("audit, page 20", "/teacher/audit?page=20"),
    ]


def school(settings: Settings) -> tuple[TestClient, Any, list[int], list[str]]:
    app = create_app(settings)
    with write_session(app.state.engine) as session:
        create_teacher(session, username="bench", password="bench-password", settings=settings)
    client = TestClient(app)
    client.__enter__()
    signed = client.post(
        "/api/v1/session", json={"username": "bench", "password": "bench-password"}
    )
    assert signed.status_code == 204, signed.text
    groups = []
    for number in range(GROUPS):
        made = client.post("/api/v1/groups", json={"name": f"Groep {number + 1}"})
        assert made.status_code == 201, made.text
        groups.append(made.json()["id"])
    children = []
    for number, group in enumerate(groups):
        for index in range(PER_GROUP):
            body = {
                "first_name": FIRST_NAMES[index % len(FIRST_NAMES)],
                "last_initial": chr(ord("A") + (number + index) % 26),
                "group_id": group,
            }
            made = client.post("/api/v1/children", json=body)
            assert made.status_code == 201, made.text
            children.append(made.json()["id"])
    loggers = []
    for name, pin in (("Kas", "246810"), ("Kimberly", "135790")):
        made = client.post("/api/v1/loggers", json={"name": name, "pin": pin})
        assert made.status_code == 201, made.text
        loggers.append(f"logger:{made.json()['id']}")
    board = {"slug": "plein", "title": "Plein", "group_ids": groups}
    made = client.post("/api/v1/boards", json=board)
    assert made.status_code == 201, made.text
    reasons = [reason["slug"] for reason in client.get("/api/v1/reasons").json()]
    return client, app, children, [*loggers, *reasons]


def coin_rows(
    children: list[int], reasons: list[str], loggers: list[str], settings: Settings, weeks: int
) -> Iterator[tuple[Any, ...]]:
    """The demo's coins (app/services/demo.py), for ``weeks`` school weeks up to now."""
    rng = random.Random(48)
    now = datetime.now(UTC)
    today = now.astimezone(settings.tz).date()
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    for offset in range((today - first_monday).days + 1):
        day = first_monday + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        progress = offset / (weeks * 7)
        for child in children:
            for _ in range(rng.choices([0, 1, 2], weights=[6 - 2 * progress, 3, 1 + progress])[0]):
                at = datetime.combine(
                    day, clock(10 + rng.randrange(4), rng.randrange(60)), tzinfo=settings.tz
                ).astimezone(UTC)
                if at > now:
                    continue
                by = loggers[1] if child % 4 == 0 else loggers[0]
                yield (uuid.uuid4(), child, rng.choice(reasons), 1, at, at,
                       week_of(at, settings.tz), by, None, None, "0" * 64)  # fmt: skip


def audit_rows(loggers: list[str], settings: Settings, weeks: int) -> Iterator[tuple[Any, ...]]:
    """About a dozen entries per school day: voids, roster edits, tallies, sign-outs."""
    rng = random.Random(7)
    today = datetime.now(UTC).astimezone(settings.tz).date()
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    for offset in range((today - first_monday).days):
        day = first_monday + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for _ in range(rng.randrange(6, 18)):
            at = datetime.combine(
                day, clock(8 + rng.randrange(8), rng.randrange(60)), tzinfo=settings.tz
            ).astimezone(UTC)
            action = rng.choice(AUDIT_ACTIONS)
            detail = {"reason": "vergist"} if action == "coin.void" else {}
            yield (at, rng.choice(loggers), action, f"child:{rng.randrange(1, 500)}",
                   json.dumps(detail))  # fmt: skip


COIN_COLUMNS = (
    "id, child_id, reason, amount, awarded_at, recorded_at, week, logged_by, voided_at, "
    "voided_by, request_hash"
)
AUDIT_COLUMNS = "at, actor, action, subject, detail"


def insert(settings: Settings, table: str, columns: str, rows: Iterator[tuple[Any, ...]]) -> int:
    """Bulk load straight into the table (the API would take an hour for a school year)."""
    url = settings.resolved_database_url
    count = 0
    if url.startswith("sqlite"):
        import sqlite3

        fmt = "%Y-%m-%d %H:%M:%S.%f"

        def plain(row: tuple[Any, ...]) -> tuple[Any, ...]:
            nonlocal count
            count += 1
            return tuple(
                v.hex if isinstance(v, uuid.UUID) else v.strftime(fmt) if isinstance(v, datetime)
                else v for v in row
            )  # fmt: skip

        width = len(columns.split(","))
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * width)})",
                (plain(row) for row in rows),
            )
            db.execute("ANALYZE")
        return count
    with psycopg.connect(url.replace("+psycopg", "")) as pg:
        with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        pg.execute(f"ANALYZE {table}")
    return count


def measure(client: TestClient, url: str, requests: int) -> tuple[list[float], list[float]]:
    """Wall time per request, and this process's CPU time per request: on a machine shared
    with other work the wall time waits for a core, the CPU time much less so."""
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(times), sorted(cpu)


def p95(times: list[float]) -> float:
    return times[min(len(times) - 1, int(len(times) * 0.95))]


def profile(client: TestClient, url: str) -> None:
    """pyinstrument (pip install pyinstrument) inside the worker thread that runs the route."""
    import fastapi.routing
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session

    sessions: list[Session] = []
    original = fastapi.routing.run_in_threadpool

    async def profiled(func: Any, *args: Any, **kwargs: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            profiler = Profiler(interval=0.0005, async_mode="disabled")
            profiler.start()
            try:
                return func(*args, **kwargs)
            finally:
                sessions.append(profiler.stop())

        return await original(call, *args, **kwargs)

    fastapi.routing.run_in_threadpool = profiled
    try:
        for _ in range(20):
            client.get(url)
    finally:
        fastapi.routing.run_in_threadpool = original
    combined = sessions[0]
    for session in sessions[1:]:
        combined = Session.combine(combined, session)
    print(ConsoleRenderer(unicode=False, color=False, show_all=False).render(combined))


def load() -> str:
    """The machine is shared: every figure goes with its load average (1, 5, 15 minutes)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--weeks", type=int, default=WEEKS)
    parser.add_argument(
        "--profile", metavar="URL", action="append", help="profile this page (repeatable)"
    )
    args = parser.parse_args()
    print(f"load average at start: {load()}")
    workdir = Path(tempfile.mkdtemp(prefix="pleinmunt-desk-"))
    pg_name, url = None, None
    if args.database == "postgresql":
        pg_name = f"pleinmunt_desk_{os.getpid()}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        url = f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{pg_name}"
    settings = Settings(
        data_dir=workdir,
        database_url=url,
        argon2_time_cost=1,
        argon2_memory_kib=64,
        secret_key="bench",
        daily_cap=1000,
    )
    upgrade_to_head(settings.resolved_database_url)
    client, app, children, named = school(settings)
    loggers, reasons = named[:2], named[2:]
    try:
        this_week = week_of(datetime.now(UTC), settings.tz)
        week_count = insert(
            settings, "coin", COIN_COLUMNS, coin_rows(children, reasons, loggers, settings, 1)
        )
        results: dict[str, dict[str, tuple[list[float], list[float]]]] = {"week": {}, "year": {}}
        for name, page in pages(this_week):
            results["week"][name] = measure(client, page, args.requests)
        older = [
            row
            for row in coin_rows(children, reasons, loggers, settings, args.weeks)
            if row[6] != this_week
        ]
        year_count = insert(settings, "coin", COIN_COLUMNS, iter(older))
        audits = audit_rows(loggers, settings, args.weeks)
        audit_count = insert(settings, "audit_entry", AUDIT_COLUMNS, audits)
        started = time.perf_counter()
        with write_session(app.state.engine) as session:
            ensure_demo_history(session, settings=settings, weeks=args.weeks)
        history_s = time.perf_counter() - started
        for name, page in pages(this_week):
            results["year"][name] = measure(client, page, args.requests)
        for url in args.profile or []:
            print(f"== profile of {url}, 20 requests, the year loaded")
            profile(client, url)
    finally:
        client.__exit__(None, None, None)
        app.state.engine.dispose()
        shutil.rmtree(workdir, ignore_errors=True)
        if pg_name:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    print(
        f"teacher desk, {args.database}: {len(children)} children, this week {week_count} coins;"
        f" the year adds {year_count} coins over {args.weeks} weeks, {audit_count} audit entries,"
        f" tallies and {args.weeks - 2} draws ({history_s:.1f} s); {args.requests} requests a page"
    )
    print(f"{'':30}{'one week (baseline)':>20}{'school year':>33}{'p95 ratio':>11}{'target':>14}")
    print(f"{'':30}{'p50 ms':>10}{'p95 ms':>10}{'p50 ms':>11}{'p95 ms':>11}{'cpu p50':>11}")
    for name, _page in pages(this_week):
        (week, _), (year, cpu) = results["week"][name], results["year"][name]
        verdict = "ok" if p95(year) < TARGET_P95_MS else "MISS"
        print(
            f"{name:30}{statistics.median(week):>10.1f}{p95(week):>10.1f}"
            f"{statistics.median(year):>11.1f}{p95(year):>11.1f}{statistics.median(cpu):>11.1f}"
            f"{p95(year) / p95(week):>10.2f}x  p95<{TARGET_P95_MS} {verdict}"
        )
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()

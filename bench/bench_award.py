"""Coin award throughput and latency at 50 concurrent clients, against a bare FastAPI endpoint.

Both servers run as one uvicorn process on this machine; wrk (Debian package `wrk`) drives them
from another process over loopback with 50 connections. Each Pleinmunt request is a new coin
(fresh UUID, a random child of 500) by a signed-in logger, answered 201 only once the coin is
durable (SQLite: WAL + synchronous=FULL; PostgreSQL: committed). Afterwards the bench checks
that the database holds exactly as many coins as wrk saw 2xx answers.

    .venv/bin/python bench/bench_award.py                      # SQLite
    .venv/bin/python bench/bench_award.py --database postgresql
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("PLEINMUNT_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
CHILDREN = 500
PIN = "24681012"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"server at {url} exited")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"server at {url} did not come up")


def start(command: list[str], env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_up(url, process)
    return process


def prepare_school(env: dict[str, str], url: str) -> tuple[str, list[int]]:
    """A teacher, a group of 500 children and a logger, through the API; returns the logger's
    session cookie and the child ids."""
    setup = subprocess.run(
        [str(BIN / "pleinmunt"), "create-teacher", "bench", "--password-stdin"],
        input="bench-password\n",
        env=env,
        text=True,
        capture_output=True,
        check=True,
    )
    del setup
    teacher = httpx.Client(base_url=url, timeout=30)
    teacher.post("/api/v1/session", json={"username": "bench", "password": "bench-password"})
    group = teacher.post("/api/v1/groups", json={"name": "Bench", "kind": "class"}).json()["id"]
    children = [
        teacher.post("/api/v1/children", json={"first_name": f"Kind{i}", "group_id": group}).json()[
            "id"
        ]
        for i in range(CHILDREN)
    ]
    logger = teacher.post("/api/v1/loggers", json={"name": "Bench", "pin": PIN}).json()["id"]
    tablet = httpx.Client(base_url=url, timeout=30)
    tablet.post("/api/v1/session/pin", json={"logger_id": logger, "pin": PIN})
    return f"pleinmunt_session={tablet.cookies['pleinmunt_session']}", children


def run_wrk(url: str, seconds: int, env: dict[str, str]) -> dict[str, float]:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c50",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(ROOT / "bench" / "award.lua"),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if os.environ.get("BENCH_DEBUG"):
        print(output, file=sys.stderr)
    return parse_wrk(output)


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output: str) -> dict[str, float]:
    requests = int(re.search(r"(\d+) requests in", output)[1])  # type: ignore[index]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),  # type: ignore[index]
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)[1]),  # type: ignore[index]
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)[1]),  # type: ignore[index]
        "requests": requests,
        "non_2xx": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "none",
    }


def count_coins(database_url: str | None, data_dir: Path) -> int:
    if database_url:
        with psycopg.connect(database_url.replace("+psycopg", "")) as db:
            return int(db.execute("SELECT count(*) FROM coin").fetchone()[0])  # type: ignore[index]
    import sqlite3

    with sqlite3.connect(data_dir / "pleinmunt.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM coin").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench needs wrk: apt-get install wrk")
    data_dir = Path(tempfile.mkdtemp(prefix="pleinmunt-bench-"))
    env = {
        **os.environ,
        "PLEINMUNT_DATA_DIR": str(data_dir),
        # The daily cap is a fairness aid, not a throughput limit: lift it for the bench.
        "PLEINMUNT_DAILY_CAP": "1000",
    }
    database_url, pg_name = None, None
    if args.database == "postgresql":
        pg_name = f"pleinmunt_bench_{os.getpid()}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        database_url = f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{pg_name}"
        env["PLEINMUNT_DATABASE_URL"] = database_url
    app_port, base_port = free_port(), free_port()
    app_url, base_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{base_port}"
    serve = [str(BIN / "pleinmunt"), "serve", "--port", str(app_port)]
    if profile := os.environ.get("BENCH_PROFILE"):  # collapsed stacks for a flame graph
        serve = [
            "py-spy",
            "record",
            "--gil",
            "--format",
            "raw",
            "-r",
            "250",
            "-o",
            profile,
            "--",
            *serve,
        ]
    app = start(serve, env, f"{app_url}/healthz")
    baseline = start(
        [sys.executable, "-m", "bench.baseline_app", "--port", str(base_port)],
        {**env, "PYTHONPATH": str(ROOT)},
        f"{base_url}/docs",
    )
    try:
        cookie, children = prepare_school(env, app_url)
        wrk_env = {**env, "COOKIE": cookie, "CHILDREN": ",".join(map(str, children))}
        run_wrk(f"{app_url}/api/v1/coins", 2, wrk_env)  # warm up
        run_wrk(f"{base_url}/echo", 2, wrk_env)
        before = count_coins(database_url, data_dir)
        award = run_wrk(f"{app_url}/api/v1/coins", args.seconds, wrk_env)
        stored = count_coins(database_url, data_dir) - before
        bare = run_wrk(f"{base_url}/echo", args.seconds, wrk_env)
    finally:
        for process in (app, baseline):
            process.send_signal(signal.SIGINT)  # py-spy, when profiling, writes its file on INT
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                print(f"{process.args[0]} did not stop in 15 s; killed", file=sys.stderr)
                process.kill()
        if pg_name:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)
    report(args.database, award, bare, stored)


def report(database: str, award: dict[str, float], bare: dict[str, float], stored: int) -> None:
    print(f"coin award bench ({database}, 50 connections, one uvicorn process each)")
    print(f"{'':24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>10}")
    for name, row in (("POST /api/v1/coins", award), ("bare FastAPI /echo", bare)):
        print(
            f"{name:24}{row['rps']:>10.0f}{row['p50']:>10.1f}{row['p99']:>10.1f}"
            f"{row['non_2xx']:>10.0f}"
        )
    print(f"ratio award/bare: {award['rps'] / bare['rps']:.1%}")
    answered = award["requests"] - award["non_2xx"]
    print(
        f"coins stored: {stored} for {answered:.0f} 2xx answers "
        f"({'all there' if stored >= answered else 'MISSING COINS'})"
    )


if __name__ == "__main__":
    main()

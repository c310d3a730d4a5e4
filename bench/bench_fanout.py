"""Kiosk fan-out: N kiosk sockets on one `pleinmunt serve` process while coins arrive at 50/s.

For 100 and 1000 kiosks: does every kiosk receive every coin, how long from the coin's 201 (and
from its POST) until it lands on a kiosk (p50/p99 over every kiosk x coin), and how much
server memory each connection costs (RSS after connecting minus before, per connection).
Targets (issue 3): p99 under 100 ms at 1000 kiosks, under 50 KB per connection.

    .venv/bin/python bench/bench_fanout.py                          # SQLite, 100 and 1000
    .venv/bin/python bench/bench_fanout.py --database postgresql --kiosks 1000

The kiosks run in their own process (bench/fanout_client.py, a lean hand-rolled websocket
client), the coins are posted from a third one, so the server's two cores are shared only with
load generators that are cheap per message.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLIENT = [sys.executable, str(ROOT / "bench" / "fanout_client.py")]
BASELINE = [sys.executable, str(ROOT / "bench" / "fanout_baseline.py")]
PG_SERVER = os.environ.get("PLEINMUNT_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
CHILDREN = 100
TARGET_P99_MS, TARGET_KB = 100.0, 50.0
Process = subprocess.Popen[bytes]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pleinmunt_command(port: int) -> list[str]:
    command = [str(BIN / "pleinmunt"), "serve", "--port", str(port)]
    if profile := os.environ.get("BENCH_PROFILE"):  # py-spy flame graph (RSS then is py-spy's)
        return ["py-spy", "record", "--format", "raw", "-r", "100", "-o", profile, "--", *command]
    return command


def start_server(command: list[str], env: dict[str, str], port: int, log: Path) -> Process:
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"{command[0]} exited:\n{log.read_text()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{command[0]} did not come up")


def stop(process: Process) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


def prepare_school(env: dict[str, str], url: str) -> tuple[str, str, list[int]]:
    """A teacher, one class of children on board "bench" and its kiosk link: (teacher
    cookie, kiosk token, child ids)."""
    subprocess.run(
        [str(BIN / "pleinmunt"), "create-teacher", "bench", "--password-stdin"],
        input="bench-password\n",
        env=env,
        text=True,
        capture_output=True,
        check=True,
    )
    teacher = httpx.Client(base_url=url, timeout=30)
    teacher.post("/api/v1/session", json={"username": "bench", "password": "bench-password"})
    group = teacher.post("/api/v1/groups", json={"name": "Bench", "kind": "class"}).json()["id"]
    children = [
        teacher.post("/api/v1/children", json={"first_name": f"Kind{i}", "group_id": group}).json()[
            "id"
        ]
        for i in range(CHILDREN)
    ]
    board = {"slug": "bench", "title": "Bench", "group_ids": [group]}
    assert teacher.post("/api/v1/boards", json=board).status_code == 201
    token = teacher.post("/api/v1/boards/bench/kiosk-links").json()["token"]
    return teacher.cookies["pleinmunt_session"], token, children


def run_round(
    port: int,
    server: Process,
    count: int,
    school: tuple[str, str, list[int]],
    work: Path,
    args: argparse.Namespace,
) -> dict[str, float]:
    cookie, token, children = school
    time.sleep(2)  # let the previous round's sockets go
    before = rss_kb(server.pid)
    posted, out = work / f"posted-{count}.json", work / f"kiosks-{count}.json"
    kiosks = subprocess.Popen(
        [
            *CLIENT,
            "kiosks",
            "--port",
            str(port),
            "--token",
            token,
            "--count",
            str(count),
            "--out",
            str(out),
            "--posted",
            str(posted),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert kiosks.stdout is not None
    assert kiosks.stdin is not None
    if kiosks.stdout.readline().strip() != "ready":
        raise SystemExit("kiosks did not connect")
    time.sleep(2)
    connected = rss_kb(server.pid)
    cpu_before = cpu_seconds(server.pid)
    kiosks.stdin.write("go\n")
    kiosks.stdin.flush()
    poster = subprocess.run(
        [
            *CLIENT,
            "poster",
            "--port",
            str(port),
            "--cookie",
            cookie,
            "--out",
            str(posted),
            "--children",
            ",".join(map(str, children)),
            "--rate",
            str(args.rate),
            "--seconds",
            str(args.seconds),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    time.sleep(3)  # the last coins land
    server_cpu = cpu_seconds(server.pid) - cpu_before
    kiosks.stdin.write("stop\n")
    kiosks.stdin.flush()
    kiosks.wait(120)
    return summarize(count, before, connected, server_cpu, json.loads(poster.stdout), out, args)


def percentile(values: array, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def summarize(
    count: int,
    before: int,
    connected: int,
    server_cpu: float,
    poster: dict[str, int],
    out: Path,
    args: argparse.Namespace,
) -> dict[str, float]:
    stats = json.loads(out.read_text())
    latencies = {}
    for kind in ("201", "post"):
        values = array("d")
        with out.with_suffix(f".{kind}").open("rb") as handle:
            values.frombytes(handle.read())
        latencies[kind] = values
    return {
        "kiosks": count,
        "coins": poster["posted"],
        "every_coin": stats["min_coins"] == poster["posted"],
        "min_coins": stats["min_coins"],
        "extra_snapshots": stats["extra_snapshots"],
        "p50_201": percentile(latencies["201"], 0.50),
        "p99_201": percentile(latencies["201"], 0.99),
        "p50_post": percentile(latencies["post"], 0.50),
        "p99_post": percentile(latencies["post"], 0.99),
        "max_201": max(latencies["201"], default=float("nan")),
        "kb_per_connection": (connected - before) / count,
        "rss_mb": connected / 1024,  # the whole server process with the kiosks connected
        "server_cpu_share": server_cpu / (args.seconds + 3),
        "client_cpu_share": stats["cpu_seconds"] / (args.seconds + 3),
    }


def report(title: str, rows: list[dict[str, float]], args: argparse.Namespace) -> None:
    print(f"kiosk fan-out, {title} ({args.rate:.0f} coins/s for {args.seconds:.0f} s)")
    print(
        f"{'kiosks':>7}{'coins':>7}{'all got all':>12}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'p99 POST':>10}{'KB/conn':>9}{'RSS MB':>8}{'srv CPU':>9}{'kiosks CPU':>12}"
    )
    for row in rows:
        print(
            f"{row['kiosks']:>7.0f}{row['coins']:>7.0f}{'yes' if row['every_coin'] else 'NO':>12}"
            f"{row['p50_201']:>9.1f}{row['p99_201']:>9.1f}{row['max_201']:>9.1f}"
            f"{row['p99_post']:>10.1f}{row['kb_per_connection']:>9.1f}{row['rss_mb']:>8.0f}"
            f"{row['server_cpu_share']:>9.0%}{row['client_cpu_share']:>12.0%}"
        )
        if not row["every_coin"]:
            print(
                f"        fewest coins on one kiosk: {row['min_coins']:.0f}; snapshots instead "
                f"of a backlog: {row['extra_snapshots']:.0f}"
            )


def report_targets(rows: list[dict[str, float]]) -> None:
    last = rows[-1]
    print(
        "latency: from the coin's 201 to its frame arriving at the kiosk (p99 POST: from "
        "sending the POST); server CPU: its share of one core while coins flowed"
    )
    print(
        f"at {last['kiosks']:.0f} kiosks: p99/target {last['p99_201'] / TARGET_P99_MS:.2f}, "
        f"memory/target {last['kb_per_connection'] / TARGET_KB:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--kiosks", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pleinmunt-fanout-"))
    env = {**os.environ, "PLEINMUNT_DATA_DIR": str(work), "PLEINMUNT_DAILY_CAP": "1000"}
    pg_name = None
    if args.database == "postgresql":
        pg_name = f"pleinmunt_fanout_{os.getpid()}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        env["PLEINMUNT_DATABASE_URL"] = (
            f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{pg_name}"
        )
    port, base_port = free_port(), free_port()
    server = start_server(pleinmunt_command(port), env, port, work / "server.log")
    try:
        school = prepare_school(env, f"http://127.0.0.1:{port}")
        rows = [run_round(port, server, count, school, work, args) for count in args.kiosks]
        stop(server)
        baseline = start_server(
            BASELINE + ["--port", str(base_port)], env, base_port, work / "b.log"
        )
        bare_school = ("", "", school[2])
        bare = [run_round(base_port, baseline, n, bare_school, work, args) for n in args.kiosks]
        stop(baseline)
    finally:
        for process in (server, *([baseline] if "baseline" in locals() else [])):
            if process.poll() is None:
                stop(process)
        if pg_name:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if os.environ.get("BENCH_KEEP"):  # keep the server's log and the raw figures
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    report(f"Pleinmunt on {args.database}, one `pleinmunt serve` process", rows, args)
    report("baseline: bare uvicorn broadcast (bench/fanout_baseline.py)", bare, args)
    report_targets(rows)
    for row, base in zip(rows, bare, strict=True):
        print(
            f"Pleinmunt vs bare at {row['kiosks']:.0f} kiosks: p99 {row['p99_201']:.1f} vs "
            f"{base['p99_201']:.1f} ms (+{row['p99_201'] - base['p99_201']:.1f} ms), memory "
            f"{row['kb_per_connection'] / base['kb_per_connection']:.1f}x per connection"
        )


if __name__ == "__main__":
    main()

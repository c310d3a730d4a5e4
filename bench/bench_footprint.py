"""Footprint: one idle `pleinmunt serve` (RSS, start-up to a healthy /healthz), then many
schools on one machine (one process and one SQLite file each) under a recess-like load.

Baseline, measured in the same run: the bare FastAPI endpoint of bench/baseline_app.py served
by the same uvicorn, so "app RSS − bare RSS" is what Pleinmunt itself costs.

The load: per school 10 tablets (each its own signed-in session), each tapping one coin every
3 s (with a random start offset) for --seconds; every tap's latency to its 201 is recorded.

    .venv/bin/python -m bench.bench_footprint                 # 1 idle + 20 schools, 60 s load
    .venv/bin/python -m bench.bench_footprint --schools 5 --seconds 20
"""

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bench.bench_award import free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PIN = "24681012"
PASSWORD = "bench-footprint-password"
TABLETS, TAP_EVERY, CHILDREN = 10, 3.0, 30


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


class School:
    def __init__(self, root: Path, number: int) -> None:
        self.data = root / f"school-{number}"
        self.data.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PLEINMUNT_DATA_DIR": str(self.data),
            "PLEINMUNT_DAILY_CAP": "1000",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.children: list[int] = []
        self.logger_ids: list[int] = []

    def start(self) -> float:
        """Seconds from spawning the process to a 200 from /healthz."""
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(BIN / "pleinmunt"), "serve", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.url} exited")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def prepare(self) -> None:
        subprocess.run(
            [str(BIN / "pleinmunt"), "create-teacher", "bench", "--password-stdin"],
            input=f"{PASSWORD}\n",
            env=self.env,
            text=True,
            capture_output=True,
            check=True,
        )
        with httpx.Client(base_url=self.url, timeout=30) as teacher:
            signed = teacher.post(
                "/api/v1/session", json={"username": "bench", "password": PASSWORD}
            )
            signed.raise_for_status()
            group = teacher.post("/api/v1/groups", json={"name": "Groep 5", "kind": "class"})
            group_id = group.json()["id"]
            for i in range(CHILDREN):
                body = {"first_name": f"Kind{i}", "group_id": group_id}
                self.children.append(teacher.post("/api/v1/children", json=body).json()["id"])
            # One intern per tablet: ten sign-ins of one intern from one address at once would
            # look like a guessing tablet to the throttle.
            for i in range(TABLETS):
                made = teacher.post("/api/v1/loggers", json={"name": f"Kas {i}", "pin": PIN})
                made.raise_for_status()
                self.logger_ids.append(made.json()["id"])


async def tablet(
    school: School, number: int, seconds: float, latencies: list[float], errors: list[int]
) -> None:
    async with httpx.AsyncClient(base_url=school.url, timeout=30) as client:
        signed = await client.post(
            "/api/v1/session/pin", json={"logger_id": school.logger_ids[number], "pin": PIN}
        )
        signed.raise_for_status()
        await asyncio.sleep(random.uniform(0, TAP_EVERY))
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            body = {
                "id": str(uuid.uuid4()),
                "child_id": random.choice(school.children),
                "reason": "helpen",
            }
            started = time.perf_counter()
            answer = await client.post("/api/v1/coins", json=body)
            latencies.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 201:
                errors.append(answer.status_code)
            await asyncio.sleep(max(0.0, TAP_EVERY - (time.perf_counter() - started)))


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


def bare_rss() -> float:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.baseline_app", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.post(f"http://127.0.0.1:{port}/echo", json={}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        time.sleep(2)
        return rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(15)


def one_idle(root: Path) -> None:
    school = School(root, 0)
    cold = school.start()  # first start migrates a new database
    school.stop()
    warm = []
    for _ in range(3):
        warm.append(school.start())
        school.stop()
    school.start()
    time.sleep(3)
    idle = rss_mb(school.process.pid)  # type: ignore[union-attr]
    school.prepare()
    time.sleep(3)
    used = rss_mb(school.process.pid)  # type: ignore[union-attr]
    school.stop()
    bare = bare_rss()
    print(
        f"one school: start-up to healthy {cold:.2f} s cold (new database), "
        f"{statistics.median(warm):.2f} s warm (target < 2 s)"
    )
    print(
        f"one school: idle RSS {idle:.0f} MB, after a teacher and an intern signed in "
        f"{used:.0f} MB (target < 80 MB); bare FastAPI+uvicorn {bare:.0f} MB "
        f"(app costs {idle - bare:+.0f} MB over it)"
    )


async def many(root: Path, count: int, seconds: float) -> None:
    schools = [School(root, number) for number in range(1, count + 1)]
    try:
        for school in schools:
            school.start()
            school.prepare()
        time.sleep(2)
        idle = sum(rss_mb(s.process.pid) for s in schools)  # type: ignore[union-attr]
        latencies: dict[int, list[float]] = {s.port: [] for s in schools}
        errors: list[int] = []
        await asyncio.gather(
            *(
                tablet(school, number, seconds, latencies[school.port], errors)
                for school in schools
                for number in range(TABLETS)
            )
        )
        loaded = sum(rss_mb(s.process.pid) for s in schools)  # type: ignore[union-attr]
        every = [value for values in latencies.values() for value in values]
        worst = max(p99(values) for values in latencies.values())
        print(
            f"{count} schools: total RSS {idle:.0f} MB idle, {loaded:.0f} MB after the load "
            f"({loaded / count:.0f} MB each)"
        )
        print(
            f"{count} schools × {TABLETS} tablets, a tap per {TAP_EVERY:.0f} s "
            f"for {seconds:.0f} s: "
            f"{len(every)} taps, {len(errors)} not 201; p50 {statistics.median(every):.1f} ms, "
            f"p99 {p99(every):.1f} ms, worst school's p99 {worst:.1f} ms (target < 50 ms)"
        )
    finally:
        for school in schools:
            school.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        one_idle(root)
        asyncio.run(many(root, args.schools, args.seconds))


if __name__ == "__main__":
    main()

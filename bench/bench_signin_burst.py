"""What a burst of 30 wrong sign-ins does to everyone else's requests.

One `pleinmunt serve` (SQLite, production argon2: time cost 3, 64 MiB) with the sign-in limits
lifted (an attacker with many tablets: every wrong PIN reaches argon2). A probe client signs
in as a teacher and an intern, then asks in a loop: GET /api/v1/groups (a sync route, the
threadpool) and POST /api/v1/coins (async, the coin writer). First 3 s quietly (the baseline
of this run), then while 30 wrong PINs for 30 interns arrive at once. Printed: the probe's
median and worst latency in the burst as ratios to the quiet median, and how long the burst
took.

    .venv/bin/python bench/bench_signin_burst.py
"""

import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_award import BIN, free_port, start  # noqa: E402

BURST = 30
PIN = "24681012"
PASSWORD = "bench-password"


def _school(env: dict[str, str], url: str) -> tuple[httpx.Client, httpx.Client, int, list[int]]:
    subprocess.run(
        [str(BIN / "pleinmunt"), "create-teacher", "bench", "--password-stdin"],
        input=f"{PASSWORD}\n", env=env, text=True, capture_output=True, check=True,
    )  # fmt: skip
    teacher = httpx.Client(base_url=url, timeout=60)
    teacher.post("/api/v1/session", json={"username": "bench", "password": PASSWORD})
    group = teacher.post("/api/v1/groups", json={"name": "Bench", "kind": "class"}).json()["id"]
    child = teacher.post("/api/v1/children", json={"first_name": "Kind", "group_id": group})
    loggers = [
        teacher.post("/api/v1/loggers", json={"name": f"Stagiair{i}", "pin": PIN}).json()["id"]
        for i in range(BURST + 1)
    ]
    tablet = httpx.Client(base_url=url, timeout=60)
    tablet.post("/api/v1/session/pin", json={"logger_id": loggers[0], "pin": PIN})
    return teacher, tablet, child.json()["id"], loggers[1:]


def _probe(teacher: httpx.Client, tablet: httpx.Client, child: int, stop: threading.Event,
           seen: list[tuple[float, float]]) -> None:  # fmt: skip
    while not stop.is_set():
        for call in (
            lambda: teacher.get("/api/v1/groups"),
            lambda: tablet.post(
                "/api/v1/coins",
                json={"id": str(uuid.uuid4()), "child_id": child, "reason": "helpen"},
            ),
        ):
            started = time.perf_counter()
            response = call()
            assert response.status_code < 300 or response.status_code == 422, response.text
            seen.append((started, time.perf_counter() - started))


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="pleinmunt-burst-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        "PATH": str(BIN) + ":/usr/bin:/bin",
        "PLEINMUNT_DATA_DIR": str(data),
        "PLEINMUNT_THROTTLE_PER_ADDRESS": "100000",
        "PLEINMUNT_THROTTLE_PER_ACCOUNT": "100000",
        "PLEINMUNT_THROTTLE_PER_ACCOUNT_EVERYWHERE": "100000",
    }
    server = start(
        [str(BIN / "pleinmunt"), "serve", "--port", str(port)], {**env, "HOME": str(data)}, url
    )
    try:
        teacher, tablet, child, loggers = _school(env, url)
        stop, seen = threading.Event(), []
        probe = threading.Thread(target=_probe, args=(teacher, tablet, child, stop, seen))
        probe.start()
        time.sleep(3)
        burst_start = time.perf_counter()
        with ThreadPoolExecutor(BURST) as pool, httpx.Client(base_url=url, timeout=120) as bad:
            answers = list(
                pool.map(
                    lambda logger: (
                        bad.post(
                            "/api/v1/session/pin", json={"logger_id": logger, "pin": "97531864"}
                        ).status_code
                    ),
                    loggers,
                )
            )
        burst_end = time.perf_counter()
        time.sleep(0.5)
        stop.set()
        probe.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    quiet = [took for at, took in seen if at < burst_start]
    during = [took for at, took in seen if burst_start <= at < burst_end]
    base = statistics.median(quiet)
    print(f"wrong sign-ins: {len(answers)} answered {sorted(set(answers))} in "
          f"{burst_end - burst_start:.2f} s")  # fmt: skip
    print(f"quiet probe: {len(quiet)} requests, median {base * 1000:.1f} ms (baseline = 1.0)")
    print(
        f"probe during the burst: {len(during)} requests, median "
        f"{statistics.median(during) / base:.1f}x ({statistics.median(during) * 1000:.1f} ms), "
        f"worst {max(during) / base:.1f}x ({max(during) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()

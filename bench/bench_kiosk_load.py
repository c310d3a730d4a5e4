"""The wall display's first paint and what it transfers, at 120 children, per display mode.

One real `pleinmunt serve` (temporary SQLite), one board of 120 children (long names, four
classes) made through the API, opened with its kiosk link at 1920x1080 in Debian's Chromium:

- cold: a new browser profile (empty HTTP cache, no service worker) to a painted board;
- warm: a reload of the same page (cache revalidated with 304s, service worker installed);
- transferred: HTTP transfer sizes of the page and everything it loads (scripts, styles, the
  SVG avatars) plus the socket's frames (the snapshot), cold and warm;

for ``ranking``, ``alphabetical`` and ``groups`` (no child on the page), each ``--runs`` times
(median). "Painted" is the first animation frame after the board's first card (or, in groups
mode, tube) is in the page. The baseline, measured in the same run and the same browser, is the
landing page `/` (one small server-rendered page): figures are also printed as ratios to it.
With ``--cpu 4`` Chromium's CPU is slowed 4x (a Raspberry Pi-class screen).

    .venv/bin/python bench/bench_kiosk_load.py
    .venv/bin/python bench/bench_kiosk_load.py --cpu 4 --runs 3
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.kiosk_boards import make_board, teacher_client  # noqa: E402
from tests.servers import LiveServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-sync"]
PAINTED = """() => document.querySelector(".card, .tube") &&
  new Promise((done) => requestAnimationFrame(() => done(performance.now())))"""
LANDED = """() => document.querySelector(".choices") &&
  new Promise((done) => requestAnimationFrame(() => done(performance.now())))"""
TRANSFERRED = """() => performance.getEntriesByType("navigation")
  .concat(performance.getEntriesByType("resource"))
  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"""


def load(browser: Browser, url: str, painted: str, cpu: float) -> dict[str, float]:
    """Cold then warm navigation of one page in a fresh profile."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    if cpu > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    frames = [0]
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda f: frames.__setitem__(0, frames[0] + len(f))),
    )
    page.goto(url)
    cold = float(page.wait_for_function(painted, timeout=120_000).json_value())
    page.wait_for_timeout(1500)  # the socket's snapshot and the images are in
    cold_kb = (page.evaluate(TRANSFERRED) + frames[0]) / 1024
    socket_kb = frames[0] / 1024
    frames[0] = 0
    page.reload()
    warm = float(page.wait_for_function(painted, timeout=120_000).json_value())
    page.wait_for_timeout(1500)
    warm_kb = (page.evaluate(TRANSFERRED) + frames[0]) / 1024
    context.close()
    return {"cold": cold, "warm": warm, "cold_kb": cold_kb, "warm_kb": warm_kb, "ws": socket_kb}


def median(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=120)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=1, help="CPU slowdown (4: a Pi)")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="bench-kiosk-load-"))
    server = LiveServer(data, PLEINMUNT_DAILY_CAP="1000")
    server.start(timeout=180)
    try:
        client = teacher_client(server)
        board = make_board(client, "plein", args.children)
        results: dict[str, dict[str, Any]] = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results["baseline /"] = median(
                [load(browser, server.url + "/", LANDED, args.cpu) for _ in range(args.runs)]
            )
            for mode in ("ranking", "alphabetical", "groups"):
                changed = client.patch("/api/v1/boards/plein", json={"display_mode": mode})
                assert changed.status_code == 200, changed.text
                url = server.url + board.kiosk_path
                runs = [load(browser, url, PAINTED, args.cpu) for _ in range(args.runs)]
                results[mode] = median(runs)
            browser.close()
    finally:
        server.stop()
    base = results["baseline /"]
    print(f"{args.children} children, 1920x1080, CPU x{args.cpu:g}, median of {args.runs}")
    print(f"{'page':<14} {'cold ms':>8} {'x base':>7} {'warm ms':>8} {'x base':>7} "
          f"{'cold KB':>8} {'warm KB':>8} {'socket KB':>10}")  # fmt: skip
    for label, row in results.items():
        print(
            f"{label:<14} {row['cold']:8.0f} {row['cold'] / base['cold']:7.2f} "
            f"{row['warm']:8.0f} {row['warm'] / base['warm']:7.2f} "
            f"{row['cold_kb']:8.1f} {row['warm_kb']:8.1f} {row['ws']:10.1f}"
        )


if __name__ == "__main__":
    main()

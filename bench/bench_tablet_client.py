"""The interns' tablet on a second-hand device: Chromium with its CPU slowed 4x, on "slow 4G".

For each tree (the baseline, by default a worktree of origin/main, and this checkout) it starts
a real `pleinmunt serve` on a temporary SQLite and sets up through the API a school with one
class of 30 children and one group of 500 (a whole school in one list: the worst case for the
grid and its search) and an intern with a PIN. Every page gets ``Emulation.setCPUThrottlingRate``
4 and ``Network.emulateNetworkConditions`` (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up)
before it navigates; the service worker's own fetches get the same conditions through its
DevTools target. It prints:

- first visit: navigation to the sign-in page ready, and the PIN's OK to a usable grid
  (children drawn, the app shown), with the bytes transferred;
- warm start (the app opened again, its shell from the service worker, a roster kept from the
  last visit): navigation to a usable grid, and when the answers of ``/api/v1/tablet/me`` and
  of the group arrived (does the grid wait for them?), several times;
- tap -> toast: a child's card, then a reason; from the reason's touch to the toast drawn
  (requestAnimationFrame after the toast changed), every tap, in the class of 30 and the group
  of 500; and the child's touch to its card shown pressed;
- search in the group of 500: each keystroke to the filtered grid drawn.

Long tasks (Long Tasks API) are counted meanwhile. Figures, not assertions: a loaded machine
says so in bench/RESULTS.md.

    .venv/bin/python bench/bench_tablet_client.py                 # baseline origin/main + here
    .venv/bin/python bench/bench_tablet_client.py --baseline none # this checkout only
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.kiosk_boards import ANIMALS, COLOURS, LONG_NAMES, teacher_client  # noqa: E402
from tests.servers import LiveServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOGGER = ("Kas", "246810")
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}

# Before any script of the page: when the grid is usable, toasts drawn, long tasks.
MARKERS = """
window.bench = { grid: null, long: [], toasts: [], presses: [], searches: [], t0: null };
const drawn = (push) => requestAnimationFrame(() => push(performance.now()));
new MutationObserver((mutations) => {
  const b = window.bench;
  const app = document.getElementById("app");
  if (b.grid === null && app && !app.hidden && document.querySelector("#grid .child")) {
    b.grid = -1;
    drawn((at) => { b.grid = at; });
  }
  if (b.tap !== undefined && mutations.some((m) => {
    const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    return node && node.closest(".toast-dock, #toasts");
  })) {
    const start = b.tap;
    delete b.tap;
    drawn((at) => b.toasts.push(at - start));
  }
  if (b.press !== undefined && document.querySelector("#grid .child[aria-pressed=true]")) {
    const start = b.press;
    delete b.press;
    drawn((at) => b.presses.push(at - start));
  }
}).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
document.addEventListener("touchstart", (event) => {
  if (event.target.closest(".reason")) window.bench.tap = event.timeStamp;
  else if (event.target.closest("#grid .child")) window.bench.press = event.timeStamp;
}, true);
document.addEventListener("keydown", (event) => {
  if (event.target.id === "search") window.bench.key = event.timeStamp;
}, true);
// The frame after the search's input handlers ran (whether or not the grid had to change).
document.addEventListener("input", (event) => {
  const b = window.bench;
  if (event.target.id !== "search" || b.key === undefined) return;
  const start = b.key;
  delete b.key;
  drawn((at) => b.searches.push(at - start));
}, true);
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.bench.long.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
} catch {}
"""
TRANSFERRED = """() => performance.getEntriesByType("navigation")
  .concat(performance.getEntriesByType("resource"))
  .reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize || 0), 0)"""
ANSWERED = """(part) => {
  const entry = performance.getEntriesByType("resource").find((e) => e.name.includes(part));
  return entry ? entry.responseEnd : null;
}"""


def throttle(cdp: CDPSession) -> None:
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)


class WorkerThrottle:
    """Slow 4G for the service worker's own fetches too (the page's conditions are not its)."""

    def __init__(self, browser: Browser) -> None:
        self.cdp = browser.new_browser_cdp_session()
        self.cdp.send("Target.setDiscoverTargets", {"discover": True})
        self.done: set[str] = set()

    def apply(self) -> int:
        targets = self.cdp.send("Target.getTargets")["targetInfos"]
        for target in targets:
            if target["type"] != "service_worker" or target["targetId"] in self.done:
                continue
            session = self.cdp.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
            )["sessionId"]
            for number, (method, params) in enumerate(
                (("Network.enable", {}), ("Network.emulateNetworkConditions", SLOW_4G)), 1
            ):
                message = {"id": number, "method": method, "params": params}
                self.cdp.send(
                    "Target.sendMessageToTarget",
                    {"sessionId": session, "message": json.dumps(message)},
                )
            self.done.add(target["targetId"])
        return len(self.done)


def new_page(context: BrowserContext) -> tuple[Page, CDPSession]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    throttle(cdp)
    return page, cdp


def wait_grid(page: Page) -> float:
    page.wait_for_function("() => window.bench.grid > 0", timeout=120_000, polling=50)
    return float(page.evaluate("() => window.bench.grid"))


def setup_school(server: LiveServer) -> dict[str, Any]:
    client = teacher_client(server)
    made = client.post("/api/v1/loggers", json={"name": LOGGER[0], "pin": LOGGER[1]})
    assert made.status_code == 201, made.text
    groups = {}
    for name, count in (("Groep 5a", 30), ("Hele school", 500)):
        group = client.post("/api/v1/groups", json={"name": name})
        assert group.status_code == 201, group.text
        groups[name] = group.json()["id"]
        for index in range(count):
            body = {
                "first_name": LONG_NAMES[index % len(LONG_NAMES)],
                "last_initial": chr(ord("A") + index // len(LONG_NAMES) % 26),
                "group_id": groups[name],
                "avatar": f"{ANIMALS[index % len(ANIMALS)]}:{COLOURS[index % len(COLOURS)]}",
            }
            child = client.post("/api/v1/children", json=body)
            assert child.status_code == 201, child.text
    return groups


def taps(page: Page, count: int) -> tuple[list[float], list[float]]:
    """``count`` coins, one child each: (touch -> pressed card, reason's touch -> toast)."""
    page.evaluate("() => { window.bench.toasts = []; window.bench.presses = []; }")
    cards = page.locator("#grid .child")
    for index in range(count):
        cards.nth(index % min(cards.count(), 25)).tap()
        page.wait_for_function("(n) => window.bench.presses.length > n", arg=index, polling=20)
        page.locator(".reason").first.tap()
        page.wait_for_function("(n) => window.bench.toasts.length > n", arg=index, polling=20)
        page.wait_for_timeout(300)
    return page.evaluate("() => window.bench.presses"), page.evaluate("() => window.bench.toasts")


def run_tree(label: str, tree: Path, args: argparse.Namespace) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix=f"bench-tablet-{label.split()[0]}-"))
    server = LiveServer(data, PYTHONPATH=str(tree), PLEINMUNT_DAILY_CAP="1000")
    server.start(timeout=180)  # a loaded machine takes its time
    result: dict[str, Any] = {"label": label}
    try:
        setup_school(server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            workers = WorkerThrottle(browser)
            context = browser.new_context(
                viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=False
            )
            context.set_default_timeout(120_000)
            context.add_init_script(MARKERS)
            errors: list[str] = []
            context.on("weberror", lambda error: errors.append(str(error.error)))

            page, cdp = new_page(context)
            page.goto(server.url + "/tablet")
            page.wait_for_function("() => document.documentElement.dataset.ready === 'true'")
            result["signin_ms"] = page.evaluate("() => performance.now()")
            page.locator(".logger", has_text=LOGGER[0]).tap()
            for digit in LOGGER[1]:
                page.locator(f".key[data-key='{digit}']").tap()
            ok_at = page.evaluate("() => performance.now()")
            page.locator(".key.ok").tap()
            result["pin_to_grid_ms"] = wait_grid(page) - ok_at
            page.wait_for_function("() => document.documentElement.dataset.offlineReady === 'true'")
            page.wait_for_function("() => navigator.serviceWorker.controller !== null")
            page.wait_for_timeout(2000)
            result["first_kb"] = page.evaluate(TRANSFERRED) / 1024
            result["sw_throttled"] = workers.apply()

            warm: list[dict[str, float | None]] = []
            for _ in range(args.warm):
                page.close()
                workers.apply()  # a worker started again is a new target
                page, cdp = new_page(context)
                page.goto(server.url + "/tablet")
                usable = wait_grid(page)
                page.wait_for_function(ANSWERED, arg="/api/v1/tablet/groups/", polling=50)
                warm.append(
                    {
                        "usable": usable,
                        "me": page.evaluate(ANSWERED, "/api/v1/tablet/me"),
                        "group": page.evaluate(ANSWERED, "/api/v1/tablet/groups/"),
                    }
                )
                page.wait_for_timeout(1500)
            result["warm"] = warm

            page.wait_for_timeout(2000)
            page.evaluate("() => { window.bench.long = []; }")
            result["taps_30"] = taps(page, args.taps)
            result["long_30"] = page.evaluate("() => window.bench.long")

            page.locator("#group-button").tap()
            page.evaluate("() => { window.bench.grid = null; }")
            switch_at = page.evaluate("() => performance.now()")
            page.locator(".group-choice", has_text="Hele school").tap()
            page.wait_for_function("() => document.querySelectorAll('#grid .child').length >= 500")
            page.evaluate("() => new Promise((done) => requestAnimationFrame(done))")
            result["switch_500_ms"] = page.evaluate("() => performance.now()") - switch_at
            page.wait_for_timeout(3000)
            page.evaluate("() => { window.bench.long = []; }")
            result["taps_500"] = taps(page, args.taps)
            page.wait_for_timeout(2000)
            page.evaluate("() => { window.bench.searches = []; }")
            search = page.locator("#search")
            search.click()
            for key in "mari":
                count = page.evaluate("() => window.bench.searches.length")
                page.keyboard.press(key)
                page.wait_for_function(
                    "(n) => window.bench.searches.length > n", arg=count, polling=20
                )
                page.wait_for_timeout(400)
            for _ in range(4):
                page.keyboard.press("Backspace")
                page.wait_for_timeout(600)
            result["search_500"] = page.evaluate("() => window.bench.searches")
            result["long_500"] = page.evaluate("() => window.bench.long")
            result["errors"] = errors
            browser.close()
    finally:
        server.stop()
    return result


def spread(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    return (
        f"median {statistics.median(ordered):.0f} ms, max {ordered[-1]:.0f} ms "
        f"({len(ordered)} of them; {', '.join(f'{v:.0f}' for v in values)})"
    )


def longest(values: list[float]) -> str:
    return f"{len(values)} long tasks, longest {max(values, default=0):.0f} ms"


def report(result: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    def ratio(now: float, key: str) -> str:
        if baseline is None:
            return ""
        then = key_value(baseline, key)
        return f" [{now / then:.2f}x baseline {then:.0f} ms]" if then else ""

    print(f"== {result['label']}")
    print(
        f"  first visit   sign-in page ready {result['signin_ms']:.0f} ms"
        f"{ratio(result['signin_ms'], 'signin_ms')}; PIN OK -> usable grid "
        f"{result['pin_to_grid_ms']:.0f} ms{ratio(result['pin_to_grid_ms'], 'pin_to_grid_ms')}; "
        f"{result['first_kb']:.0f} KB transferred"
    )
    usable = [row["usable"] or 0 for row in result["warm"]]
    print(
        f"  warm start    navigation -> usable grid {spread(usable)} (target < 500 ms)"
        f"{ratio(statistics.median(usable), 'warm_median')}; service worker throttled: "
        f"{'yes' if result['sw_throttled'] else 'NO'}"
    )
    for row in result["warm"]:
        order = "before" if (row["me"] or 0) > (row["usable"] or 0) else "after"
        print(
            f"                grid {row['usable']:.0f} ms, /tablet/me answered {row['me'] or 0:.0f}"
            f" ms, group {row['group'] or 0:.0f} ms (grid drawn {order} /me)"
        )
    for size in ("30", "500"):
        presses, toasts = result[f"taps_{size}"]
        print(f"  tap ({size:>3})     reason -> toast {spread(toasts)} (target < 50 ms every tap)")
        print(f"                child -> pressed card {spread(presses)}")
        print(f"                {longest(result[f'long_{size}'])}")
    print(
        f"  group of 500  switch -> grid drawn {result['switch_500_ms']:.0f} ms"
        f"{ratio(result['switch_500_ms'], 'switch_500_ms')}"
    )
    print(f"  search (500)  keystroke -> grid drawn {spread(result['search_500'])}")
    if result["errors"]:
        print(f"  script errors: {result['errors']}")


def key_value(result: dict[str, Any], key: str) -> float:
    if key == "warm_median":
        return float(statistics.median(row["usable"] or 0 for row in result["warm"]))
    return float(result[key])


def load() -> str:
    """The machine is shared: every figure goes with its load average (1, 5, 15 minutes)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="origin/main", help="git ref, or 'none'")
    parser.add_argument("--warm", type=int, default=5, help="warm starts per tree")
    parser.add_argument("--taps", type=int, default=15, help="coins per group size")
    args = parser.parse_args()
    print(f"load average at start: {load()}")
    baseline = None
    if args.baseline != "none":
        tree = Path(tempfile.mkdtemp(prefix="bench-tablet-baseline-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), args.baseline],
            check=True,
        )
        try:
            baseline = run_tree("baseline " + args.baseline, tree, args)
            report(baseline, None)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
    report(run_tree("current", ROOT, args), baseline)
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()

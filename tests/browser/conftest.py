"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Screenshots land in screenshots/ (look at them).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.servers import LiveServer

CHROMIUM = "/usr/bin/chromium"
# Not under test-results/: pytest-playwright empties that folder at the start of every run.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@dataclass
class DemoServer:
    server: LiveServer
    kiosk_paths: dict[str, str]

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A real `pleinmunt serve` on SQLite with the demo school (juf / speel-eerlijk-demo ...)."""
    server = LiveServer(tmp_path_factory.mktemp("demo"))
    printed = server.command("demo", "--base-url", server.url)
    paths = {slug: path for path, slug in re.findall(r"(/kiosk/\S+)\s+\((\w+)\)", printed)}
    server.start()
    yield DemoServer(server=server, kiosk_paths=paths)
    server.stop()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

"""What `pleinmunt serve` prints once it is up: addresses other devices can use, a warning when
links would point at 127.0.0.1, a fresh install's setup code, the demo's sign-ins."""

from pathlib import Path

import pytest

from app.addresses import is_loopback_url
from app.services.demo import DemoSignIns
from app.serving import Announcement
from app.settings import Settings
from tests.servers import LiveServer

DEMO = DemoSignIns(
    teacher=("juf", "geheim-wachtwoord"),
    loggers=(("Kas", "246810"),),
    kiosk_paths={"plein": "/kiosk/plein?token=abc"},
)


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(data_dir=tmp_path, secret_key="k", **values)  # type: ignore[arg-type]


def test_loopback_only_warns_and_says_how_to_serve_the_network(tmp_path: Path) -> None:
    text = "\n".join(
        Announcement("127.0.0.1", 8000, _settings(tmp_path), lan=["192.168.1.20"]).lines()
    )
    assert "Pleinmunt is ready at http://127.0.0.1:8000/" in text
    assert "Warning: only this computer can open it." in text
    assert "HOST=0.0.0.0" in text
    assert "PLEINMUNT_BASE_URL=http://192.168.1.20:8000" in text


def test_all_interfaces_print_the_lan_addresses(tmp_path: Path) -> None:
    lines = Announcement(
        "0.0.0.0", 8000, _settings(tmp_path), lan=["192.168.1.20", "10.0.0.5"]
    ).lines()
    text = "\n".join(lines)
    assert lines[0].startswith("Pleinmunt is ready at http://192.168.1.20:8000/")
    assert "also reachable at http://10.0.0.5:8000/" in text
    assert "Warning" not in text
    assert "PLEINMUNT_BASE_URL=http://192.168.1.20:8000 to be sure" in text


def test_base_url_is_the_address_printed(tmp_path: Path) -> None:
    settings = _settings(tmp_path, base_url="https://pleinmunt.school.example/")
    lines = Announcement("0.0.0.0", 8000, settings, lan=["192.168.1.20"], demo=DEMO).lines()
    assert lines[0].startswith("Pleinmunt is ready at https://pleinmunt.school.example/")
    assert "  Kiosk         https://pleinmunt.school.example/kiosk/plein?token=abc" in lines


def test_base_url_on_loopback_warns(tmp_path: Path) -> None:
    settings = _settings(tmp_path, base_url="http://localhost:8000")
    text = "\n".join(Announcement("0.0.0.0", 8000, settings, lan=["192.168.1.20"]).lines())
    assert "Warning: only this computer" in text


def test_setup_code_and_demo_sign_ins_come_last(tmp_path: Path) -> None:
    lines = Announcement(
        "127.0.0.1", 8000, _settings(tmp_path), setup_code="ABCDE-FGHJK", demo=DEMO
    ).lines()
    code_at = lines.index("    ABCDE-FGHJK")
    assert lines[code_at - 1].startswith("No teacher yet. Open http://127.0.0.1:8000/teacher")
    assert lines[-3:] == [
        "  Teacher desk  http://127.0.0.1:8000/teacher   juf / geheim-wachtwoord",
        "  Tablet        http://127.0.0.1:8000/tablet    intern Kas, PIN 246810",
        "  Kiosk         http://127.0.0.1:8000/kiosk/plein?token=abc",
    ]


def test_loopback_urls_are_recognised() -> None:
    assert is_loopback_url("http://127.0.0.1:8000")
    assert is_loopback_url("http://localhost:8000/teacher")
    assert is_loopback_url("http://[::1]:8000")
    assert not is_loopback_url("http://192.168.1.20:8000")
    assert not is_loopback_url("https://pleinmunt.school.example")


@pytest.mark.slow
def test_serve_with_the_demo_ends_with_addresses_and_sign_ins(tmp_path: Path) -> None:
    """What `make run` shows: uvicorn's lines first, then where to go and how to sign in."""
    server = LiveServer(tmp_path).start(timeout=90, extra=("--demo",))
    try:
        # The health checks' access lines come later; what `make run` printed is the rest.
        lines = [line for line in server.log().splitlines() if '"GET /healthz' not in line]
    finally:
        server.stop()
    running = max(i for i, line in enumerate(lines) if "Uvicorn running on" in line)
    ready = lines.index(f"Pleinmunt is ready at {server.url}/  (stop with Ctrl+C)")
    assert running < ready
    assert lines[ready + 1].startswith("  Warning: only this computer can open it.")
    assert "No teacher yet" not in "\n".join(lines)  # the demo has its teacher
    assert lines[-5].startswith(f"  Teacher desk  {server.url}/teacher   juf / ")
    assert lines[-1].startswith(f"  Kiosk         {server.url}/kiosk/")
    assert "Traceback" not in "\n".join(lines)

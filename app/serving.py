"""`pleinmunt serve`: uvicorn, and what it prints once it is up (last, so it stays in view):
the addresses other devices use, a warning when kiosk links and QR codes would point at
127.0.0.1, a fresh install's setup code, and the demo school's sign-ins."""

import socket
import sys
from dataclasses import dataclass, field
from typing import Any

import click
import uvicorn

from app.addresses import is_loopback_url, lan_addresses
from app.services.demo import DemoSignIns
from app.settings import Settings

_ANY = ("0.0.0.0", "::", "")


@dataclass
class Announcement:
    host: str
    port: int
    settings: Settings
    setup_code: str | None = None
    demo: DemoSignIns | None = None
    lan: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        """The address links are printed with: the configured one, else this machine's."""
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/")
        if self.host in _ANY and self.lan:
            return f"http://{self.lan[0]}:{self.port}"
        host = "127.0.0.1" if self.host in _ANY else self.host
        return f"http://{host}:{self.port}"

    def lines(self) -> list[str]:
        return [*self._addresses(), *self._setup(), *self._demo()]

    def _addresses(self) -> list[str]:
        base = self.base
        lines = [f"Pleinmunt is ready at {base}/  (stop with Ctrl+C)"]
        if self.host in _ANY:
            others = [f"http://{address}:{self.port}/" for address in self.lan[1:]]
            if others:
                lines.append(f"  also reachable at {', '.join(others)}")
        if is_loopback_url(base):
            lines += [
                "  Warning: only this computer can open it. Tablets and the wall screen cannot,",
                "  and kiosk links and QR codes made now point at 127.0.0.1. For the school",
                "  network, serve with HOST=0.0.0.0 (make run) or --host 0.0.0.0 and set",
                f"  PLEINMUNT_BASE_URL=http://{self._lan_hint()}:{self.port}",
            ]
        elif self.host in _ANY and not self.settings.base_url:
            lines.append(
                f"  Kiosk links and QR codes use the address the desk is opened with; set "
                f"PLEINMUNT_BASE_URL={base} to be sure."
            )
        return lines

    def _lan_hint(self) -> str:
        return self.lan[0] if self.lan else "<this computer's address>"

    def _setup(self) -> list[str]:
        if self.setup_code is None:
            return []
        return [
            f"No teacher yet. Open {self.base}/teacher and make the first teacher account with "
            "this setup code:",
            f"    {self.setup_code}",
            "  It works until a teacher exists; every start prints a new one.",
        ]

    def _demo(self) -> list[str]:
        if self.demo is None:
            return []
        base = self.base
        teacher, password = self.demo.teacher
        lines = ["Demo school sign-ins:"]
        lines.append(f"  Teacher desk  {base}/teacher   {teacher} / {password}")
        lines += [
            f"  Tablet        {base}/tablet    intern {name}, PIN {pin}"
            for name, pin in self.demo.loggers
        ]
        lines += [f"  Kiosk         {base}{path}" for path in self.demo.kiosk_paths.values()]
        return lines


def announcement(
    settings: Settings, *, host: str, port: int, setup_code: str | None, demo: DemoSignIns | None
) -> Announcement:
    lan = lan_addresses()
    return Announcement(host, port, settings, setup_code=setup_code, demo=demo, lan=lan)


def run(uvicorn_options: dict[str, Any], lines: list[str]) -> None:
    """Serve; print ``lines`` once the server listens (before, when a supervisor runs
    several worker processes)."""
    config = uvicorn.Config(**uvicorn_options)
    if config.workers > 1:
        _echo(lines)
        uvicorn.run(**uvicorn_options)
        return
    config.load_app()
    server = _AnnouncingServer(config, lines)
    server.run()
    if not server.started:
        sys.exit(3)  # uvicorn's own exit code for a failed start


def _echo(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


class _AnnouncingServer(uvicorn.Server):
    """uvicorn's Server, saying our lines right after its own "Uvicorn running on"."""

    def __init__(self, config: uvicorn.Config, lines: list[str]) -> None:
        super().__init__(config)
        self._lines = lines

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            _echo(self._lines)


def setup_code(settings: Settings) -> str | None:
    """A new one-time setup code while the school has no teacher (its hash is stored)."""
    from app.db import engine_for_settings, write_session
    from app.services.setup import issue_setup_code

    engine = engine_for_settings(settings)
    try:
        with write_session(engine) as session:
            return issue_setup_code(session, settings=settings)
    finally:
        engine.dispose()


def load_demo(settings: Settings) -> DemoSignIns:
    from app.db import engine_for_settings, write_session
    from app.services.demo import load_demo as load

    engine = engine_for_settings(settings)
    try:
        with write_session(engine) as session:
            return load(session, settings=settings)
    finally:
        engine.dispose()

"""Real `pleinmunt serve` processes for live and browser tests (sockets, restarts, crashes)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PLEINMUNT = str(Path(sys.executable).parent / "pleinmunt")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """One `pleinmunt serve` process; restartable on the same port and database."""

    def __init__(self, data_dir: Path, database_url: str | None = None, **env: str) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.env = {
            **os.environ,
            "PLEINMUNT_DATA_DIR": str(data_dir),
            "PLEINMUNT_ARGON2_TIME_COST": "1",
            "PLEINMUNT_ARGON2_MEMORY_KIB": "64",
            **env,
        }
        if database_url:
            self.env["PLEINMUNT_DATABASE_URL"] = database_url
        self.log_path = data_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, *args: str, input_text: str | None = None) -> str:
        """Run another `pleinmunt` command against the same data (e.g. `demo`)."""
        done = subprocess.run(
            [PLEINMUNT, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            input=input_text,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, timeout: float = 30, *, extra: tuple[str, ...] = ()) -> "LiveServer":
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [PLEINMUNT, "serve", "--port", str(self.port), *extra],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not come up:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

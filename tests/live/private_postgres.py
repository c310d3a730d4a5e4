"""A PostgreSQL server of the test's own, so a test can stop and restart it without touching
the machine's shared server (and everything else that uses it)."""

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from tests.servers import free_port

BIN = (
    Path("/usr/lib/postgresql") / (sorted(os.listdir("/usr/lib/postgresql")) or ["15"])[-1] / "bin"
)


class PrivatePostgres:
    def __init__(self) -> None:
        # Outside pytest's private temp dirs: the postgres user must be able to reach it.
        self.base = Path(tempfile.mkdtemp(prefix="pleinmunt-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        account = pwd.getpwnam("postgres")
        os.chown(self.base, account.pw_uid, account.pw_gid)
        self._as_postgres(
            [
                str(BIN / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/pleinmunt"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            [
                str(BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.base / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def create_database(self) -> None:
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as admin:
            admin.execute("CREATE DATABASE pleinmunt")

    def remove(self) -> None:
        subprocess.run(
            [str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
            user="postgres",
        )
        shutil.rmtree(self.base, ignore_errors=True)

    @staticmethod
    def _as_postgres(command: list[str]) -> None:
        done = subprocess.run(
            command, capture_output=True, text=True, user="postgres", cwd="/tmp", timeout=120
        )
        assert done.returncode == 0, done.stdout + done.stderr

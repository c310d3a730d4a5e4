"""A database that cannot be written stops `serve` and every command at once, with one clear
line and a non-zero exit, not a traceback (or, worse, a server that fails every tap).

The cases are made real without a second user: an immutable file (what a wrong owner or a
read-only file is to a process), a read-only bind mount, and a full tmpfs, the last two in a
private mount namespace (`unshare`)."""

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import PLEINMUNT, free_port

COMMANDS = [
    ("migrate",),
    ("serve", "--port", "{port}"),
    ("demo",),
    ("create-teacher", "juf", "--password-stdin"),
    ("backup",),
    ("export", "{tmp}/winners.csv"),
    ("draw",),
    ("purge", "--yes"),
]


def _env(data: Path) -> dict[str, str]:
    env = {**os.environ, "PLEINMUNT_DATA_DIR": str(data)}
    env.pop("PLEINMUNT_DATABASE_URL", None)
    return env


def _pleinmunt(
    data: Path, args: tuple[str, ...], *, setup: str = ""
) -> subprocess.CompletedProcess[str]:
    command = shlex.join([PLEINMUNT, *args])
    argv = (
        ["unshare", "-rm", "sh", "-c", f"{setup} exec {command}"] if setup else shlex.split(command)
    )
    return subprocess.run(
        argv,
        env=_env(data),
        input="speel-eerlijk-demo\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def _assert_stopped_with_one_line(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "cannot write the database" in lines[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert _pleinmunt(data, ("migrate",)).returncode == 0
    return data


@pytest.fixture
def immutable(data: Path) -> Iterator[Path]:
    database = data / "pleinmunt.sqlite3"
    subprocess.run(["chattr", "+i", str(database)], check=True)
    try:
        yield data
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)


@pytest.mark.parametrize("args", COMMANDS, ids=[args[0] for args in COMMANDS])
def test_every_command_stops_on_a_database_it_cannot_write(
    immutable: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    filled = tuple(arg.format(port=free_port(), tmp=tmp_path) for arg in args)
    _assert_stopped_with_one_line(_pleinmunt(immutable, filled))


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_serve_stops_on_a_read_only_file_system(data: Path) -> None:
    here = shlex.quote(str(data))
    setup = f"mount --bind {here} {here} && mount -o remount,ro,bind {here} &&"
    _assert_stopped_with_one_line(
        _pleinmunt(data, ("serve", "--port", str(free_port())), setup=setup)
    )


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_serve_stops_on_a_full_disk(data: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    size = (data / "pleinmunt.sqlite3").stat().st_size + 256 * 1024
    there, saved = shlex.quote(str(full)), shlex.quote(str(data))
    setup = (
        f"mount -t tmpfs -o size={size} tmpfs {there} && cp -a {saved}/. {there}/ &&"
        f" (dd if=/dev/zero of={there}/filler bs=4k 2>/dev/null; true) &&"
    )
    _assert_stopped_with_one_line(
        _pleinmunt(full, ("serve", "--port", str(free_port())), setup=setup)
    )

"""Files that hold children's data are private: database (with -wal and -shm), secret key,
backups and exports 0600, the data directory and the folders Pleinmunt creates 0700, whatever
the umask of the shell that started it."""

import os
import stat
import subprocess
from pathlib import Path

from sqlalchemy import text

from app.db import make_engine
from tests.servers import PLEINMUNT


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PLEINMUNT_DATA_DIR": str(data_dir),
        "PLEINMUNT_ARGON2_TIME_COST": "1",
        "PLEINMUNT_ARGON2_MEMORY_KIB": "64",
    }
    env.pop("PLEINMUNT_DATABASE_URL", None)
    return subprocess.run(
        [PLEINMUNT, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # a shell's usual umask: files 0644 by default
    )


def test_cli_creates_a_private_data_dir_database_and_key(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    done = _run(data, "demo")
    assert done.returncode == 0, done.stderr
    assert _mode(tmp_path / "new") == 0o700
    assert _mode(data) == 0o700
    assert _mode(data / "pleinmunt.sqlite3") == 0o600
    assert _mode(data / "secret_key") == 0o600


def test_cli_tightens_a_readable_data_dir_and_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _run(data, "migrate").returncode == 0
    data.chmod(0o755)
    (data / "pleinmunt.sqlite3").chmod(0o644)
    done = _run(data, "migrate")
    assert done.returncode == 0, done.stderr
    assert (_mode(data), _mode(data / "pleinmunt.sqlite3")) == (0o700, 0o600)


def test_sqlite_wal_and_shm_are_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        database = tmp_path / "db" / "school.sqlite3"
        engine = make_engine(f"sqlite:///{database}")
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            connection.commit()
            modes = {
                name: _mode(database.with_name(database.name + name))
                for name in ("", "-wal", "-shm")
            }
        engine.dispose()
    finally:
        os.umask(previous)
    assert modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
    assert _mode(database.parent) == 0o700


def test_backups_and_exports_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _run(data, "demo").returncode == 0
    done = _run(data, "backup", "--to", str(tmp_path / "kept" / "backups"))
    assert done.returncode == 0, done.stderr
    backups = tmp_path / "kept" / "backups"
    assert (_mode(tmp_path / "kept"), _mode(backups)) == (0o700, 0o700)
    assert [_mode(path) for path in backups.iterdir()] == [0o600]
    for name in ("winners.csv", "winners.xlsx"):
        exported = _run(data, "export", str(tmp_path / name))
        assert exported.returncode == 0, exported.stderr
        assert _mode(tmp_path / name) == 0o600

"""Backups and restores: SQLite through its online backup API, PostgreSQL through pg_dump.

Both run next to a serving process. SQLite's backup copies every page in one step, inside one
read transaction of the WAL (so writers go on, and the copy is one committed state; copied in
small steps, a busy schoolyard could restart it forever). pg_dump reads in one snapshot.
"""

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from app.domain.errors import Conflict, Invalid
from app.files import private_dir, private_file
from app.models.types import utcnow


@dataclass(frozen=True)
class BackupDone:
    path: Path
    coins: int


def backup(database_url: str, target_dir: Path) -> BackupDone:
    private_dir(target_dir)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    if database_url.startswith("sqlite"):
        path = target_dir / f"pleinmunt-{stamp}.sqlite3"
        _backup_sqlite(_sqlite_file(database_url), path)
        return BackupDone(path=path, coins=sqlite_coin_count(path))
    path = private_file(target_dir / f"pleinmunt-{stamp}.dump")  # pg_dump keeps its mode
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", _libpq_url(database_url)])
    return BackupDone(path=path, coins=-1)


def restore(database_url: str, backup_file: Path, *, replace: bool = False) -> None:
    if not backup_file.is_file():
        raise Invalid(f"{backup_file} is not a file")
    if database_url.startswith("sqlite"):
        _restore_sqlite(backup_file, _sqlite_file(database_url), replace=replace)
        return
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_libpq_url(database_url)}",
            str(backup_file),
        ]
    )


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own checks: empty when the file is sound and every reference resolves."""
    with sqlite3.connect(path) as db:
        problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {row}" for row in db.execute("PRAGMA foreign_key_check")]
    return problems


def sqlite_coin_count(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM coin").fetchone()[0])


def _backup_sqlite(source: Path, target: Path) -> None:
    if not source.exists():
        raise Invalid(f"there is no database at {source} to back up")
    private_file(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    problems = integrity_problems(target)
    if problems:
        target.unlink()
        raise Conflict(f"the backup failed its integrity check: {problems[:3]}")


def _restore_sqlite(backup_file: Path, target: Path, *, replace: bool) -> None:
    problems = integrity_problems(backup_file)
    if problems:
        raise Invalid(f"{backup_file} is damaged: {problems[:3]}")
    if target.exists() and not replace:
        raise Conflict(f"{target} exists; stop the server and pass --replace to overwrite it")
    private_dir(target.parent)
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    private_file(target)
    shutil.copyfile(backup_file, target)


def _sqlite_file(database_url: str) -> Path:
    return Path(make_url(database_url).database or "")


def _libpq_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise Invalid(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Conflict(f"{command[0]} failed: {done.stderr.strip()[:500]}")

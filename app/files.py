"""Files Pleinmunt writes hold children's data: only the service's own user may read them.

The database (and SQLite's ``-wal``/``-shm``, which SQLite creates with the database file's
mode), backups and exports are 0600, the data directory and the folders we create 0700,
whatever the umask of the shell or unit that started us (the systemd units also set
``UMask=0077``).
"""

import contextlib
import errno
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Create the folder (and its missing parents) 0700. An existing folder is left alone,
    unless ``tighten`` (the data directory, which is ours): then it is made 0700 too."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for folder in [*missing, *([path] if tighten else [])]:
        with contextlib.suppress(PermissionError):  # not ours (a mounted volume): keep it
            folder.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create the file empty and 0600 when it is missing; make an existing one 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        with contextlib.suppress(PermissionError):
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a whole file that only its owner may read (an export of children's names)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(fd, FILE_MODE)
        file.write(data)


def private_sqlite(database: Path) -> None:
    """The SQLite file exists 0600 before SQLite opens it, so its -wal and -shm are 0600 too;
    the folder that holds it is 0700. What an older version left readable is tightened."""
    private_dir(database.parent, tighten=True)
    private_file(database)
    for companion in (
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    ):
        if companion.exists():
            private_file(companion)


_PROBE_BYTES = 64 * 1024


def probe_writable(folder: Path) -> None:
    """Write, fsync and remove a small file in ``folder``: raises OSError when the folder is
    read-only, not ours or on a full disk (SQLite would only find out at the first write)."""
    probe = folder / f".pleinmunt-probe-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        if os.write(fd, b"\0" * _PROBE_BYTES) < _PROBE_BYTES:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)

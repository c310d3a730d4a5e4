"""Bringing a database's schema to the latest migration (every command does this first).

A database already at the head is recognised without importing Alembic: its migration
environment and scripts cost a long-running server about 10 MB it would hold for nothing
(bench/bench_footprint.py). The head is read from the shipped migration files' text;
tests/test_schema.py checks it against Alembic's own answer.
"""

import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from app.files import private_sqlite, probe_writable

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([0-9A-Za-z_]+)['\"]")


def alembic_config(database_url: str) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("app.migrations")))
    # ConfigParser interpolation would mangle a URL with "%" in its password.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revisions() -> set[str]:
    """The revisions no other migration builds on, read from the migration files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in files("app.migrations").joinpath("versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        for down, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            (parents if down else revisions).update(_QUOTED.findall(value))
    return revisions - parents


def current_revisions(database_url: str) -> set[str]:
    """The revisions the database is at; empty for a new or unreadable one (Alembic decides)."""
    url = make_url(database_url)
    # Connecting would create a missing file, with none of the care Alembic's path takes.
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        return set()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return {row[0] for row in rows}
    except SQLAlchemyError:
        return set()
    finally:
        engine.dispose()


class DatabaseNotWritable(Exception):
    """The database cannot be written (read-only, not ours, a full disk, unreachable): the
    message is the one line ``pleinmunt`` prints before it stops."""


def upgrade_to_head(database_url: str) -> None:
    """Make sure the database can be written, then migrate it to the head. Every command
    (``serve`` too) starts here, so none of them runs, or half-runs, on a database it cannot
    write."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        try:
            private_sqlite(database)  # files private first
            probe_writable(database.parent)
        except OSError as error:
            raise DatabaseNotWritable(
                f"cannot write the database {database}: {error.strerror or error} "
                "(check the disk, the file's owner and its permissions)"
            ) from None
    try:
        if current_revisions(database_url) == head_revisions():
            return
        from alembic import command

        command.upgrade(alembic_config(database_url), "head")
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
        raise DatabaseNotWritable(f"cannot write the database: {reason}") from None


def downgrade_to_base(database_url: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(database_url), "base")

"""Alembic environment: migrates the database the settings (or the caller) name."""

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import app.models  # noqa: F401  (registers every table on the metadata)
from app.db import make_engine
from app.models.types import UTCDateTime
from app.settings import get_settings

MIGRATION_LOCK_KEY = 7_264_002  # two processes starting together migrate one after the other


def render_item(kind: str, obj: object, _context: object) -> str | bool:
    """Write plain SQLAlchemy types into migrations, so old migrations never import app code."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if kind == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        compare_type=True,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        # One transaction for the whole upgrade on SQLite too (it has transactional DDL): an
        # upgrade is all or nothing, and alembic's default there (a commit and a new BEGIN per
        # migration on the same connection) would wait forever on our writers' lock, which
        # is only released when the connection goes back to the pool (app/db.py).
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or get_settings().resolved_database_url
    engine = make_engine(url, poolclass=pool.NullPool)
    # SQLite: the write option begins with BEGIN IMMEDIATE, which serializes migrators.
    # PostgreSQL: the session-level migration lock below does; the write option there would
    # also take the writers' lock at every BEGIN and deadlock two migrators against each other.
    options = {"pleinmunt_write": True} if engine.dialect.name == "sqlite" else {}
    with engine.execution_options(**options).connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
        try:
            run_migrations(connection)
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
                connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `pleinmunt migrate`")
run_online()

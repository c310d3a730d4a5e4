"""Engine and sessions: the one place that knows the database URL and its dialect quirks.

Transactions, decided once:
- SQLite (WAL, synchronous=FULL): reads begin with a plain ``BEGIN`` (one consistent snapshot for
  the whole request); writes begin with ``BEGIN IMMEDIATE`` so a second writer waits for the lock
  (busy_timeout) instead of failing half-way with "database is locked".
- PostgreSQL: reads run REPEATABLE READ so a board snapshot and its ``seq`` agree; writes run
  READ COMMITTED. Board events serialize on an advisory lock (see ``lock_event_sequence``).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
EVENT_LOCK_KEY = 7_264_001  # any constant; names the advisory lock that orders board events
_WRITE = "pleinmunt_write"


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 30)
        kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 40)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite would otherwise
        # start transactions lazily and never with IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged coin survives a power cut
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def engine_for_settings(settings: Settings) -> Engine:
    return make_engine(settings.resolved_database_url)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def session_for(engine: Engine, *, write: bool) -> Session:
    if is_sqlite(engine):
        bind = engine.execution_options(**{_WRITE: write})
    else:
        bind = engine.execution_options(
            isolation_level="READ COMMITTED" if write else "REPEATABLE READ"
        )
    return Session(bind=bind, expire_on_commit=False)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    with session_for(engine, write=True) as session:
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with session_for(engine, write=False) as session:
        yield session


def lock_event_sequence(session: Session) -> None:
    """Serialize board events until this transaction ends, so they commit in ``seq`` order.

    On PostgreSQL a sequence hands out numbers in call order, not commit order; holding a
    transaction-level advisory lock from allocation to commit closes that gap. SQLite has one
    writer at a time already.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_LOCK_KEY})


def check_database(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))

"""Engine and sessions: the one place that knows the database URL and its dialect quirks.

Transactions, decided once:
- SQLite (WAL, synchronous=FULL): reads begin with a plain ``BEGIN`` (one consistent snapshot for
  the whole request); writes begin with ``BEGIN IMMEDIATE`` behind an in-process lock, so a
  second writer waits its turn instead of failing half-way with "database is locked".
  A write transaction begins at its first statement, so a request must not start one in a
  dependency and continue it in another thread: the roles are resolved in a session of their
  own (app/api/deps.py) and the route's service does all its writing in one call.
- PostgreSQL: reads run REPEATABLE READ so a board snapshot and its ``seq`` agree; writes run
  READ COMMITTED and begin by taking one transaction-level advisory lock (one writer at a
  time across every process, like SQLite; see ``_postgres_one_writer``).
"""

import asyncio
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.files import private_sqlite
from app.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A writer waits this long for the writers' lock (SQLite: in-process; PostgreSQL: advisory),
# then its request answers 503 with Retry-After (app/api/errors.py) instead of hanging: the
# tablet retries the same coin.
WRITE_LOCK_TIMEOUT_SECONDS = 15.0
# A write on the event loop's own thread blocks every request while it waits for the lock. The
# tests make it an error (tests/conftest.py); a running school only logs it.
REFUSE_WRITES_ON_EVENT_LOOP = False
EVENT_LOCK_KEY = 7_264_001  # any constant; names the advisory lock that orders board events
_WRITE = "pleinmunt_write"
_HOLDS_LOCK = "pleinmunt_holds_write_lock"

log = logging.getLogger("pleinmunt")


class WriteLockTimeout(OperationalError):
    """The writers' lock stayed taken too long; answered like a database that is away."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            "BEGIN IMMEDIATE", None, TimeoutError(f"writers' lock still taken after {seconds} s")
        )


class WriteOnEventLoop(RuntimeError):
    """A write transaction began on the event loop's thread (use asyncio.to_thread)."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 30)
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "begin", _postgres_one_writer)
    return engine


def _postgres_one_writer(connection: Connection) -> None:
    """Write transactions take the writers' advisory lock before anything else, so the app's
    writers never hold row locks while waiting for each other (no deadlocks between a coin
    batch and a roster change), and board events commit in ``seq`` order. The same model as
    SQLite's single writer; reads never wait for it."""
    if connection.get_execution_options().get(_WRITE, False):
        _check_not_on_event_loop()
        # Bounded like SQLite's: past it PostgreSQL raises LockNotAvailable, answered 503.
        timeout_ms = int(WRITE_LOCK_TIMEOUT_SECONDS * 1000)
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {timeout_ms}")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({EVENT_LOCK_KEY})")


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        private_sqlite(Path(database))
    if "poolclass" not in kwargs:
        # Keep as many connections as the threadpool has threads: opening one costs pragmas.
        kwargs.setdefault("pool_size", 48)
        kwargs.setdefault("max_overflow", 32)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **kwargs,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    _serialize_sqlite_writers(engine)
    _use_wal(engine)
    return engine


def _use_wal(engine: Engine) -> None:
    """WAL lets readers run beside the writer. The journal mode stays with the file, so it is
    set once here: setting it on every new connection takes a lock and can stall behind a
    writer in SQLite's busy handler."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        connection.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let the "begin" listener issue BEGIN itself (pysqlite would otherwise start transactions
    # lazily and never with IMMEDIATE).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged coin survives a power cut
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _serialize_sqlite_writers(engine: Engine) -> None:
    """One writer at a time, queued in this process: a waiting writer wakes the moment the lock
    is free instead of polling SQLite's busy handler (busy_timeout still covers other
    processes, such as a `pleinmunt` command run next to the server)."""
    write_lock = threading.Lock()
    holder: list[int | None] = [None]  # the thread in a write transaction

    def release(info: dict[str, Any]) -> None:
        if info.pop(_HOLDS_LOCK, False):
            holder[0] = None
            write_lock.release()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if not connection.get_execution_options().get(_WRITE, False):
            connection.exec_driver_sql("BEGIN")
            return
        _check_not_on_event_loop()
        if holder[0] == threading.get_ident():
            # The lock is not re-entrant: waiting would wait for ourselves, for ever.
            raise RuntimeError("a second write transaction began in a thread that holds one")
        if not write_lock.acquire(timeout=WRITE_LOCK_TIMEOUT_SECONDS):
            log.warning("writers' lock still taken after %s s", WRITE_LOCK_TIMEOUT_SECONDS)
            raise WriteLockTimeout(WRITE_LOCK_TIMEOUT_SECONDS)
        holder[0] = threading.get_ident()
        connection.info[_HOLDS_LOCK] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except Exception:
            release(connection.info)
            raise

    # The transaction is over once its connection goes back to the pool (after the commit or
    # rollback) or is thrown away.
    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        release(record.info)

    @event.listens_for(engine, "invalidate")
    def _on_invalidate(_dbapi_connection: Any, record: Any, _exception: Any) -> None:
        release(record.info)


def _check_not_on_event_loop() -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return  # a worker thread, as it should be
    if REFUSE_WRITES_ON_EVENT_LOOP:
        raise WriteOnEventLoop("a write transaction began on the event loop's thread")
    log.warning("a write transaction began on the event loop's thread")


def engine_for_settings(settings: Settings) -> Engine:
    return make_engine(settings.resolved_database_url)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def session_for(engine: Engine, *, write: bool) -> Session:
    if is_sqlite(engine):
        bind = engine.execution_options(**{_WRITE: write})
    else:
        bind = engine.execution_options(
            isolation_level="READ COMMITTED" if write else "REPEATABLE READ", **{_WRITE: write}
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
    transaction-level advisory lock from allocation to commit closes that gap. Write sessions
    already hold it (taken at BEGIN); this covers any other session (taking it twice is
    harmless). SQLite has one writer at a time already.
    """
    bind = session.get_bind()
    if bind.dialect.name != "postgresql" or bind.get_execution_options().get(_WRITE, False):
        return
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_LOCK_KEY})


def check_database(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
